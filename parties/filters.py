import django_filters

from parties.models import Party, PartyKind


class PartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices, empty_label="Any kind")
    jurisdiction = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Party
        fields = ["q", "kind", "jurisdiction"]

    def filter_q(self, queryset, name, value):  # type: ignore[no-untyped-def]
        from django.db.models import Q

        return queryset.filter(
            Q(legal_name__icontains=value) | Q(people__name__icontains=value)
        ).distinct()
