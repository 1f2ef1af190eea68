"""Day counts (2006 ISDA Definitions 4.16) as exact integers and fractions; rounding to the cent."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
BASIS_LCM = 1_603_080  # lcm(360, 365, 366): every day count over it is a whole number
ZERO = Decimal("0")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_parts(start: date, end: date, convention: str) -> list[tuple[int, int]]:
    """The period as (days, days in the year) parts whose sum of days/basis is the year fraction."""
    if end <= start:
        return []
    if convention == "30/360":
        d1 = 30 if start.day == 31 else start.day
        d2 = 30 if end.day == 31 and d1 == 30 else end.day
        return [(360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1), 360)]
    if convention == "30E/360":
        d1, d2 = min(start.day, 30), min(end.day, 30)
        return [(360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1), 360)]
    if convention == "ACT/360":
        return [((end - start).days, 360)]
    if convention == "ACT/365F":
        return [((end - start).days, 365)]
    if convention == "ACT/ACT":
        parts = []
        cursor = start
        while cursor < end:
            segment_end = min(end, date(cursor.year + 1, 1, 1))
            parts.append(((segment_end - cursor).days, 366 if _is_leap(cursor.year) else 365))
            cursor = segment_end
        return parts
    raise ValueError(f"Unknown day-count convention {convention!r}")


def weighted_days(start: date, end: date, convention: str) -> int:
    """The year fraction x BASIS_LCM, an integer."""
    return sum(days * (BASIS_LCM // basis) for days, basis in day_parts(start, end, convention))


def year_fraction(start: date, end: date, convention: str) -> Fraction:
    """Exact (a Fraction): interest is only rounded when shown or posted."""
    return Fraction(weighted_days(start, end, convention), BASIS_LCM)
