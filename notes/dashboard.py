"""The CFO's dashboard: figures as of any date, computed with a fixed number of queries."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, overload

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet

from notes import dashboard_sums
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

    @property
    def used_percent(self) -> int | None:
        """Drawn as a share of the commitments, for the usage bar (capped at 100)."""
        if not self.facilities or self.commitment is None or self.drawn is None or self.commitment.amount <= 0:
            return None
        return int(min(Decimal(100), max(Decimal(0), self.drawn.amount * 100 / self.commitment.amount)))

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
    rows: Sequence[Row]
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


def _row(note: Note, pos: Any, as_of: date) -> Row | None:
    """The note's dashboard row; None for a note repaid and no longer outstanding."""
    if pos.principal_outstanding <= 0 and note.status != NoteStatus.OUTSTANDING:
        return None
    currency = note.currency
    accrued = None if pos.accrued_interest is None else Money(pos.accrued_interest, currency)
    line = pos.commitment is not None and pos.available is not None
    return Row(note, Money(pos.principal_outstanding, currency), accrued,
               Money(unamortized_discount(note, as_of), currency),
               Money(pos.commitment, currency) if pos.commitment is not None and line else None,
               Money(pos.available, currency) if pos.available is not None and line else None)


class Rows(Sequence[Row]):
    """The dashboard's rows in the filter's order, computed only for the slice asked for (a page):
    the count and the page's ids come from the database, never every id."""

    CHUNK = 500

    def __init__(self, ids: QuerySet[Note, int], as_of: date, known: dict[int, Row]) -> None:
        self.ids, self.as_of, self.known = ids, as_of, known
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.ids.count()
        return self._count

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return self._rows(list(self.ids[index]))
        return self._rows([self.ids[index]])[0]

    def __iter__(self) -> Iterator[Row]:
        ids = list(self.ids)
        for start in range(0, len(ids), self.CHUNK):
            yield from self._rows(ids[start:start + self.CHUNK])

    def _rows(self, ids: list[int]) -> list[Row]:
        missing = [pk for pk in ids if pk not in self.known]
        notes = [] if not missing else list(Note.objects.filter(pk__in=missing).select_related("matter", "issuer", "holder", "rate_index"))
        positions = positions_for(notes, self.as_of)
        made = {note.pk: _row(note, positions[note.pk], self.as_of) for note in notes}
        rows = (self.known.get(pk) or made.get(pk) for pk in ids)
        return [row for row in rows if row is not None]


def _totals(currency: str, sums: dashboard_sums.Sums) -> CurrencyTotals:
    def money(amount: Decimal) -> Money:
        return Money(amount, currency)

    return CurrencyTotals(currency, money(sums.principal), money(sums.accrued), money(sums.principal_with_rate + sums.accrued),
                          money(sums.discount), sums.count, sums.without_rate, sums.facilities, money(sums.commitment),
                          money(sums.drawn), money(sums.available))


def build(notes: QuerySet[Note], as_of: date) -> Dashboard:
    """Totals, groups and the ladder from PostgreSQL's sums over the snapshots
    (`notes.dashboard_sums`), plus the notes it leaves to the Python engine; rows for a page."""
    result = dashboard_sums.sums(notes, as_of)
    slow_notes = [] if not result.slow else list(
        Note.objects.filter(pk__in=result.slow).select_related("matter", "issuer", "holder", "rate_index"))
    positions = positions_for(slow_notes, as_of)
    slow = {note.pk: row for note in slow_notes if (row := _row(note, positions[note.pk], as_of)) is not None}
    board = Dashboard(as_of=as_of, rows=[], totals=Totals())
    names = result.names | {party.pk: party.legal_name for row in slow.values() for party in (row.note.holder, row.note.issuer)}
    holders: dict[int, Group] = {}
    issuers: dict[int, Group] = {}
    for currency, sums in result.by_currency.items():
        if sums.count:
            board.totals.by_currency[currency] = _totals(currency, sums)
    for groups, found in ((holders, result.by_holder), (issuers, result.by_issuer)):
        for (currency, party), sums in found.items():
            if sums.count:
                groups.setdefault(party, Group(party, names[party])).totals.by_currency[currency] = _totals(currency, sums)
    for row in slow.values():
        board.totals.add(row)
        holders.setdefault(row.note.holder_id, Group(row.note.holder_id, names[row.note.holder_id])).totals.add(row)
        issuers.setdefault(row.note.issuer_id, Group(row.note.issuer_id, names[row.note.issuer_id])).totals.add(row)
    board.by_holder = sorted(holders.values(), key=lambda g: g.name)
    board.by_issuer = sorted(issuers.values(), key=lambda g: g.name)
    board.ladder, board.maturity_not_recorded = _ladder(result, list(slow.values()), as_of)
    skipped = result.hidden | (set(result.slow) - set(slow))
    board.rows = Rows(notes.exclude(pk__in=skipped).values_list("pk", flat=True), as_of, slow)
    return board


def _ladder(result: dashboard_sums.Result, rows: list[Row], as_of: date,
            ) -> tuple[dict[str, list[tuple[date, Money]]], dict[str, Money]]:
    """Per currency, principal maturing in each of the 24 months from the as-of month (keyed by the 1st)."""
    months = [(as_of.replace(day=1) + relativedelta(months=i)) for i in range(24)]
    buckets: dict[str, dict[date, Money]] = {}
    not_recorded: dict[str, Money] = {}

    def add(currency: str, month: date | None, amount: Money) -> None:
        months_of = buckets.setdefault(currency, {m: Money.zero(currency) for m in months})
        if month is None:
            not_recorded[currency] = not_recorded.get(currency, Money.zero(currency)) + amount
        elif month in months_of:
            months_of[month] += amount

    for (currency, month), sums in result.by_month.items():
        if sums.count:
            add(currency, month, Money(sums.principal, currency))
    for row in rows:
        maturity = row.note.maturity_date
        add(row.currency, maturity.replace(day=1) if maturity else None, row.principal)
    return {c: list(m.items()) for c, m in sorted(buckets.items())}, dict(sorted(not_recorded.items()))
