"""Registration deadlines and liquidated damages as of a date.

- Both deadlines count calendar days from the closing date (effectiveness: from the filing date
  when the agreement says so), then roll by the business-day convention on the matter's calendar.
  A `reviewed` event switches to the longer effectiveness period.
- Days in default run from the day after a missed deadline to the as-of date or the day the
  default is cured, whichever is earlier (both ends counted). A day on which several deadlines
  are missed counts once.
- After effectiveness, a suspension (blackout) is allowed for the agreement's days per period
  (consecutive days of one suspension) and per year (any 365 days); each suspended day beyond
  either allowance is a day in default, until the suspension ends. With neither allowance
  recorded, suspensions are shown but not judged.
- Damages = purchase price x rate% x days in default / period days, capped at cap% of the
  purchase price, rounded to the cent half-up.
"""

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from deadlines.calendars import roll

FORMULA = "purchase price × rate% × days in default ÷ period days, capped at cap% × purchase price"
CENT = Decimal("0.01")


class EventLike(Protocol):
    kind: str
    date: date


@dataclass(frozen=True)
class Terms:
    closing_date: date | None
    purchase_price: Decimal | None
    filing_days: int | None
    filing_date: date | None
    effectiveness_days: int | None
    effectiveness_days_if_reviewed: int | None
    counted_from_filing: bool
    convention: str
    rate: Decimal | None
    period_days: int | None
    cap: Decimal | None
    suspension_days_per_period: int | None = None
    suspension_days_per_year: int | None = None


@dataclass(frozen=True)
class Position:
    as_of: date
    filing_deadline: date | None
    effectiveness_deadline: date | None
    filed_on: date | None
    effective_on: date | None
    reviewed: bool
    days_in_default: int
    liquidated_damages_accrued: Decimal | None
    cap_amount: Decimal | None
    cap_remaining: Decimal | None
    suspended_days: int = 0
    suspension_days_in_excess: int = 0
    default_began: date | None = None
    formula: str = FORMULA


def _first(events: list[EventLike], kind: str, as_of: date) -> date | None:
    return next((e.date for e in events if e.kind == kind and e.date <= as_of), None)


def _default_span(deadline: date | None, cured: date | None, as_of: date) -> tuple[date, date] | None:
    """The days in default for one deadline, both ends included, or None."""
    if deadline is None:
        return None
    end = min(as_of, cured) if cured else as_of
    return (deadline + timedelta(days=1), end) if end > deadline else None


def _union_days(spans: list[tuple[date, date] | None]) -> tuple[int, date | None]:
    """Days covered by at least one span (overlapping defaults are not counted twice), and the first."""
    total, reached, first = 0, date.min, None
    for start, end in sorted(span for span in spans if span is not None):
        start = max(start, reached + timedelta(days=1)) if reached != date.min else start
        if end >= start:
            total += (end - start).days + 1
            reached = max(reached, end)
            first = first or start
    return total, first


def _suspensions(events: list[EventLike], as_of: date) -> list[list[date]]:
    """Each suspension after effectiveness as its suspended days (the resumption day is not one)."""
    runs: list[list[date]] = []
    effective, since = False, None
    for event in events:
        if event.date > as_of:
            break
        if event.kind == "effective":
            effective = True
        elif event.kind == "suspended" and effective and since is None:
            since = event.date
        elif event.kind == "resumed" and since is not None:
            runs.append([since + timedelta(days=i) for i in range((event.date - since).days)])
            since = None
    if since is not None:
        runs.append([since + timedelta(days=i) for i in range((as_of - since).days + 1)])
    return runs


def _excess_suspension_days(runs: list[list[date]], per_period: int | None, per_year: int | None) -> list[date]:
    """Suspended days beyond the allowance per suspension or within any 365 days."""
    excess: list[date] = []
    window: deque[date] = deque()  # suspended days in the 365 days ending on `day` (runs are in order)
    for run in runs:
        for index, day in enumerate(run, start=1):
            window.append(day)
            while window[0] <= day - timedelta(days=365):
                window.popleft()
            if (per_period is not None and index > per_period) or (per_year is not None and len(window) > per_year):
                excess.append(day)
    return excess


def position(terms: Terms, events: Iterable[EventLike], as_of: date, calendar: str) -> Position:
    events = sorted(events, key=lambda e: e.date)
    filed = _first(events, "filed", as_of)
    effective = _first(events, "effective", as_of)
    reviewed = _first(events, "reviewed", as_of) is not None
    filing_deadline = None
    if terms.filing_date:
        filing_deadline = roll(terms.filing_date, terms.convention, calendar)
    elif terms.closing_date and terms.filing_days is not None:
        filing_deadline = roll(terms.closing_date + timedelta(days=terms.filing_days), terms.convention, calendar)
    days = terms.effectiveness_days_if_reviewed if reviewed and terms.effectiveness_days_if_reviewed else terms.effectiveness_days
    base = filed if terms.counted_from_filing else terms.closing_date
    effectiveness_deadline = roll(base + timedelta(days=days), terms.convention, calendar) if base and days is not None else None
    runs = _suspensions(events, as_of)
    excess = _excess_suspension_days(runs, terms.suspension_days_per_period, terms.suspension_days_per_year)
    days_missed, began = _union_days([
        _default_span(filing_deadline, filed, as_of), _default_span(effectiveness_deadline, effective, as_of),
        *((day, day) for day in excess),
    ])
    return replace(
        _with_damages(terms, as_of, filing_deadline, effectiveness_deadline, filed, effective, reviewed, days_missed),
        suspended_days=sum(len(run) for run in runs), suspension_days_in_excess=len(excess), default_began=began,
    )


def _with_damages(terms, as_of, filing_deadline, effectiveness_deadline, filed, effective, reviewed, days) -> Position:  # type: ignore[no-untyped-def]
    accrued = cap_amount = remaining = None
    if terms.purchase_price is not None and terms.rate is not None and terms.period_days:
        raw = terms.purchase_price * terms.rate / 100 * days / terms.period_days
        if terms.cap is not None:
            cap_amount = (terms.purchase_price * terms.cap / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            raw = min(raw, cap_amount)
        accrued = raw.quantize(CENT, rounding=ROUND_HALF_UP)
        remaining = None if cap_amount is None else cap_amount - accrued
    return Position(as_of, filing_deadline, effectiveness_deadline, filed, effective, reviewed, days, accrued,
                    cap_amount, remaining)
