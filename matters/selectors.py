from dataclasses import replace
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from core.history import HistoryRow, history_rows
from core.search import SearchHit
from matters.access import visible_matters
from matters.models import Matter, Membership, MembershipRole


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


def can_manage_members(user: Any, matter: Matter) -> bool:
    return bool(user.is_authenticated and (user.is_admin or user in lead_counsel(matter)))


def matter_history(matter: Matter) -> list[HistoryRow]:
    """The matter's changes and every membership change (added, role changed, removed), newest first."""
    event_model = apps.get_model("matters", "MembershipEvent")
    members = dict(event_model.objects.filter(matter=matter).values_list("pgh_obj_id", "user__username").distinct())
    rows = history_rows(matter)
    if members:
        rows += [replace(row, action=f"{row.action} membership of {members[int(row.object_id)]}")
                 for row in history_rows(*(Membership(pk=pk) for pk in members))]
    return sorted(rows, key=lambda row: row.at, reverse=True)
