"""The rules of floating rates, as pure functions (no database): which value is in effect on a
day, the intervals an accrual needs, a term rate's fixing date, and the all-in rate.

- A value applies from its effective date (included) until the next value's date (excluded).
- Segments are half-open [start, end), like accrual periods: the end day accrues in the next one.
- A term rate (Term SOFR, legacy LIBOR) is fixed for an interest period from the value in effect
  a stated number of business days before the period starts (the lookback).
- The all-in rate is the index plus the spread (which may be negative: "prime minus 1%"); a floor
  or cap applies to the all-in rate. A negative all-in rate with no floor is refused: an agreement
  that lets the rate go below zero says so with a floor, and counsel must read which.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from deadlines.calendars import NY_BANKS, add_business_days

ZERO = Decimal("0")
MAX_LOOKBACK_DAYS = 30

RATE_MISSING = "{index} has no value on or before {day:%Y-%m-%d}; record the rate in effect on that day."
NEGATIVE_ALL_IN = (
    "The all-in rate {rate} is below zero and no floor is set; "
    "enter the floor the agreement states (0.00% is common)."
)
FLOOR_ABOVE_CAP = "The floor {floor} is above the cap {cap}."
LOOKBACK_OUT_OF_RANGE = f"The lookback must be between 0 and {MAX_LOOKBACK_DAYS} business days."
SEGMENT_END_BEFORE_START = "The end of the period must be after its start."


class RateMissing(LookupError):
    """No value of the index is in effect on the day asked for."""

    def __init__(self, index: str, day: date) -> None:
        self.index, self.day = index, day
        super().__init__(RATE_MISSING.format(index=index, day=day))


class RateRefused(ValueError):
    """Terms that give no usable rate: a negative all-in rate without floor, a floor above the cap."""

    def __init__(self, message: str, field: str) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Point:
    """One value of an index: `rate` percent a year from `effective_date`."""

    effective_date: date
    rate: Decimal


@dataclass(frozen=True)
class Segment:
    """`rate` applies on every day from `start` (included) to `end` (excluded)."""

    start: date
    end: date
    rate: Decimal
    effective_date: date  # of the value the rate comes from

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def value_in_effect(points: Sequence[Point], day: date, *, index: str = "The index") -> Point:
    """The latest point on or before `day`; `points` sorted by date ascending."""
    position = bisect_right([p.effective_date for p in points], day)
    if position == 0:
        raise RateMissing(index, day)
    return points[position - 1]


def segments(points: Sequence[Point], start: date, end: date, *, index: str = "The index") -> list[Segment]:
    """The intervals of [start, end) on which one rate applies; `points` sorted ascending and
    including the value in effect on `start`. Consecutive equal rates stay separate segments,
    each naming its own value, so an explanation can cite the value each day came from."""
    if end <= start:
        raise ValueError(SEGMENT_END_BEFORE_START)
    first = value_in_effect(points, start, index=index)
    later = [p for p in points if start < p.effective_date < end]
    starts = [first, *later]
    bounds = [start, *(p.effective_date for p in later), end]
    return [
        Segment(start=bounds[i], end=bounds[i + 1], rate=point.rate, effective_date=point.effective_date)
        for i, point in enumerate(starts)
    ]


def lookback_date(period_start: date, business_days_before: int, calendar: str = NY_BANKS) -> date:
    """The fixing day: `business_days_before` business days before the period starts."""
    if not 0 <= business_days_before <= MAX_LOOKBACK_DAYS:
        raise ValueError(LOOKBACK_OUT_OF_RANGE)
    return add_business_days(period_start, -business_days_before, calendar)


def applicable_rate(
    index_rate: Decimal, spread: Decimal, floor: Decimal | None = None, cap: Decimal | None = None
) -> Decimal:
    """The all-in rate: index + spread, then the floor, then the cap (percent a year)."""
    if floor is not None and cap is not None and floor > cap:
        raise RateRefused(FLOOR_ABOVE_CAP.format(floor=percent(floor), cap=percent(cap)), "cap")
    rate = index_rate + spread
    if floor is not None:
        rate = max(rate, floor)
    if cap is not None:
        rate = min(rate, cap)
    if rate < ZERO and floor is None:
        raise RateRefused(NEGATIVE_ALL_IN.format(rate=percent(rate)), "floor")
    return rate


def explain(
    index_name: str, index_rate: Decimal, spread: Decimal,
    floor: Decimal | None = None, cap: Decimal | None = None,
) -> str:
    """The words shown to users: "Prime (WSJ) 7.25% - 1.00% = 6.25%"."""
    all_in = applicable_rate(index_rate, spread, floor, cap)
    raw = index_rate + spread
    sign = "-" if spread < ZERO else "+"
    words = f"{index_name} {percent(index_rate)} {sign} {percent(abs(spread))} = {percent(raw)}"
    if floor is not None and raw < floor:
        words += f"; floor {percent(floor)} applies: {percent(all_in)}"
    if cap is not None and raw > cap:
        words += f"; cap {percent(cap)} applies: {percent(all_in)}"
    return words


def percent(value: Decimal) -> str:
    """7.25 -> "7.25%", 7 -> "7.00%", 5.3125 -> "5.3125%": two places, more only when needed."""
    text = f"{value.normalize():f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.ljust(2, "0")
    return f"{whole}.{fraction}%"
