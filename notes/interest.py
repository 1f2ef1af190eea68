"""Simple interest on a note, as documented to users and in the API schema.

- Interest is simple, on outstanding principal, from the issue date; the position as of the
  issue date has zero interest. Days count from the start date up to, not including, the end.
- Accrual is split into segments at every payment and rate change; each segment's year fraction
  uses the note's day-count convention from its start date to its end date:
  30/360 (Bond Basis, 2006 ISDA Definitions 4.16(f)), ACT/360, ACT/365F, ACT/ACT (ISDA: days in a
  leap year over 366, the others over 365).
- A payment first settles the interest accrued to its date, rounded to the cent half-up, then
  principal; the reduced principal accrues from the payment date on.
- A rate change applies to the days from its effective date on.
- Positions are exact decimals, rounded to the cent (half-up) only when shown or posted.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Protocol

CENT = Decimal("0.01")
ZERO = Decimal("0")
CONVENTIONS_TEXT = __doc__ or ""


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def to_decimal(value: Fraction) -> Decimal:
    with localcontext() as context:
        context.prec = 50
        return Decimal(value.numerator) / Decimal(value.denominator)


def day_parts(start: date, end: date, convention: str) -> list[tuple[int, int]]:
    """The period as (days, days in the year) parts whose sum of days/basis is the year fraction."""
    if end <= start:
        return []
    if convention == "30/360":
        d1 = 30 if start.day == 31 else start.day
        d2 = 30 if end.day == 31 and d1 in (30, 31) else end.day
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


def year_fraction(start: date, end: date, convention: str) -> Fraction:
    """Exact (a Fraction): interest is only rounded when shown or posted."""
    return sum((Fraction(days, basis) for days, basis in day_parts(start, end, convention)), Fraction(0))


class TransactionLike(Protocol):
    kind: str
    date: date
    amount: Decimal | None
    rate: Decimal | None


@dataclass(frozen=True)
class Position:
    as_of: date
    principal_outstanding: Decimal
    accrued_interest: Decimal | None  # None: rate or day count not recorded
    currency: str

    @property
    def payoff_amount(self) -> Decimal | None:
        if self.accrued_interest is None:
            return None
        return self.principal_outstanding + cents(self.accrued_interest)


@dataclass(frozen=True)
class NoteTerms:
    principal: Decimal
    issue_date: date | None
    interest_rate: Decimal | None
    day_count: str
    currency: str = "USD"


@dataclass(frozen=True)
class PaymentSplit:
    interest: Decimal
    principal: Decimal


PRINCIPAL_REDUCING = {"payment", "prepayment"}
PRINCIPAL_ENDING = {"write_off", "conversion"}


# Exact arithmetic in integers, which is what makes a dashboard of 10,000 notes fast: amounts in
# cents, rates in millionths of a percent (the model's six decimal places), and every day count
# over a common multiple of the bases 360, 365 and 366, so accrued interest is ACCRUED / _SCALE
# dollars with no rounding at all. Inputs finer than that take the Fraction path below, which
# gives the same results (a test compares the two).
_BASIS_LCM = 1_603_080  # lcm(360, 365, 366)
_RATE_SCALE = 10**6
_SCALE = 100 * _RATE_SCALE * 100 * _BASIS_LCM  # cents, rate scale, percent, basis


def _scaled(value: Decimal | None, places: int) -> int | None:
    """`value` x 10**places as an int (0 when there is no value), or None when not a whole number."""
    if value is None:
        return 0
    scaled = value.scaleb(places)
    return int(scaled) if scaled == scaled.to_integral_value() else None


def _half_up_cents(accrued: int) -> int:
    """Accrued interest (in 1/_SCALE dollars, >= 0) rounded half-up to whole cents."""
    return (200 * accrued + _SCALE) // (2 * _SCALE)


def position(terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date) -> Position:
    """The note's position as of a date (transactions dated on it included)."""
    if terms.issue_date is None or as_of < terms.issue_date:
        return Position(as_of, ZERO, ZERO, terms.currency)
    txns = sorted((t for t in transactions if t.date <= as_of), key=lambda t: t.date)
    # Each rate and amount that counts is scaled once; one that does not scale exactly takes the Fraction path.
    steps = [
        (t, _scaled(t.rate, 6) if t.kind == "rate_change" else 0, _scaled(t.amount, 2) if t.kind in PRINCIPAL_REDUCING else 0)
        for t in txns
    ]
    scaled_principal, scaled_rate = _scaled(terms.principal, 2), _scaled(terms.interest_rate, 6)
    if scaled_principal is None or scaled_rate is None or any(r is None or a is None for _, r, a in steps):
        return _position_fractions(terms, txns, as_of)
    principal: int = scaled_principal
    rate: int = scaled_rate
    accrues = terms.interest_rate is not None and bool(terms.day_count)
    accrued = 0
    cursor = terms.issue_date

    def accrue(until: date) -> int:
        if not accrues or principal == 0 or rate == 0:
            return 0
        weighted = sum(days * (_BASIS_LCM // basis) for days, basis in day_parts(cursor, until, terms.day_count))
        return principal * rate * weighted

    for txn, new_rate, amount in steps:
        when = max(txn.date, terms.issue_date)
        accrued += accrue(when)
        cursor = when
        if txn.kind == "rate_change" and txn.rate is not None:
            rate = new_rate or 0
        elif txn.kind in PRINCIPAL_REDUCING and txn.amount is not None:
            amount = amount or 0
            interest_due = _half_up_cents(accrued)
            if amount < interest_due:
                accrued -= amount * (_SCALE // 100)
            else:
                principal -= amount - interest_due
                accrued = 0
        elif txn.kind in PRINCIPAL_ENDING:
            principal, accrued = 0, 0
    accrued += accrue(as_of)
    with localcontext() as context:
        context.prec = 50
        interest = Decimal(accrued) / Decimal(_SCALE) if accrues else None
    return Position(as_of, Decimal(principal).scaleb(-2), interest, terms.currency)


def _position_fractions(terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date) -> Position:
    """The same computation in Fractions, for amounts or rates finer than the integer scales."""
    if terms.issue_date is None or as_of < terms.issue_date:
        return Position(as_of, ZERO, ZERO, terms.currency)
    accrues = terms.interest_rate is not None and bool(terms.day_count)
    rate = Fraction(terms.interest_rate or 0)
    principal = Fraction(terms.principal)
    accrued = Fraction(0)
    cursor = terms.issue_date
    for txn in sorted(transactions, key=lambda t: t.date):
        if txn.date > as_of:
            break
        when = max(txn.date, terms.issue_date)
        if accrues:
            accrued += principal * rate / 100 * year_fraction(cursor, when, terms.day_count)
        cursor = when
        if txn.kind == "rate_change" and txn.rate is not None:
            rate = Fraction(txn.rate)
        elif txn.kind in PRINCIPAL_REDUCING and txn.amount is not None:
            split = split_payment(txn.amount, to_decimal(accrued))
            settled = split.interest >= cents(to_decimal(accrued))
            accrued = Fraction(0) if settled else accrued - Fraction(split.interest)
            principal -= Fraction(split.principal)
        elif txn.kind in PRINCIPAL_ENDING:
            principal, accrued = Fraction(0), Fraction(0)
    if accrues:
        accrued += principal * rate / 100 * year_fraction(cursor, as_of, terms.day_count)
    return Position(as_of, to_decimal(principal), to_decimal(accrued) if accrues else None, terms.currency)


def split_payment(amount: Decimal, accrued: Decimal) -> PaymentSplit:
    """Interest accrued to the payment date (rounded half-up to the cent) first, then principal."""
    interest_due = cents(accrued)
    if amount <= interest_due:
        return PaymentSplit(interest=amount, principal=ZERO)
    return PaymentSplit(interest=interest_due, principal=amount - interest_due)
