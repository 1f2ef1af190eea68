"""The CFO's dashboard: figures as of any date, computed with a fixed number of queries."""

from collections import defaultdict
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
class Dashboard:
    as_of: date
    rows: list[Row]
    totals: Totals
    by_holder: dict[str, Totals] = field(default_factory=dict)
    by_issuer: dict[str, Totals] = field(default_factory=dict)
    ladder: list[tuple[str, Decimal]] = field(default_factory=list)
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
    holders: dict[str, Totals] = defaultdict(Totals)
    issuers: dict[str, Totals] = defaultdict(Totals)
    for row in rows:
        board.totals.add(row)
        holders[row.note.holder.legal_name].add(row)
        issuers[row.note.issuer.legal_name].add(row)
    board.by_holder, board.by_issuer = dict(sorted(holders.items())), dict(sorted(issuers.items()))
    board.ladder, board.maturity_not_recorded = _ladder(rows, as_of)
    return board


def _ladder(rows: list[Row], as_of: date) -> tuple[list[tuple[str, Decimal]], Decimal]:
    months = [(as_of.replace(day=1) + relativedelta(months=i)) for i in range(24)]
    buckets = {m.strftime("%Y-%m"): Decimal(0) for m in months}
    not_recorded = Decimal(0)
    for row in rows:
        if row.note.maturity_date is None:
            not_recorded += row.principal
            continue
        key = row.note.maturity_date.strftime("%Y-%m")
        if key in buckets:
            buckets[key] += row.principal
    return list(buckets.items()), not_recorded
