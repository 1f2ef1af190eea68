"""Reads of rate indexes and their values. Every read of a day or a period is one query."""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from core.search import SearchHit
from deadlines.calendars import NY_BANKS
from rates import rules
from rates.models import RateIndex, RateValue


def rate_index_list() -> QuerySet[RateIndex]:
    """Every index with its latest value's date and rate (`latest_date`, `latest_rate`)."""
    latest = RateValue.objects.filter(index=OuterRef("pk")).order_by("-effective_date")
    return RateIndex.objects.annotate(
        latest_date=Subquery(latest.values("effective_date")[:1]),
        latest_rate=Subquery(latest.values("rate")[:1]),
    ).order_by("name", "id")


def rate_value_list(*, index: RateIndex, since: date | None = None, until: date | None = None) -> QuerySet[RateValue]:
    """The index's values, newest first, optionally from `since` to `until` (both included)."""
    values = RateValue.objects.filter(index=index).select_related("recorded_by")
    if since is not None:
        values = values.filter(effective_date__gte=since)
    if until is not None:
        values = values.filter(effective_date__lte=until)
    return values.order_by("-effective_date", "-id")


def rate_on(index: RateIndex, day: date) -> RateValue:
    """The value in effect on `day`: the latest with effective_date <= day; `RateMissing` if none."""
    value = (
        RateValue.objects.filter(index=index, effective_date__lte=day)
        .order_by("-effective_date")
        .first()
    )
    if value is None:
        raise rules.RateMissing(index.name, day)
    return value


def rates_on(index: RateIndex, days: Iterable[date]) -> dict[date, RateValue]:
    """`rate_on` for many days (e.g. every fixing of a schedule) from one query; `RateMissing`
    names the earliest day without a value."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    values = list(_covering(index, wanted[0], effective_date__lte=wanted[-1]))
    dates = [value.effective_date for value in values]
    found = {}
    for day in wanted:
        position = bisect_right(dates, day)
        if position == 0:
            raise rules.RateMissing(index.name, day)
        found[day] = values[position - 1]
    return found


def value_on_lookback(
    index: RateIndex, period_start: date, business_days_before: int, calendar: str = NY_BANKS
) -> RateValue:
    """A term rate's fixing: the value in effect `business_days_before` business days (on
    `calendar`, from `deadlines.calendars`) before the interest period starts."""
    return rate_on(index, rules.lookback_date(period_start, business_days_before, calendar))


def rate_segments(index: RateIndex, start: date, end: date) -> list[rules.Segment]:
    """The intervals of [start, end) on which one value of the index applies, from one query."""
    rows = _covering(index, start, effective_date__lt=end).values_list("effective_date", "rate")
    points = [rules.Point(effective_date=day, rate=rate) for day, rate in rows]
    return rules.segments(points, start, end, index=index.name)


def _covering(index: RateIndex, start: date, **until: date) -> QuerySet[RateValue]:
    """The value in effect on `start` and every later value up to `until`, oldest first, as one
    query (the value in effect on `start` is a subquery)."""
    in_effect_on_start = (
        RateValue.objects.filter(index=index, effective_date__lte=start)
        .values("index")
        .annotate(last=Max("effective_date"))
        .values("last")
    )
    return (
        RateValue.objects.filter(index=index, **until)
        .filter(Q(effective_date__gt=start) | Q(effective_date=Subquery(in_effect_on_start)))
        .order_by("effective_date")
    )


@dataclass(frozen=True)
class ValueChange:
    at: datetime
    action: str
    effective_date: date
    rate: Decimal
    who: str


ACTIONS = {"insert": "recorded", "update": "changed", "delete": "deleted"}


def value_history(index: RateIndex, *, limit: int = 100) -> list[ValueChange]:
    """The index's value events, newest first, from the rows django-pghistory's triggers wrote:
    a changed rate keeps its earlier rate in the row before it, a deleted value its last rate."""
    events = list(
        apps.get_model("rates", "RateValueEvent").objects.filter(index_id=index.pk)
        .select_related("pgh_context").order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    user_ids = {e.pgh_context.metadata.get("user") for e in events if e.pgh_context} - {None}
    names: dict[Any, str] = {u.pk: u.display_name for u in get_user_model().objects.filter(pk__in=user_ids)}
    return [
        ValueChange(
            at=e.pgh_created_at, action=ACTIONS.get(e.pgh_label, e.pgh_label), effective_date=e.effective_date,
            rate=e.rate, who=names.get((e.pgh_context.metadata if e.pgh_context else {}).get("user"), "system"),
        )
        for e in events
    ]


def search_hits(user: Any, query: str) -> list[SearchHit]:
    indexes = RateIndex.objects.filter(name__icontains=query).order_by("name")[:10]
    return [
        SearchHit("Rate index", index.name, reverse("rates:detail", args=[index.pk]), index.get_kind_display())
        for index in indexes
    ]
