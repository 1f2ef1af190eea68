from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from agreements.models import Agreement
from core.search import SearchHit
from matters.access import scope


def agreement_list(*, user: Any) -> QuerySet[Agreement]:
    return scope(user, Agreement.objects.select_related("matter", "parent")).prefetch_related(
        "agreement_parties__party"
    )


def search_hits(user: Any, query: str) -> list[SearchHit]:
    agreements = agreement_list(user=user).filter(
        Q(title__icontains=query) | Q(agreement_parties__defined_term__icontains=query)
    ).distinct()[:10]
    return [SearchHit("Agreement", str(a), reverse("agreements:detail", args=[a.pk]), a.matter.name) for a in agreements]
