"""The CFO's dashboard: figures as of any date, computed with a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from notes.interest import cents
from notes.models import Note, NoteStatus
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
    principal: Decimal
    accrued: Decimal | None
    unamortized_discount: Decimal


@dataclass
class Totals:
    principal: Decimal = Decimal(0)
    accrued: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    count: int = 0
    notes_without_rate: int = 0

    def add(self, row: Row) -> None:
        self.principal += row.principal
        self.accrued += cents(row.accrued) if row.accrued is not None else 0
        self.discount += row.unamortized_discount
        self.count += 1
        self.notes_without_rate += row.accrued is None


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
    ladder: list[tuple[date, Decimal]] = field(default_factory=list)
    maturity_not_recorded: Decimal = Decimal(0)


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
        rows.append(Row(note, pos.principal_outstanding, pos.accrued_interest, unamortized_discount(note, as_of)))
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


def _ladder(rows: list[Row], as_of: date) -> tuple[list[tuple[date, Decimal]], Decimal]:
    """Principal maturing in each of the 24 months from the as-of month (keyed by the 1st)."""
    months = [(as_of.replace(day=1) + relativedelta(months=i)) for i in range(24)]
    buckets = {m: Decimal(0) for m in months}
    not_recorded = Decimal(0)
    for row in rows:
        if row.note.maturity_date is None:
            not_recorded += row.principal
            continue
        key = row.note.maturity_date.replace(day=1)
        if key in buckets:
            buckets[key] += row.principal
    return list(buckets.items()), not_recorded
