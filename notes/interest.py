"""Simple interest on a note, as documented to users and in the API schema.

- Interest is simple, on outstanding principal, from the issue date; the position as of the
  issue date has zero interest. Days count from the start date up to, not including, the end.
- Accrual is split into segments at every payment and rate change; each segment's year fraction
  uses the note's day-count convention from its start date to its end date:
  30/360 (Bond Basis, 2006 ISDA Definitions 4.16(f)), 30E/360 (Eurobond Basis, 4.16(g)), ACT/360, ACT/365F, ACT/ACT (ISDA: days in a
  leap year over 366, the others over 365).
- A payment first settles the interest accrued to its date, rounded to the cent half-up, then
  principal; the reduced principal accrues from the payment date on.
- A rate change applies to the days from its effective date on. A floating rate is the index's
  value in effect on each day plus the spread, within the floor and cap: each change of the index
  is a rate change from its effective date (prime-style reset).
- A default rate applies from a recorded default to its cure: the rate otherwise applicable plus
  the default spread (e.g. + 2.00%), or the absolute default rate when no spread is recorded.
- Compounding: on each compounding date (every N months from an anchor, end of month kept) the
  interest accrued and unpaid, to the cent, is added to principal and bears interest from then on.
- Scheduled principal (an amortization or sinking-fund schedule) is past due by the amount due on
  or before the date less the principal repaid (payments after their interest, and repayments).
- A commitment fee accrues at its rate on the unused commitment of each day (commitment less
  principal outstanding; for a delayed draw, less everything advanced) until availability ends, on
  its own day count; a fee payment settles accrued fees, and the payoff amount includes them.
- A term note's principal is outstanding from its issue date. A revolving or delayed-draw
  facility starts at zero: each advance adds to principal from its date, each repayment of
  principal takes from it from its date; availability is the commitment (less its reductions)
  minus principal outstanding (revolving) or minus everything advanced (delayed draw, no
  reborrowing), and nothing after availability ends.
- Positions are exact decimals, rounded to the cent (half-up) only when shown or posted.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any, Protocol

from deadlines.recurrence import period_date

CENT = Decimal("0.01")
_BASIS_LCM = 1_603_080  # lcm(360, 365, 366): every day count over it is a whole number
ZERO = Decimal("0")
CONVENTIONS_TEXT = __doc__ or ""


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


def _weighted_days(start: date, end: date, convention: str) -> int:
    """The year fraction x _BASIS_LCM, an integer."""
    return sum(days * (_BASIS_LCM // basis) for days, basis in day_parts(start, end, convention))


def year_fraction(start: date, end: date, convention: str) -> Fraction:
    """Exact (a Fraction): interest is only rounded when shown or posted."""
    return Fraction(_weighted_days(start, end, convention), _BASIS_LCM)


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
    commitment: Decimal | None = None  # drawn facilities: the commitment after its reductions
    available: Decimal | None = None  # drawn facilities: what may still be advanced on `as_of`
    current_rate: Decimal | None = None  # percent a year in effect on `as_of`
    accrued_fees: Decimal | None = None  # unpaid commitment fees; None: the note has none
    capitalized_interest: Decimal = ZERO  # interest added to principal by compounding, in all
    capitalizations: tuple[tuple[date, Decimal], ...] = ()  # (date, amount) of each
    # Scheduled principal due by `as_of` and not yet repaid; None: the note has no schedule.
    scheduled_principal_past_due: Decimal | None = None
    # All interest accrued from the issue date to `as_of`, paid or not (exact): the difference
    # between two dates is the interest of that period.
    interest_accrued_total: Decimal | None = None
    # The day the unpaid interest was last zero (issue, a payment in full, a capitalization): a
    # syndicate's unpaid interest is what its lenders accrued since then.
    interest_since: date | None = None

    @property
    def payoff_amount(self) -> Decimal | None:
        if self.accrued_interest is None:
            return None
        fees = ZERO if self.accrued_fees is None else cents(self.accrued_fees)
        return self.principal_outstanding + cents(self.accrued_interest) + fees


@dataclass(frozen=True)
class NoteTerms:
    principal: Decimal
    issue_date: date | None
    interest_rate: Decimal | None
    day_count: str
    currency: str = "USD"
    facility: str = "term"
    commitment: Decimal | None = None
    availability_end: date | None = None  # the last day an advance may be made
    # A floating rate's later all-in rates, (effective date, percent a year), ascending; the rate in
    # effect on the issue date is `interest_rate`.
    rate_changes: tuple[tuple[date, Decimal], ...] = ()
    # While in default (from a `default` entry to its `cure`): the rate otherwise applicable plus
    # `default_spread`, or else the absolute `default_rate`.
    default_rate: Decimal | None = None
    default_spread: Decimal | None = None
    # A commitment (unused) fee: percent a year on the daily unused commitment while availability
    # lasts, on its own day count (empty: the note's).
    commitment_fee_rate: Decimal | None = None
    fee_day_count: str = ""
    # Compounding: unpaid interest (to the cent) is added to principal every `compounding_months`
    # from `compounding_anchor` (empty: the issue date), the end of month kept for a month-end anchor.
    compounding_months: int | None = None
    compounding_anchor: date | None = None
    # Scheduled principal (amortization, sinking fund): (due date, amount), ascending.
    scheduled: tuple[tuple[date, Decimal], ...] = ()


@dataclass(frozen=True)
class PaymentSplit:
    interest: Decimal
    principal: Decimal


PRINCIPAL_REDUCING = {"payment", "prepayment"}
PRINCIPAL_ENDING = {"write_off", "conversion"}
DRAWS = {"advance", "repayment", "commitment_reduction"}
CAPITALIZE = "capitalize"  # a compounding date (not a recorded transaction)
FEE_PAYMENT = "fee"


def capitalization_dates(terms: NoteTerms, until: date) -> list[date]:
    """The compounding dates after the issue date, up to `until` (included)."""
    if not terms.compounding_months or terms.issue_date is None:
        return []
    anchor = terms.compounding_anchor or terms.issue_date
    days, n = [], 1
    while (day := period_date(anchor, months=terms.compounding_months, n=n)) <= until:
        if day > terms.issue_date:
            days.append(day)
        n += 1
    return days


@dataclass
class _RateChange:
    """A floating rate's reset, replayed like a recorded rate change."""

    date: date
    rate: Decimal | None
    kind: str = "rate_change"
    amount: Decimal | None = None


