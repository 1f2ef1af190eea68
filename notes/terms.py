"""The engine's inputs and outputs: a note's terms, its position, a payment's split (notes.interest)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from notes.daycount import ZERO, cents


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
    accrued_fees: Decimal | None = None  # unpaid fees (commitment fee, fees charged); None: the note has none
    capitalized_interest: Decimal = ZERO  # interest added to principal by compounding or PIK, in all
    capitalizations: tuple[tuple[date, Decimal], ...] = ()  # (date, amount) of each
    # Scheduled principal due by `as_of` and not yet repaid; None: the note has no schedule.
    scheduled_principal_past_due: Decimal | None = None
    # All interest accrued from the issue date to `as_of`, paid or not (exact): the difference
    # between two dates is the interest of that period.
    interest_accrued_total: Decimal | None = None
    # The day the unpaid interest was last zero (issue, a payment in full, a capitalization): a
    # syndicate's unpaid interest is what its lenders accrued since then.
    interest_since: date | None = None
    late_charges: Decimal | None = None  # unpaid late charges; None: the note charges none
    costs: Decimal = ZERO  # unpaid costs charged to the borrower
    prepayment_premium: Decimal | None = None  # the premium a payoff on `as_of` would bear; None: none

    @property
    def payoff_amount(self) -> Decimal | None:
        if self.accrued_interest is None:
            return None
        extra = [self.accrued_fees, self.late_charges, self.costs, self.prepayment_premium]
        return self.principal_outstanding + cents(self.accrued_interest) + sum(
            (cents(value) for value in extra if value is not None), ZERO)


# The order a payment is applied in, unless the note's agreement says otherwise.
DEFAULT_ORDER = ("costs", "late_charges", "fees", "interest", "principal")


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
    maturity_date: date | None = None
    capitalize_on: tuple[date, ...] = ()  # PIK: the payment dates unpaid interest becomes principal
    fee_charges: tuple[tuple[date, Decimal], ...] = ()  # fees falling due by the terms (an annual fee)
    payment_order: tuple[str, ...] = DEFAULT_ORDER
    premium_steps: tuple[Decimal, ...] = ()  # prepayment premium, percent of principal, by loan year
    # Late charges: `late_charge_percent` of an installment (interest due on a payment date plus the
    # scheduled principal of that date) still unpaid `late_grace_days` after it fell due.
    late_charge_percent: Decimal | None = None
    late_grace_days: int = 0
    installments: tuple[tuple[date, date], ...] = ()  # (period end, due date as moved to a business day)


@dataclass(frozen=True)
class PaymentSplit:
    interest: Decimal
    principal: Decimal
    fees: Decimal = ZERO
    late_charges: Decimal = ZERO
    costs: Decimal = ZERO
    premium: Decimal = ZERO


PRINCIPAL_REDUCING = {"payment", "prepayment"}
PRINCIPAL_ENDING = {"write_off", "conversion"}
DRAWS = {"advance", "repayment", "commitment_reduction"}
CAPITALIZE = "capitalize"  # a compounding or PIK date (not a recorded transaction)
FEE_PAYMENT = "fee"
FEE_CHARGE = "fee_charge"
COST_CHARGE = "cost_charge"
BILL = "bill"  # an installment falls due (end of its day)
LATE_CHECK = "late_check"  # the grace period of an installment has run (start of its day)
RANK = {LATE_CHECK: 0, CAPITALIZE: 2, BILL: 3}


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
    payoff_before: Decimal  # everything owed (to the cent, half-up) just before it
    split: PaymentSplit | None  # payments only
    principal_before: Decimal = ZERO
    commitment_before: Decimal | None = None
    advanced_before: Decimal = ZERO  # every advance so far (delayed draw: no reborrowing)


