"""The CFO's dashboard: figures as of any date, computed with a fixed number of queries."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from notes.interest import cents
from notes.models import Note, NoteStatus
from notes.money import Money
from notes.selectors import positions_for

Panel = Callable[[Any, date], tuple[str, dict[str, Any]] | None]
_panels: list[tuple[int, Panel]] = []


def register_panel(order: int, panel: Panel) -> None:
    """Other apps add a panel (template, context) beside the notes, e.g. accrued damages."""
    if all(existing is not panel for _, existing in _panels):
        _panels.append((order, panel))


def panels(user: Any, as_of: date) -> list[tuple[str, dict[str, Any]]]:
    rendered = (panel(user, as_of) for _, panel in sorted(_panels, key=lambda item: item[0]))
    return [item for item in rendered if item is not None]


@dataclass
class Row:
    note: Note
    principal: Money
    accrued: Money | None  # None: the rate (or day count) is not recorded
    unamortized_discount: Money
    commitment: Money | None = None  # revolving and delayed-draw facilities only
    available: Money | None = None

    @property
    def currency(self) -> str:
        return self.principal.currency

    @property
    def payoff(self) -> Money | None:
        return None if self.accrued is None else self.principal + self.accrued


@dataclass
class CurrencyTotals:
    """The figures of one currency; notes without a recorded rate are counted, never summed as 0."""
    currency: str
    principal: Money
    accrued: Money
    payoff: Money
    discount: Money
    count: int = 0
    notes_without_rate: int = 0
    # Revolving and delayed-draw facilities: their commitments, what is drawn and what is available.
    facilities: int = 0
    commitment: Money | None = None
    drawn: Money | None = None
    available: Money | None = None

    @classmethod
    def zero(cls, currency: str) -> "CurrencyTotals":
        nothing = Money.zero(currency)
        return cls(currency, nothing, nothing, nothing, nothing, commitment=nothing, drawn=nothing, available=nothing)

    def add(self, row: Row) -> None:
        if row.commitment is not None and row.available is not None:
            self.facilities += 1
            self.commitment = (self.commitment or Money.zero(self.currency)) + row.commitment
            self.drawn = (self.drawn or Money.zero(self.currency)) + row.principal
            self.available = (self.available or Money.zero(self.currency)) + row.available
        self.principal += row.principal
        self.discount += row.unamortized_discount
        self.count += 1
        if row.accrued is None or row.payoff is None:
            self.notes_without_rate += 1
        else:
            self.accrued += row.accrued
            self.payoff += row.payoff


@dataclass
class Totals:
    """Totals per currency: amounts of different currencies are never added together."""
    by_currency: dict[str, CurrencyTotals] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        self.by_currency.setdefault(row.currency, CurrencyTotals.zero(row.currency)).add(row)

    def __getitem__(self, currency: str) -> CurrencyTotals:
        return self.by_currency[currency]

    def __iter__(self) -> Iterator[CurrencyTotals]:
        return iter(sorted(self.by_currency.values(), key=lambda t: t.currency))

    @property
    def count(self) -> int:
        return sum(t.count for t in self.by_currency.values())


@dataclass
class Group:
    """Totals for one holder or issuer, with its party id so the figure links to its notes."""
    party_id: int
    name: str
    totals: Totals = field(default_factory=Totals)


@dataclass
class Dashboard:
    as_of: date
    rows: list[Row]
    totals: Totals
    by_holder: list[Group] = field(default_factory=list)
    by_issuer: list[Group] = field(default_factory=list)
    # Per currency: principal maturing in each of the 24 months from the as-of month.
    ladder: dict[str, list[tuple[date, Money]]] = field(default_factory=dict)
    maturity_not_recorded: dict[str, Money] = field(default_factory=dict)


def unamortized_discount(note: Note, as_of: date) -> Decimal:
    """Straight-line over the term; the whole discount while the maturity is not recorded."""
    if note.purchase_price is None or note.purchase_price >= note.principal or note.issue_date is None:
        return Decimal(0)
    discount = note.principal - note.purchase_price
    if note.maturity_date is None:
        return discount
    term = (note.maturity_date - note.issue_date).days
    left = max(0, min(term, (note.maturity_date - as_of).days))
    return cents(discount * left / term)


def build(notes: list[Note], as_of: date) -> Dashboard:
    positions = positions_for(notes, as_of)
    rows = []
    for note in notes:
        pos = positions[note.pk]
        if pos.principal_outstanding <= 0 and note.status != NoteStatus.OUTSTANDING:
            continue
        currency = note.currency
        accrued = None if pos.accrued_interest is None else Money(pos.accrued_interest, currency)
        line = pos.commitment is not None and pos.available is not None
        rows.append(Row(note, Money(pos.principal_outstanding, currency), accrued,
                        Money(unamortized_discount(note, as_of), currency),
                        Money(pos.commitment, currency) if pos.commitment is not None and line else None,
                        Money(pos.available, currency) if pos.available is not None and line else None))
    board = Dashboard(as_of=as_of, rows=rows, totals=Totals())
    holders: dict[int, Group] = {}
    issuers: dict[int, Group] = {}
    for row in rows:
        board.totals.add(row)
        holder, issuer = row.note.holder, row.note.issuer
        holders.setdefault(holder.pk, Group(holder.pk, holder.legal_name)).totals.add(row)
        issuers.setdefault(issuer.pk, Group(issuer.pk, issuer.legal_name)).totals.add(row)
    board.by_holder = sorted(holders.values(), key=lambda g: g.name)
    board.by_issuer = sorted(issuers.values(), key=lambda g: g.name)
    board.ladder, board.maturity_not_recorded = _ladder(rows, as_of)
    return board


def _ladder(rows: list[Row], as_of: date) -> tuple[dict[str, list[tuple[date, Money]]], dict[str, Money]]:
    """Per currency, principal maturing in each of the 24 months from the as-of month (keyed by the 1st)."""
    months = [(as_of.replace(day=1) + relativedelta(months=i)) for i in range(24)]
    buckets: dict[str, dict[date, Money]] = {}
    not_recorded: dict[str, Money] = {}
    for row in sorted(rows, key=lambda r: r.currency):
        currency = row.currency
        months_of = buckets.setdefault(currency, {m: Money.zero(currency) for m in months})
        if row.note.maturity_date is None:
            not_recorded[currency] = not_recorded.get(currency, Money.zero(currency)) + row.principal
            continue
        key = row.note.maturity_date.replace(day=1)
        if key in months_of:
            months_of[key] += row.principal
    return {c: list(m.items()) for c, m in buckets.items()}, not_recorded
