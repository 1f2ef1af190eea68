from datetime import date
from typing import Any

import django_filters
from django.db.models import QuerySet

from core.bounds import validate_law_date
from notes.models import Note, NoteStatus
from parties.models import Party

SORT_LABELS = {
    "maturity": "Maturity, soonest first", "-maturity": "Maturity, latest first",
    "principal": "Principal, smallest first", "-principal": "Principal, largest first",
    "holder": "Holder A-Z", "issuer": "Issuer A-Z",
}
SORTS = {
    "maturity": ("maturity_date", "id"), "-maturity": ("-maturity_date", "id"),
    "principal": ("principal", "id"), "-principal": ("-principal", "id"),
    "holder": ("holder__legal_name", "id"), "issuer": ("issuer__legal_name", "id"),
}


class NoteFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=NoteStatus.choices, empty_label="Any status")
    holder = django_filters.ModelChoiceFilter(queryset=Party.objects.none(), empty_label="Any holder")
    issuer = django_filters.ModelChoiceFilter(queryset=Party.objects.none(), empty_label="Any issuer")
    matures_after = django_filters.DateFilter(field_name="maturity_date", lookup_expr="gte", validators=[validate_law_date])
    matures_before = django_filters.DateFilter(field_name="maturity_date", lookup_expr="lte", validators=[validate_law_date])
    maturity_recorded = django_filters.BooleanFilter(
        field_name="maturity_date", lookup_expr="isnull", exclude=True, label="Maturity recorded",
    )
    sort = django_filters.ChoiceFilter(choices=[(k, SORT_LABELS[k]) for k in SORTS], method="sort_by",
                                       empty_label="Maturity, soonest first")

    class Meta:
        model = Note
        fields = ["status", "holder", "issuer"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the parties on notes this user may see: the choices must not reveal other matters.
        # A semi-join on the notes' party ids: no DISTINCT over every party column of every note.
        visible = self.queryset.order_by()
        self.filters["holder"].queryset = Party.objects.filter(pk__in=visible.values("holder_id")).order_by("legal_name")
        self.filters["issuer"].queryset = Party.objects.filter(pk__in=visible.values("issuer_id")).order_by("legal_name")

    def sort_by(self, queryset: QuerySet[Note], name: str, value: str) -> QuerySet[Note]:
        return queryset.order_by(*SORTS.get(value, ("maturity_date", "id")))


FILTER_LABELS = {"status": "Status", "holder": "Holder", "issuer": "Issuer", "matures_after": "Matures from",
                 "matures_before": "Matures to", "maturity_recorded": "Maturity recorded", "sort": "Sort"}


def _shown(filterset: NoteFilter, name: str, value: Any) -> str:
    if name in ("status", "sort"):
        return str(dict(filterset.form.fields[name].choices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def filters_in_words(filterset: NoteFilter) -> str:
    """The filters applied, in words ("Holder: Acme Corp; Status: Outstanding")."""
    if not filterset.form.is_valid():
        return ""
    return "; ".join(f"{label}: {_shown(filterset, name, value)}" for name, label in FILTER_LABELS.items()
                     if (value := filterset.form.cleaned_data.get(name)) not in (None, ""))
