import django_filters
from django.db.models import QuerySet

from notes.models import Note, NoteStatus
from parties.models import Party

SORTS = {
    "maturity": ("maturity_date", "id"), "-maturity": ("-maturity_date", "id"),
    "principal": ("principal", "id"), "-principal": ("-principal", "id"),
    "holder": ("holder__legal_name", "id"), "issuer": ("issuer__legal_name", "id"),
}


class NoteFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=NoteStatus.choices, empty_label="Any status")
    holder = django_filters.ModelChoiceFilter(queryset=Party.objects.filter(notes_held__isnull=False).distinct())
    issuer = django_filters.ModelChoiceFilter(queryset=Party.objects.filter(notes_issued__isnull=False).distinct())
    matures_after = django_filters.DateFilter(field_name="maturity_date", lookup_expr="gte")
    matures_before = django_filters.DateFilter(field_name="maturity_date", lookup_expr="lte")
    sort = django_filters.ChoiceFilter(choices=[(k, k) for k in SORTS], method="sort_by", empty_label="Maturity")

    class Meta:
        model = Note
        fields = ["status", "holder", "issuer"]

    def sort_by(self, queryset: QuerySet[Note], name: str, value: str) -> QuerySet[Note]:
        return queryset.order_by(*SORTS.get(value, ("maturity_date", "id")))
