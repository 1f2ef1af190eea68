"""The access rule, in one place. Every view and API endpoint goes through it.

- Admins see and edit every matter.
- Counsel see and edit the matters they are members of.
- Finance users (a client's CFO) read every matter of their company and edit nothing, except that
  they record their company's compliance certificates' figures (`can_report_figures`).
- Anyone else gets 404: a matter they may not see does not exist for them.
"""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from matters.models import Matter

M = TypeVar("M", bound=Model)

READ_ONLY = "Your role can read this matter but not change it."


def visible_matters(user: Any) -> QuerySet[Matter]:
    if not user.is_authenticated or not user.is_active:
        return Matter.objects.none()
    if user.is_admin:
        return Matter.objects.all()
    if user.is_finance:
        return Matter.objects.filter(client_id=user.company_id)
    return Matter.objects.filter(memberships__user=user)


def visible_matter_q(user: Any, lookup: str = "matter") -> Q:
    """A filter for any record that belongs to a matter through `lookup`."""
    if user.is_authenticated and user.is_active and user.is_admin:
        return Q()
    return Q(**{f"{lookup}__in": visible_matters(user).values("pk")})


def can_edit_matter(user: Any, matter: Matter) -> bool:
    if not user.is_authenticated or not user.is_active or user.is_finance:
        return False
    if user.is_admin:
        return True
    return matter.memberships.filter(user=user).exists()


def can_report_figures(user: Any, matter: Matter) -> bool:
    """Who may record a compliance certificate's reported figures: whoever may edit the matter,
    and the finance users of its client (the CFO who signs the certificate). It is the one write a
    finance user may make; recording it also opens the default workflow a breach calls for."""
    if can_edit_matter(user, matter):
        return True
    return bool(user.is_authenticated and user.is_active and user.is_finance and matter.client_id == user.company_id)


def matter_for_reporting(user: Any, pk: Any) -> Matter:
    """`matter_for_user` for recording a certificate's figures (see `can_report_figures`)."""
    matter = matter_for_user(user, pk)
    if not can_report_figures(user, matter):
        raise PermissionDenied(READ_ONLY)
    return matter


def _party_sources() -> list[tuple[Any, str, str]]:
    """(model, its party column, its path to a matter) for every kind of record that names a party,
    found from the models, so a new app's links count without this module knowing the app: a
    record with a `matter`, or one step further through a record that has one (an agreement's
    parties). History rows (django-pghistory events) are not sources."""
    from parties.models import Party

    def has_matter(model: Any) -> bool:
        return any(f.name == "matter" for f in model._meta.get_fields())

    sources: list[tuple[Any, str, str]] = []
    for rel in Party._meta.related_objects:
        model, field = rel.related_model, rel.field
        names = {f.name for f in model._meta.get_fields()}
        if "pgh_obj" in names or model is Party:
            continue
        column = field.attname if rel.many_to_one or rel.one_to_one else field.name
        if model is Matter:
            sources.append((model, column, "pk"))
        elif has_matter(model):
            sources.append((model, column, "matter"))
        else:
            sources += [(model, column, f"{f.name}__matter") for f in model._meta.get_fields()
                        if f.many_to_one and f.related_model not in (None, Party) and has_matter(f.related_model)]
    return sources


def visible_parties_q(user: Any) -> Q:
    """The directory a user may read. The firm's own people (admins, counsel) read it whole; a
    client's finance user reads only its own company and the parties named in the matters it may
    open (parties to their agreements, holders, recipients...), never other clients' addresses."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if not user.is_finance:
        return Q()
    matters = visible_matters(user).values("pk")
    q = Q(pk=user.company_id)
    for model, column, path in _party_sources():
        q |= Q(pk__in=model._default_manager.filter(**{f"{path}__in": matters}).values(column))
    return q


def can_edit_directory(user: Any) -> bool:
    """Parties are a shared directory: counsel and admins edit it, finance users read it."""
    return bool(user.is_authenticated and user.is_active and not user.is_finance)


def scope(user: Any, queryset: QuerySet[M], lookup: str = "matter") -> QuerySet[M]:
    return queryset.filter(visible_matter_q(user, lookup))


def matter_for_user(user: Any, pk: Any, *, write: bool = False) -> Matter:
    matter = visible_matters(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if matter is None:
        raise Http404("No such matter.")
    if write and not can_edit_matter(user, matter):
        raise PermissionDenied(READ_ONLY)
    return matter


def object_for_user(
    user: Any, queryset: QuerySet[M], pk: Any, *, write: bool = False, lookup: str = "matter"
) -> M:
    """Fetch a record that belongs to a matter: 404 if the user cannot see it, 403 on a
    write the user may not make."""
    obj = scope(user, queryset, lookup).filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        raise Http404("Not found.")
    if write and not can_edit_matter(user, _matter_of(obj, lookup)):
        raise PermissionDenied(READ_ONLY)
    return obj


def require_writer(user: Any) -> None:
    """Finance users never write: 403 before any form is shown or parsed."""
    if not user.is_authenticated or user.is_finance:
        raise PermissionDenied(READ_ONLY)


def _matter_of(obj: Any, lookup: str) -> Matter:
    for part in lookup.split("__"):
        obj = getattr(obj, part)
    return obj


OTHER_MATTER = "Choose a record of this matter; {label} {pk} belongs to another matter or does not exist."


def ensure_in_matter(matter: Matter, **records: Any) -> None:
    """Services call this with every related record a user chose: each must belong to `matter`.

    A value is a record with a `matter_id`, an iterable of such records, or None. The error names
    the field, so pages show it next to the field and the API answers 400 with that field.
    """
    errors: dict[str, list[str]] = {}
    for field, value in records.items():
        if value is None:
            continue
        items: list[Any] = [value] if isinstance(value, Model) else list(value)
        for item in items:
            if item.matter_id != matter.pk:
                label = item._meta.verbose_name
                errors.setdefault(field, []).append(OTHER_MATTER.format(label=label, pk=item.pk))
    if errors:
        raise ValidationError(errors)
