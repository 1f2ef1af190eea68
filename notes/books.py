"""One note's running figures while its ledger is replayed (notes.interest), in exact integers.

Amounts are in units of 10**-money_places, rates in 10**-rate_places of a percent, and accruals
(interest, fees, late charges, costs) in `scale` units of a currency unit, so nothing is rounded
until a figure is posted or shown (see notes.interest)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from notes.daycount import BASIS_LCM, ZERO, weighted_days
from notes.terms import (
    BILL,
    CAPITALIZE,
    COST_CHARGE,
    DRAWS,
    FEE_CHARGE,
    FEE_PAYMENT,
    LATE_CHECK,
    PRINCIPAL_ENDING,
    PRINCIPAL_REDUCING,
    LedgerEntry,
    NoteTerms,
    PaymentSplit,
    Position,
    TransactionLike,
    _places,
    _units,
)

ONE = Decimal(1)


def rate_inputs(terms: NoteTerms, txns: list[TransactionLike]) -> list[Decimal | None]:
    """Every rate the replay multiplies by: their places set the rate unit."""
    return [terms.interest_rate, terms.default_rate, terms.default_spread, terms.commitment_fee_rate,
            terms.late_charge_percent] + [t.rate for t in txns if t.kind == "rate_change"]


def _exact(units: int, scale: int) -> Decimal:
    with localcontext() as context:
        context.prec = 60
        return Decimal(units) / Decimal(scale)


class Books:
    def __init__(self, terms: NoteTerms, txns: list[TransactionLike], premium: Any) -> None:
        assert terms.issue_date is not None
        amounts = [terms.principal, terms.commitment] + [t.amount for t in txns]
        self.money_places = _places(amounts, 2)
        self.rate_places = _places(rate_inputs(terms, txns), 0)
        self._derive(terms, premium)
        self.principal = 0 if self.drawn else self.units(terms.principal)
        self.commitment = None if not self.drawn or terms.commitment is None else self.units(terms.commitment)
        self.advanced = 0
        self.base = self.rate = _units(terms.interest_rate or ZERO, self.rate_places)
        self.in_default = False
        self.accrued = self.fees = self.late = self.costs = 0
        self.cursor = self.since = terms.issue_date
        self.has_fees = self.charges_fee or bool(terms.fee_charges)
        self.capitalized: list[tuple[date, Decimal]] = []
        self.repaid = 0  # principal repaid by payments and repayments
        self.total = 0  # every unit of interest accrued since issue, paid or not
        # Late charges: what has fallen due (interest on payment dates, scheduled principal) and
        # what has been paid toward it, oldest first.
        self.billed = self.paid = 0
        self.installments: dict[date, tuple[int, int]] = {}  # period end: (its amount, billed through it)

    def _derive(self, terms: NoteTerms, premium: Any) -> None:
        """What follows from the terms and the places (not part of a snapshot's state)."""
        self.terms, self.premium_percent = terms, premium
        self.accrues = terms.interest_rate is not None and bool(terms.day_count)
        self.drawn = terms.facility != "term"
        self.per_money_unit = 10**self.rate_places * 100 * BASIS_LCM  # accrued units in one money unit
        self.scale = 10**self.money_places * self.per_money_unit  # accrued units in one currency unit
        self.cent = 10 ** (self.money_places - 2)  # money units in a cent
        self.charges_fee = terms.commitment_fee_rate is not None and terms.commitment is not None and self.drawn and bool(
            terms.fee_day_count or terms.day_count)
        self.fee_rate = _units(terms.commitment_fee_rate or ZERO, self.rate_places)
        self.late_rate = _units(terms.late_charge_percent or ZERO, self.rate_places)

    # A snapshot: the running figures after the last event replayed, as JSON, to resume from.
    STATE = ("money_places", "rate_places", "principal", "commitment", "advanced", "base", "rate", "in_default",
             "accrued", "fees", "late", "costs", "repaid", "total", "billed", "paid", "has_fees")

    def state(self) -> dict[str, Any]:
        found = {name: getattr(self, name) for name in self.STATE}
        found["accrues"] = self.accrues  # read by the dashboard's sums in SQL
        found.update(cursor=self.cursor.isoformat(), since=self.since.isoformat(),
                     capitalized=[[day.isoformat(), str(amount)] for day, amount in self.capitalized],
                     installments=[[day.isoformat(), *pair] for day, pair in self.installments.items()])
        return found

    @classmethod
    def restore(cls, terms: NoteTerms, state: dict[str, Any], premium: Any) -> "Books":
        books = cls.__new__(cls)
        for name in cls.STATE:
            setattr(books, name, state[name])
        books._derive(terms, premium)
        books.cursor, books.since = date.fromisoformat(state["cursor"]), date.fromisoformat(state["since"])
        books.capitalized = [(date.fromisoformat(day), Decimal(amount)) for day, amount in state["capitalized"]]
        books.installments = {date.fromisoformat(day): (amount, billed) for day, amount, billed in state["installments"]}
        return books

    def units(self, value: Decimal) -> int:
        return _units(value, self.money_places)

    def money(self, units: int) -> Decimal:
        return Decimal(units).scaleb(-self.money_places)

    def to_cent(self, units: int) -> int:
        """Accrued units to money units, half-up to the cent."""
        return (200 * units + self.scale) // (2 * self.scale) * self.cent

    def applied(self) -> int:
        """The rate that accrues: the base rate, or the default rate while in default."""
        terms = self.terms
        if not self.in_default:
            return self.base
        if terms.default_spread is not None:
            return self.base + _units(terms.default_spread, self.rate_places)
        return _units(terms.default_rate, self.rate_places) if terms.default_rate is not None else self.base

    def accrue_to(self, until: date) -> None:
        if self.accrues:
            step = self.principal * self.rate * weighted_days(self.cursor, until, self.terms.day_count)
            self.accrued += step
            self.total += step
        if self.charges_fee and self.commitment is not None:
            # The fee on the unused commitment while availability lasts.
            terms = self.terms
            end = min(until, terms.availability_end) if terms.availability_end else until
            used = self.advanced if terms.facility == "delayed_draw" else self.principal
            unused = max(self.commitment - used, 0)
            self.fees += unused * self.fee_rate * weighted_days(self.cursor, end, terms.fee_day_count or terms.day_count)

    def step(self, txn: Any, entries: list[LedgerEntry] | None) -> None:
        assert self.terms.issue_date is not None
        when = max(txn.date, self.terms.issue_date)
        self.accrue_to(when)
        self.cursor = when
        kind, amount = txn.kind, None if txn.amount is None else self.units(txn.amount)
        if kind == "rate_change" and txn.rate is not None:
            self.base = _units(txn.rate, self.rate_places)
            self.rate = self.applied()
        elif kind == CAPITALIZE:
            # The unpaid interest, to the cent, becomes principal (the sub-cent remainder is dropped,
            # as when interest is paid in full).
            interest_due = self.to_cent(self.accrued)
            self.principal += interest_due
            self.paid += interest_due
            self.accrued, self.since = 0, txn.date
            if interest_due:
                self.capitalized.append((txn.date, self.money(interest_due)))
        elif kind in ("default", "cure"):
            self.in_default = kind == "default"
            self.rate = self.applied()
        elif kind in PRINCIPAL_REDUCING and amount is not None:
            self.pay(txn, amount, when, entries)
        elif kind in DRAWS and amount is not None and self.drawn:
            self.draw(txn, amount, entries)
        elif kind == FEE_PAYMENT and amount is not None:
            fees_due = self.to_cent(self.fees)
            if entries is not None:  # `payoff_before` of a fee payment: the fees due on its date
                entries.append(self.entry(txn, fees_due, None))
            self.fees = self.fees - amount * self.per_money_unit if amount < fees_due else 0
        elif kind == FEE_CHARGE and amount is not None:
            self.fees += amount * self.per_money_unit
            self.has_fees = True
        elif kind == COST_CHARGE and amount is not None:
            self.costs += amount * self.per_money_unit
        elif kind == BILL:
            if txn.date == self.terms.maturity_date:  # everything lent is due (capitalized interest once)
                principal = self.principal + self.repaid - self.units(sum((a for _, a in self.capitalized), ZERO))
            else:
                principal = self.units(sum((a for day, a in self.terms.scheduled if day <= txn.date), ZERO))
            due = self.to_cent(self.total) + principal
            self.installments[txn.date] = (due - self.billed, due)
            self.billed = due
        elif kind == LATE_CHECK:
            installment, due = self.installments.get(txn.installment, (0, 0))
            overdue = max(0, min(installment, due - self.paid))
            self.late += self.to_cent(overdue * self.late_rate * BASIS_LCM) * self.per_money_unit
        elif kind in PRINCIPAL_ENDING:
            self.principal, self.accrued, self.since = 0, 0, when
            self.commitment = None if self.commitment is None else 0

    def entry(self, txn: TransactionLike, owed: int, split: PaymentSplit | None) -> LedgerEntry:
        return LedgerEntry(txn, self.money(owed), split, self.money(self.principal),
                           None if self.commitment is None else self.money(self.commitment), self.money(self.advanced))

    def premium_units(self, principal: int, percent: Decimal) -> int:
        """The premium on prepaying `principal`, half-up to the cent."""
        cents_ = (Decimal(principal) / self.cent * percent / 100).quantize(ONE, rounding=ROUND_HALF_UP)
        return int(cents_) * self.cent

    def pay(self, txn: TransactionLike, amount: int, when: date, entries: list[LedgerEntry] | None) -> None:
        """A payment settles, in the note's order, costs, late charges, fees, interest (each to the
        cent) and principal; on a prepayment the principal part bears the premium of its loan year."""
        percent = self.premium_percent(self.terms, txn.date) if txn.kind == "prepayment" else ZERO
        dues = {"costs": self.to_cent(self.costs), "late_charges": self.to_cent(self.late),
                "fees": self.to_cent(self.fees), "interest": self.to_cent(self.accrued)}
        owed = self.principal + sum(dues.values()) + self.premium_units(self.principal, percent)
        taken, premium, remaining = dict.fromkeys([*dues, "principal"], 0), 0, amount
        for bucket in self.terms.payment_order:
            if bucket == "principal":
                part = remaining if not percent else int(
                    (Decimal(remaining) / self.cent * 100 / (100 + percent)).quantize(ONE, rounding=ROUND_HALF_UP)) * self.cent
                part = min(self.principal, max(part, 0))
                premium = min(remaining - part, self.premium_units(part, percent)) if percent else 0
                if part < self.principal:
                    premium = remaining - part if percent else 0
                taken["principal"] = part
                remaining -= part + premium
            else:
                taken[bucket] = min(remaining, dues[bucket])
                remaining -= taken[bucket]
        if entries is not None:
            entries.append(self.entry(txn, owed, PaymentSplit(
                self.money(taken["interest"]), self.money(taken["principal"]), self.money(taken["fees"]),
                self.money(taken["late_charges"]), self.money(taken["costs"]), self.money(premium))))
        self.costs = self.settle(self.costs, taken["costs"], dues["costs"])
        self.late = self.settle(self.late, taken["late_charges"], dues["late_charges"])
        self.fees = self.settle(self.fees, taken["fees"], dues["fees"])
        self.accrued = self.settle(self.accrued, taken["interest"], dues["interest"])
        if taken["interest"] == dues["interest"]:
            self.since = when
        self.principal -= taken["principal"]
        self.repaid += taken["principal"]
        self.paid += taken["interest"] + taken["principal"]

    def settle(self, accrued: int, taken: int, due: int) -> int:
        """What is left of an accrual after `taken` of its `due` (paid in full: nothing, the
        sub-cent remainder included)."""
        return 0 if taken >= due else accrued - taken * self.per_money_unit

    def draw(self, txn: TransactionLike, amount: int, entries: list[LedgerEntry] | None) -> None:
        if entries is not None:
            entries.append(self.entry(txn, self.principal + self.to_cent(self.accrued), None))
        if txn.kind == "advance":
            self.principal += amount
            self.advanced += amount
        elif txn.kind == "repayment":
            self.principal -= amount
            self.repaid += amount
            self.paid += amount
        elif self.commitment is not None:
            self.commitment = max(self.commitment - amount, 0)

    def position(self, as_of: date) -> Position:
        self.accrue_to(as_of)
        terms = self.terms
        interest = _exact(self.accrued, self.scale) if self.accrues else None
        available = None
        if self.commitment is not None:
            open_for_draws = terms.availability_end is None or as_of <= terms.availability_end
            used = self.advanced if terms.facility == "delayed_draw" else self.principal
            available = self.money(max(self.commitment - used, 0)) if open_for_draws else ZERO
        premium = None
        if terms.premium_steps:
            premium = self.money(self.premium_units(self.principal, self.premium_percent(terms, as_of)))
        return Position(
            as_of, self.money(self.principal), interest, terms.currency,
            None if self.commitment is None else self.money(self.commitment), available,
            Decimal(self.rate).scaleb(-self.rate_places) if terms.interest_rate is not None else None,
            _exact(self.fees, self.scale) if self.has_fees else None,
            sum((amount for _, amount in self.capitalized), ZERO), tuple(self.capitalized),
            self.past_due(as_of) if terms.scheduled else None,
            _exact(self.total, self.scale) if self.accrues else None, self.since,
            _exact(self.late, self.scale) if terms.late_charge_percent else None,
            _exact(self.costs, self.scale), premium,
        )

    def past_due(self, as_of: date) -> Decimal:
        """Scheduled principal due on or before `as_of` less principal repaid, never above what is
        outstanding (a payment counts toward the earliest scheduled amounts first)."""
        due = sum((amount for day, amount in self.terms.scheduled if day <= as_of), ZERO)
        return max(ZERO, min(self.money(self.principal), due - self.money(self.repaid)))
