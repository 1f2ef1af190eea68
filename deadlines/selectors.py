from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from deadlines.models import Obligation, ObligationStatus
from matters.access import scope, visible_matters

BUCKETS = ("Overdue", "Next 7 days", "Next 30 days", "Next 90 days")


def people_for_matter(matter: Any) -> QuerySet[Any]:
    """Active users who can open `matter` under the access rule (matters.access.visible_matters):
    admins, its members, and finance users of its client."""
    from django.contrib.auth import get_user_model

    allowed = [user.pk for user in get_user_model().objects.filter(is_active=True)
               if visible_matters(user).filter(pk=matter.pk).exists()]
    return get_user_model().objects.filter(pk__in=allowed).order_by("username")


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


def matter_obligations(matter: Any, today: date) -> QuerySet[Obligation]:
    """A matter's deadlines: overdue first (oldest first), then open ones by date, then the rest
    (done, waived, missed, superseded), most recent first."""
    rank = Case(
        When(status=ObligationStatus.OPEN, due_date__lt=today, then=Value(0)),
        When(status=ObligationStatus.OPEN, then=Value(1)),
        default=Value(2),
    )
    return (matter.obligations.select_related("matter", "responsible_party")
            .annotate(rank=rank).order_by("rank", "due_date", "id"))


def search_hits(user: Any, query: str) -> list[Any]:
    from django.urls import reverse

    from core.search import SearchHit

    rows = obligations_for(user).filter(Q(title__icontains=query) | Q(clause__icontains=query))[:10]
    return [SearchHit("Deadline", o.title, reverse("deadlines:detail", args=[o.pk]), f"{o.due_date} · {o.matter.name}")
            for o in rows]


def home_panel(user: Any, today: date) -> dict[str, Any] | None:
    """Counsel's home: overdue deadlines (in red) and those due this week, on matters they may open."""
    rows = list(obligations_for(user).filter(status=ObligationStatus.OPEN, due_date__lte=today + timedelta(days=7))
                .order_by("due_date", "id")[:30])
    return {"overdue": [o for o in rows if o.due_date and o.due_date < today],
            "this_week": [o for o in rows if not o.due_date or o.due_date >= today], "today": today}


def failed_deliveries_panel(user: Any, today: date) -> dict[str, Any] | None:
    """An admin's home: the emails that could not be sent."""
    from deadlines.models import Delivery, DeliveryStatus

    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED)
    return {"count": failed.count(), "latest": list(failed.order_by("-id")[:5])}


@dataclass(frozen=True)
class Due:
    obligation: Obligation
    overdue: bool
    url: str  # its source's page (the note, the closing...), else the deadline's own


@dataclass(frozen=True)
class DueWithin:
    start: date
    end: date
    rows: list[Due]
    more: int  # left out of `rows`


def due_within(user: Any, start: date, days: int = 30, *, today: date, limit: int = 50) -> DueWithin:
    """What falls due from `start` to `days` later on the matters the user may open, soonest first,
    after what is still open from before `start` (overdue by then). Each row links to its source.
    A fixed number of queries: the rows, their count, and one per kind of source."""
    end = start + timedelta(days=days)
    wanted = obligations_for(user).filter(
        Q(status=ObligationStatus.OPEN, due_date__lt=start)
        | (Q(due_date__gte=start, due_date__lte=end) & ~Q(status=ObligationStatus.SUPERSEDED)))
    rows = list(wanted.prefetch_related("source").order_by("due_date", "id")[:limit])
    more = wanted.count() - len(rows)
    late = max(start, today)

    def url(obligation: Obligation) -> str:
        source_url = getattr(obligation.source, "get_absolute_url", None)
        return source_url() if source_url else obligation.get_absolute_url()

    return DueWithin(start, end, [Due(o, o.status == ObligationStatus.OPEN and o.due_date is not None and o.due_date < late,
                                      url(o)) for o in rows], more)
