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

    @property
    def filing_days_late(self) -> int:
        return _days_late(self.filing_deadline, self.filed_on)

    @property
    def effectiveness_days_late(self) -> int:
        return _days_late(self.effectiveness_deadline, self.effective_on)


def _days_late(deadline: date | None, done: date | None) -> int:
    """Days after the deadline the thing was done (0 when on time or not done)."""
    return max(0, (done - deadline).days) if deadline and done else 0


def _first(events: list[EventLike], kind: str, as_of: date) -> date | None:
    return next((e.date for e in events if e.kind == kind and e.date <= as_of), None)


def _default_span(deadline: date | None, cured: date | None, as_of: date) -> tuple[date, date] | None:
    """The days in default for one deadline, both ends included, or None."""
    if deadline is None:
        return None
    end = min(as_of, cured) if cured else as_of
    return (deadline + timedelta(days=1), end) if end > deadline else None


Span = tuple[date, date]  # both ends included


def _union_days(spans: Iterable[Span | None]) -> tuple[int, date | None]:
    """Days covered by at least one span (overlapping defaults are not counted twice), and the first."""
    total, reached, first = 0, None, None
    for start, end in sorted(span for span in spans if span is not None):
        if reached is not None:
            start = max(start, reached + timedelta(days=1))
        if end >= start:
            total += (end - start).days + 1
            reached = end if reached is None else max(reached, end)
            first = first or start
    return total, first


def _suspensions(events: list[EventLike], as_of: date) -> list[Span]:
    """Each suspension after effectiveness as the span of its suspended days (the resumption day is not one)."""
    runs: list[Span] = []
    effective, since = False, None
    for event in events:
        if event.date > as_of:
            break
        if event.kind == "effective":
            effective = True
        elif event.kind == "suspended" and effective and since is None:
            since = event.date
        elif event.kind == "resumed" and since is not None:
            if event.date > since:
                runs.append((since, event.date - timedelta(days=1)))
            since = None
    if since is not None:
        runs.append((since, as_of))
    return runs


def _excess_suspension_days(runs: list[Span], per_period: int | None, per_year: int | None) -> list[Span]:
    """Suspended days beyond the allowance per suspension or within any 365 days, as spans.

    Computed on day ordinals by intervals, never day by day: an open suspension runs to the as-of
    date, which may be centuries away."""
    excess: list[Span] = []
    if per_period is not None:
        excess += [(start + timedelta(days=per_period), end) for start, end in runs if (end - start).days + 1 > per_period]
    if per_year is not None:
        ordinal_runs = [(start.toordinal(), end.toordinal()) for start, end in runs]
        excess += [(date.fromordinal(a), date.fromordinal(b)) for a, b in _beyond_yearly(ordinal_runs, per_year)]
    return excess


def _suspended_in_year_to(day: int, runs: list[tuple[int, int]]) -> int:
    """Suspended days in the 365 days ending on `day` (an ordinal)."""
    return sum(max(0, min(end, day) - max(start, day - 364) + 1) for start, end in runs)


def _beyond_yearly(runs: list[tuple[int, int]], allowed: int) -> list[tuple[int, int]]:
    """The suspended days on which more than `allowed` days were suspended in the 365 days ending
    that day. That count is linear between the breakpoints (a run starts or ends, or leaves the
    365-day window), so each piece is solved as a linear inequality."""
    last = max((end for _, end in runs), default=0)
    points = sorted({p for start, end in runs for p in (start, end + 1, start + 365, end + 366) if p <= last + 1})
    found: list[tuple[int, int]] = []
    for low, high in zip(points, points[1:], strict=False):
        high -= 1  # the piece is low..high, both included
        if not any(start <= low <= end for start, end in runs):
            continue  # pieces are wholly inside or outside a run
        value = _suspended_in_year_to(low, runs)
        slope = _suspended_in_year_to(low + 1, runs) - value if high > low else 0
        if slope == 0:
            first, final = (low, high) if value > allowed else (1, 0)
        elif slope > 0:
            first, final = low + max(0, (allowed - value) // slope + 1), high
        else:
            first, final = low, min(high, low + (value - allowed - 1) // -slope)
        if first <= final:
            found.append((first, final))
    return found


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
        _default_span(filing_deadline, filed, as_of), _default_span(effectiveness_deadline, effective, as_of), *excess,
    ])
    return replace(
        _with_damages(terms, as_of, filing_deadline, effectiveness_deadline, filed, effective, reviewed, days_missed),
        suspended_days=sum((end - start).days + 1 for start, end in runs), suspension_days_in_excess=_union_days(excess)[0],
        default_began=began,
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
