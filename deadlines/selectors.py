from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from deadlines.models import Obligation, ObligationStatus
from matters.access import scope

BUCKETS = ("Overdue", "Next 7 days", "Next 30 days", "Next 90 days")


def obligations_for(user: Any) -> QuerySet[Obligation]:
    return scope(user, Obligation.objects.select_related("matter", "responsible_party"))


def my_deadlines(user: Any, today: date) -> dict[str, list[tuple[Obligation, bool]]]:
    """Open deadlines the user may see in the next 90 days, bucketed; (obligation, is it mine)."""
    rows = obligations_for(user).filter(
        status=ObligationStatus.OPEN, due_date__lte=today + timedelta(days=90)
    ).order_by("due_date", "id")
    mine = set(obligations_for(user).filter(Q(assignees=user) | Q(watchers=user)).values_list("pk", flat=True))
    buckets: dict[str, list[tuple[Obligation, bool]]] = {name: [] for name in BUCKETS}
    for obligation in rows:
        days = ((obligation.due_date or today) - today).days
        name = BUCKETS[0] if days < 0 else BUCKETS[1] if days <= 7 else BUCKETS[2] if days <= 30 else BUCKETS[3]
        buckets[name].append((obligation, obligation.pk in mine))
    return buckets


def search_hits(user: Any, query: str) -> list[Any]:
    from django.urls import reverse

    from core.search import SearchHit

    rows = obligations_for(user).filter(Q(title__icontains=query) | Q(clause__icontains=query))[:10]
    return [SearchHit("Deadline", o.title, reverse("deadlines:detail", args=[o.pk]), f"{o.due_date} · {o.matter.name}")
            for o in rows]
