"""Simple interest on a note, as documented to users and in the API schema.

- Interest is simple, on outstanding principal, from the issue date; the position as of the
  issue date has zero interest. Days count from the start date up to, not including, the end.
- Accrual is split into segments at every payment and rate change; each segment's year fraction
  uses the note's day-count convention from its start date to its end date:
  30/360 (Bond Basis, 2006 ISDA Definitions 4.16(f)), 30E/360 (Eurobond Basis, 4.16(g)), ACT/360, ACT/365F, ACT/ACT (ISDA: days in a
  leap year over 366, the others over 365).
- A payment is applied in the note's order (by default costs, late charges, fees, interest, then
  principal): each charge as it stands on the payment's date, rounded to the cent half-up; the
  reduced principal accrues from the payment date on. A prepayment bears the premium of its loan
  year (a percentage of the principal prepaid, year 1 from the issue date), none at maturity.
- Fees charged (closing, amendment, an annual facility fee on the issue date and each anniversary)
  and costs are owed from their date until paid; they bear no interest.
- Late charges: a percentage of an installment (interest due on a payment date plus the scheduled
  principal of that date) still unpaid when its grace period has run, charged once, to the cent;
  payments count toward the oldest installments first.
- PIK: on each interest payment date the unpaid interest, to the cent, is added to principal.
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
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from deadlines.recurrence import period_date
from notes.books import Books, rate_inputs
from notes.daycount import CENT, ZERO, cents, day_parts, year_fraction
from notes.terms import (
    BILL,
    CAPITALIZE,
    DEFAULT_ORDER,
    FEE_CHARGE,
    LATE_CHECK,
    RANK,
    LedgerEntry,
    NoteTerms,
    PaymentSplit,
    Position,
    TransactionLike,
)

__all__ = ["CENT", "DEFAULT_ORDER", "ZERO", "LedgerEntry", "NoteTerms", "PaymentSplit", "Position",
           "TransactionLike", "cents", "day_parts", "year_fraction"]

CONVENTIONS_TEXT = __doc__ or ""
Day = date


def capitalization_dates(terms: NoteTerms, until: date) -> list[date]:
    """The compounding (and PIK) dates after the issue date, up to `until` (included)."""
    if terms.issue_date is None:
        return []
    days = {day for day in terms.capitalize_on if terms.issue_date < day <= until}
    if terms.compounding_months:
        anchor = terms.compounding_anchor or terms.issue_date
        n = 1
        while (day := period_date(anchor, months=terms.compounding_months, n=n)) <= until:
            if day > terms.issue_date:
                days.add(day)
            n += 1
    return sorted(days)


def premium_percent(terms: NoteTerms, day: date) -> Decimal:
    """The prepayment premium of the loan year `day` falls in (year 1 from the issue date); none
    at or after maturity or after the steps end."""
    if not terms.premium_steps or terms.issue_date is None or (terms.maturity_date and day >= terms.maturity_date):
        return ZERO
    year = 0
    while year < len(terms.premium_steps) and period_date(terms.issue_date, months=12, n=year + 1) <= day:
        year += 1
    return terms.premium_steps[year] if year < len(terms.premium_steps) else ZERO


@dataclass
class _Event:
    """A reset, compounding date, fee falling due or installment, replayed like a transaction."""

    date: date
    rate: Decimal | None = None
    kind: str = "rate_change"
    amount: Decimal | None = None
    installment: Day | None = None  # a late check: the installment's period end


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


def _events(terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date) -> list[TransactionLike]:
    assert terms.issue_date is not None
    issue = terms.issue_date
    events: list[TransactionLike] = [_Event(day, rate) for day, rate in terms.rate_changes if issue < day <= as_of]
    events += [_Event(day, kind=CAPITALIZE) for day in capitalization_dates(terms, as_of)]
    events += [_Event(day, kind=FEE_CHARGE, amount=amount) for day, amount in terms.fee_charges if issue <= day <= as_of]
    if terms.late_charge_percent:
        # Each installment is billed at the end of its period and late once its grace has run
        # from its due date (the period date moved to a business day).
        grace = timedelta(days=terms.late_grace_days + 1)
        due = {**{day: day for day, _ in terms.scheduled}, **dict(terms.installments)}
        events += [_Event(end, kind=BILL) for end in due if issue < end <= as_of]
        events += [_Event(day + grace, kind=LATE_CHECK, installment=end) for end, day in due.items()
                   if issue < end and day + grace <= as_of]
    # Compounding at the end of its day: interest paid on the compounding date is not unpaid.
    return sorted([*(t for t in transactions if t.date <= as_of), *events],
                  key=lambda t: (t.date, RANK.get(t.kind, 1)))


def _replay(
    terms: NoteTerms, transactions: Iterable[TransactionLike], as_of: date, entries: list[LedgerEntry] | None
) -> Position:
    accrues = terms.interest_rate is not None and bool(terms.day_count)
    drawn = terms.facility != "term"
    commitment_start = terms.commitment if drawn else None
    if terms.issue_date is None or as_of < terms.issue_date:
        return Position(as_of, ZERO, ZERO if accrues else None, terms.currency, commitment_start,
                        None if commitment_start is None else ZERO, None)
    txns = _events(terms, transactions, as_of)
    books = Books(terms, txns, premium_percent)
    for txn in txns:
        books.step(txn, entries)
    return books.position(as_of)


# Snapshots: the running figures after a note's last ledger entry, kept so that a position only
# replays what the terms add after it (resets, compounding, fees falling due, installments).
HORIZON = timedelta(days=400)  # how far ahead a snapshot looks for the next event by the terms


@dataclass(frozen=True)
class Snapshot:
    as_of: date  # the last ledger entry's date (the issue date when there is none)
    state: dict[str, Any]
    # The next event the terms add after `as_of` (or `as_of` + HORIZON): until the day before it,
    # a position is the snapshot plus simple accrual.
    valid_until: date


def snapshot(terms: NoteTerms, transactions: Iterable[TransactionLike]) -> Snapshot | None:
    if terms.issue_date is None:
        return None
    txns = list(transactions)
    last = max([terms.issue_date, *(t.date for t in txns)])
    events = _events(terms, txns, last)
    books = Books(terms, events, premium_percent)
    for event in events:
        books.step(event, None)
    ahead = [e.date for e in _events(terms, [], last + HORIZON) if e.date > last]
    return Snapshot(last, books.state(), min(ahead, default=last + HORIZON))


def position_from(terms: NoteTerms, snap: Snapshot, as_of: date) -> Position | None:
    """The position as of a date on or after the snapshot's, from its state; None when it cannot
    resume (an earlier date, or later terms finer than its units): replay the ledger instead."""
    if terms.issue_date is None or as_of < snap.as_of:
        return None
    later = [e for e in _events(terms, [], as_of) if e.date > snap.as_of]
    amounts = [e.amount for e in later if e.amount is not None]
    if _finer(rate_inputs(terms, later), snap.state["rate_places"]) or _finer(amounts, snap.state["money_places"]):
        return None
    books = Books.restore(terms, snap.state, premium_percent)
    for event in later:
        books.step(event, None)
    return books.position(as_of)


def _finer(values: Iterable[Decimal | None], places: int) -> bool:
    """Whether a value has more significant places than the snapshot's units (10.000000 has none)."""
    exponents = [v.normalize().as_tuple().exponent for v in values if v is not None]
    return any(isinstance(e, int) and -e > places for e in exponents)
