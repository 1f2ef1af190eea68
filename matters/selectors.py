from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from core.search import SearchHit
from matters.access import visible_matters
from matters.models import Matter, MembershipRole


def matter_list(*, user: Any, query: str = "", status: str = "") -> QuerySet[Matter]:
    matters = visible_matters(user).select_related("client").annotate(
        member_count=Count("memberships", distinct=True)
    )
    if query:
        matters = matters.filter(Q(name__icontains=query) | Q(client__legal_name__icontains=query))
    if status:
        matters = matters.filter(status=status)
    return matters.order_by("name", "id")


def lead_counsel(matter: Matter) -> list[Any]:
    return [m.user for m in matter.memberships.select_related("user") if m.role == MembershipRole.LEAD]


def search_hits(user: Any, query: str) -> list[SearchHit]:
    return [
        SearchHit("Matter", m.name, reverse("matters:detail", args=[m.pk]), m.client.legal_name)
        for m in matter_list(user=user, query=query)[:10]
    ]
