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


def year_fraction(start: date, end: date, convention: str) -> Fraction:
    """Exact (a Fraction): interest is only rounded when shown or posted."""
    if end <= start:
        return Fraction(0)
    if convention == "30/360":
        d1 = 30 if start.day == 31 else start.day
        d2 = 30 if end.day == 31 and d1 in (30, 31) else end.day
        days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)
        return Fraction(days, 360)
    if convention == "ACT/360":
        return Fraction((end - start).days, 360)
    if convention == "ACT/365F":
        return Fraction((end - start).days, 365)
    if convention == "ACT/ACT":
        total = Fraction(0)
        cursor = start
        while cursor < end:
            year_end = date(cursor.year + 1, 1, 1)
            segment_end = min(end, year_end)
            total += Fraction((segment_end - cursor).days, 366 if _is_leap(cursor.year) else 365)
            cursor = segment_end
        return total
    raise ValueError(f"Unknown day-count convention {convention!r}")


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


def position(terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date) -> Position:
    """The note's position as of a date (transactions dated on it included)."""
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