# Exact arithmetic in integers, which is what makes a dashboard of 10,000 notes fast: amounts in
# units of 10**-money_places (cents for every amount the model stores), rates in 10**-rate_places
# of a percent (as many places as the rates have), and every day count over a common
# multiple of the bases 360, 365 and 366, so accrued interest is an integer over `scale` with no
# rounding at all. Finer inputs (e.g. an amount of 1,000.005 given to the engine directly) only
# widen the places: there is one engine.


def _places(values: Iterable[Decimal | None], at_least: int) -> int:
    """The most decimal places among the values, and at least `at_least`."""
    exponents = [v.as_tuple().exponent for v in values if v is not None]
    return max([at_least] + [-e for e in exponents if isinstance(e, int)])


def _units(value: Decimal, places: int) -> int:
    return int(value.scaleb(places))


@dataclass(frozen=True)
class LedgerEntry:
    """A payment, advance, repayment or commitment reduction as the ledger replays it: what was
    owed on its date, how a payment splits, and the facility's figures just before it."""

    transaction: TransactionLike
    payoff_before: Decimal  # principal + accrued interest (to the cent, half-up) just before it
    split: PaymentSplit | None  # payments only
    principal_before: Decimal = ZERO
    commitment_before: Decimal | None = None
    advanced_before: Decimal = ZERO  # every advance so far (delayed draw: no reborrowing)


def position(terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date) -> Position:
    """The note's position as of a date (transactions dated on it included)."""
    return _replay(terms, transactions, as_of, None)


