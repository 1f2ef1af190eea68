"""Every write to matters and their membership."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import Role
from matters.models import Matter, MatterVisit, Membership, MembershipRole

MEMBER_MUST_BE_COUNSEL = "Only counsel and admins can be members of a matter."
ONLY_LEADS_MANAGE = "Only lead counsel or an admin can add or remove members or change their roles."
LAST_LEAD = ("{name} is the matter's only lead counsel. Make another member lead counsel first: "
             "a matter always keeps at least one.")
MATTER_FIELDS = ("name", "client", "status", "description", "holiday_calendar")


@transaction.atomic
def matter_create(*, data: dict[str, Any], by: Any) -> Matter:
    matter = Matter()
    for field in MATTER_FIELDS:
        if field in data:
            setattr(matter, field, data[field])
    matter.full_clean()
    matter.save()
    if by is not None and by.role == Role.COUNSEL:
        membership_add(matter=matter, user=by, role=MembershipRole.LEAD)
    return matter


@transaction.atomic
def matter_update(*, matter: Matter, data: dict[str, Any]) -> Matter:
    for field in MATTER_FIELDS:
        if field in data:
            setattr(matter, field, data[field])
    matter.full_clean()
    matter.save()
    return matter


def _ensure_manager(matter: Matter, by: Any) -> None:
    """`by` None is the system itself (matter creation, the demo loader); people need to be
    an admin or lead counsel of the matter."""
    if by is None or by.is_admin:
        return
    if not matter.memberships.filter(user=by, role=MembershipRole.LEAD).exists():
        raise PermissionDenied(ONLY_LEADS_MANAGE)


def _ensure_another_lead(membership: Membership) -> None:
    others = Membership.objects.filter(matter_id=membership.matter_id, role=MembershipRole.LEAD).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError({"role": LAST_LEAD.format(name=membership.user)})


@transaction.atomic
def membership_add(*, matter: Matter, user: Any, role: str = MembershipRole.COUNSEL, by: Any = None) -> Membership:
    """Add a member or change a member's role (the matter row is locked, so two removals cannot
    leave it without a lead)."""
    _ensure_manager(matter, by)
    if user.role == Role.FINANCE:
        raise ValidationError({"user": MEMBER_MUST_BE_COUNSEL})
    Matter.objects.select_for_update().get(pk=matter.pk)
    existing = Membership.objects.filter(matter=matter, user=user).select_related("user").first()
    if existing is not None and existing.role == MembershipRole.LEAD and role != MembershipRole.LEAD:
        _ensure_another_lead(existing)
    membership, _ = Membership.objects.update_or_create(
        matter=matter, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any = None) -> None:
    _ensure_manager(membership.matter, by)
    Matter.objects.select_for_update().get(pk=membership.matter_id)
    if membership.role == MembershipRole.LEAD:
        _ensure_another_lead(membership)
    membership.delete()


def matter_visit_record(*, matter: Matter, user: Any, at: datetime) -> MatterVisit:
    """Moves the user's reading marker on the matter to `at` (never backwards)."""
    visit, created = MatterVisit.objects.get_or_create(matter=matter, user=user, defaults={"seen_at": at})
    if not created and visit.seen_at < at:
        visit.seen_at = at
        visit.full_clean()
        visit.save(update_fields=["seen_at"])
    return visit