def ledger(terms: NoteTerms, transactions: Iterable[TransactionLike]) -> list[LedgerEntry]:
    """Every payment of the ledger in order, with the payoff amount just before it and its split."""
    txns = list(transactions)
    entries: list[LedgerEntry] = []
    if txns and terms.issue_date is not None:
        _replay(terms, txns, max(t.date for t in txns), entries)
    return entries


def _replay(
    terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date, entries: list[LedgerEntry] | None
) -> Position:
    accrues = terms.interest_rate is not None and bool(terms.day_count)
    drawn = terms.facility != "term"
    commitment_start = terms.commitment if drawn else None
    if terms.issue_date is None or as_of < terms.issue_date:
        return Position(as_of, ZERO, ZERO if accrues else None, terms.currency, commitment_start,
                        None if commitment_start is None else ZERO, None)
    issue = terms.issue_date
    resets: list[TransactionLike] = [_RateChange(day, rate) for day, rate in terms.rate_changes if issue < day <= as_of]
    resets += [_RateChange(day, None, kind=CAPITALIZE) for day in capitalization_dates(terms, as_of)]
    # Compounding at the end of its day: interest paid on the compounding date is not unpaid.
    txns: list[TransactionLike] = sorted(
        [*(t for t in transactions if t.date <= as_of), *resets], key=lambda t: (t.date, t.kind == CAPITALIZE)
    )
    amounts = [terms.principal, terms.commitment] + [t.amount for t in txns]
    rates = [terms.interest_rate, terms.default_rate, terms.default_spread, terms.commitment_fee_rate] + [
        t.rate for t in txns if t.kind == "rate_change"]
    money_places = _places(amounts, 2)
    rate_places = _places(rates, 0)
    per_money_unit = 10**rate_places * 100 * _BASIS_LCM  # accrued units in one money unit
    scale = 10**money_places * per_money_unit  # accrued units in one currency unit
    cent = 10 ** (money_places - 2)  # money units in a cent
    principal = 0 if drawn else _units(terms.principal, money_places)
    commitment = None if commitment_start is None else _units(commitment_start, money_places)
    advanced = 0
    base = rate = _units(terms.interest_rate or ZERO, rate_places)
    in_default = False

    def applied() -> int:
        """The rate that accrues: the base rate, or the default rate while in default."""
        if not in_default:
            return base
        if terms.default_spread is not None:
            return base + _units(terms.default_spread, rate_places)
        return _units(terms.default_rate, rate_places) if terms.default_rate is not None else base
    accrued = 0
    cursor = issue
    charges_fee = terms.commitment_fee_rate is not None and commitment is not None and bool(
        terms.fee_day_count or terms.day_count)
    fee_rate = _units(terms.commitment_fee_rate or ZERO, rate_places)
    fees = 0
    capitalized: list[tuple[date, Decimal]] = []
    repaid = 0  # principal repaid by payments and repayments
    total = 0  # every unit of interest accrued since issue, paid or not
    since = issue

    def accrue(until: date) -> int:
        if not accrues:
            return 0
        return principal * rate * _weighted_days(cursor, until, terms.day_count)

    def accrue_fee(until: date) -> int:
        """The fee on the unused commitment from the cursor to `until`, while availability lasts."""
        if not charges_fee or commitment is None:
            return 0
        end = min(until, terms.availability_end) if terms.availability_end else until
        used = advanced if terms.facility == "delayed_draw" else principal
        unused = max(commitment - used, 0)
        return unused * fee_rate * _weighted_days(cursor, end, terms.fee_day_count or terms.day_count)

    def to_cent(units: int) -> int:
        return (200 * units + scale) // (2 * scale) * cent  # half-up to the cent

    def money(units: int) -> Decimal:
        return Decimal(units).scaleb(-money_places)

    for txn in txns:
        when = max(txn.date, issue)
        step = accrue(when)
        accrued += step
        total += step
        fees += accrue_fee(when)
        cursor = when
        if txn.kind == "rate_change" and txn.rate is not None:
            base = _units(txn.rate, rate_places)
            rate = applied()
        elif txn.kind == CAPITALIZE:
            # The unpaid interest, to the cent, becomes principal (the sub-cent remainder is dropped,
            # as when interest is paid in full).
            interest_due = to_cent(accrued)
            principal += interest_due
            accrued = 0
            since = txn.date
            if interest_due:
                capitalized.append((txn.date, money(interest_due)))
        elif txn.kind in ("default", "cure"):
            in_default = txn.kind == "default"
            rate = applied()
        elif txn.kind in PRINCIPAL_REDUCING and txn.amount is not None:
            amount = _units(txn.amount, money_places)
            interest_due = to_cent(accrued)
            if entries is not None:
                paid_interest = min(amount, interest_due)
                entries.append(LedgerEntry(
                    txn, money(principal + interest_due),
                    PaymentSplit(money(paid_interest), money(amount - paid_interest)),
                    money(principal), None if commitment is None else money(commitment), money(advanced),
                ))
            if amount < interest_due:
                accrued -= amount * per_money_unit
            else:
                principal -= amount - interest_due
                repaid += amount - interest_due
                accrued = 0
                since = when
        elif txn.kind in DRAWS and txn.amount is not None and drawn:
            amount = _units(txn.amount, money_places)
            if entries is not None:
                interest_due = to_cent(accrued)
                entries.append(LedgerEntry(
                    txn, money(principal + interest_due), None, money(principal),
                    None if commitment is None else money(commitment), money(advanced),
                ))
            if txn.kind == "advance":
                principal += amount
                advanced += amount
            elif txn.kind == "repayment":
                principal -= amount
                repaid += amount
            elif commitment is not None:
                commitment = max(commitment - amount, 0)
        elif txn.kind == FEE_PAYMENT and txn.amount is not None:
            amount, fees_due = _units(txn.amount, money_places), to_cent(fees)
            if entries is not None:  # `payoff_before` of a fee payment: the fees due on its date
                entries.append(LedgerEntry(txn, money(fees_due), None, money(principal),
                                           None if commitment is None else money(commitment), money(advanced)))
            fees = fees - amount * per_money_unit if amount < fees_due else 0
        elif txn.kind in PRINCIPAL_ENDING:
            principal, accrued, since = 0, 0, when
            commitment = None if commitment is None else 0
    step = accrue(as_of)
    accrued += step
    total += step
    fees += accrue_fee(as_of)
    with localcontext() as context:
        context.prec = 60
        interest = Decimal(accrued) / Decimal(scale) if accrues else None
    available = None
    if commitment is not None:
        open_for_draws = terms.availability_end is None or as_of <= terms.availability_end
        used = advanced if terms.facility == "delayed_draw" else principal
        available = money(max(commitment - used, 0)) if open_for_draws else ZERO
    return Position(
        as_of, money(principal), interest, terms.currency,
        None if commitment is None else money(commitment), available,
        Decimal(rate).scaleb(-rate_places) if terms.interest_rate is not None else None,
        _exact(fees, scale) if charges_fee else None,
        sum((amount for _, amount in capitalized), ZERO), tuple(capitalized),
        _past_due(terms, as_of, principal, repaid, money) if terms.scheduled else None,
        _exact(total, scale) if accrues else None, since,
    )


def _past_due(terms: NoteTerms, as_of: date, principal: int, repaid: int, money: Any) -> Decimal:
    """Scheduled principal due on or before `as_of` less principal repaid, never above what is
    outstanding (a payment counts toward the earliest scheduled amounts first)."""
    due = sum((amount for day, amount in terms.scheduled if day <= as_of), ZERO)
    return max(ZERO, min(money(principal), due - money(repaid)))


def _exact(units: int, scale: int) -> Decimal:
    with localcontext() as context:
        context.prec = 60
        return Decimal(units) / Decimal(scale)
