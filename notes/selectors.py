from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from core.search import SearchHit
from deadlines.calendars import roll
from deadlines.recurrence import period_date
from matters.access import scope
from notes import margins, snapshots, syndicate
from notes.interest import DEFAULT_ORDER, NoteTerms, Position, cents, position, position_from
from notes.models import (
    MarginLevel,
    MarginRatio,
    Note,
    NoteTransaction,
    RateReset,
    ScheduledPayment,
)
from notes.yields import YieldView, note_yield
from parties.models import Party
from rates import rules
from rates.models import RateValue


def terms_of(note: Note, points: Sequence[rules.Point] | None = None,
             scheduled: Sequence[tuple[date, Decimal]] | None = None,
             grid: Sequence[margins.Change] | None = None) -> NoteTerms:
    """The engine's terms; a floating note's rates come from its index's values (`points`, oldest
    first, read here when not given). A floating rate that cannot be set (no value in effect on a
    day, or a negative rate with no floor) leaves interest not recorded: `rate_problem` says why."""
    rate = note.interest_rate
    changes: tuple[tuple[date, Decimal], ...] = ()
    if note.is_floating:
        try:
            rate, changes = _floating(note, _points(note) if points is None else points,
                                      margin_changes(note) if grid is None else grid)
        except (rules.RateMissing, rules.RateRefused, margins.GridRefused):
            rate, changes = None, ()
    return NoteTerms(
        principal=note.principal, issue_date=note.issue_date, interest_rate=rate,
        day_count=note.day_count, currency=note.currency, facility=note.facility,
        commitment=note.commitment, availability_end=note.availability_end or note.maturity_date,
        rate_changes=changes, default_rate=note.default_rate, default_spread=note.default_spread,
        commitment_fee_rate=note.commitment_fee_rate, fee_day_count=note.fee_day_count,
        compounding_months=note.compounding_months, compounding_anchor=note.compounding_anchor,
        scheduled=tuple(_scheduled(note) if scheduled is None else scheduled),
        maturity_date=note.maturity_date, fee_charges=annual_fees(note),
        payment_order=tuple(note.payment_order or DEFAULT_ORDER), premium_steps=tuple(note.prepayment_premium or ()),
        late_charge_percent=note.late_charge_percent, late_grace_days=note.late_charge_grace_days or 0,
        **_dated_terms(note),
    )


def annual_fees(note: Note) -> tuple[tuple[date, Decimal], ...]:
    """An annual facility fee: due on the issue date and each anniversary before maturity."""
    if note.annual_fee is None or note.issue_date is None:
        return ()
    days = [period_date(note.issue_date, months=12, n=n) for n in range(MAX_PERIODS // 12)]
    return tuple((day, note.annual_fee) for day in days if note.maturity_date is None or day < note.maturity_date)


def _dated_terms(note: Note) -> dict[str, Any]:
    """PIK dates and the installments late charges look at (the payment dates, maturity included),
    read only for the notes that have them (the calendar is the matter's)."""
    if not note.pik and note.late_charge_percent is None:
        return {}
    dates = interest_dates(note)
    found: dict[str, Any] = {}
    if note.pik:
        found["capitalize_on"] = tuple(d.period_end(note) for d in dates)
    if note.late_charge_percent is not None:
        calendar = note.matter.holiday_calendar
        due = [(d.period_end(note), d.adjusted) for d in dates]
        due += [(day, roll(day, note.business_day_convention, calendar)) for day, _ in _scheduled(note)]
        if note.maturity_date:
            due.append((note.maturity_date, roll(note.maturity_date, note.business_day_convention, calendar)))
        found["installments"] = tuple(due)
    return found


def _scheduled(note: Note) -> list[tuple[date, Decimal]]:
    if note.pk is None:
        return []
    return list(ScheduledPayment.objects.filter(note=note).order_by("due_date").values_list("due_date", "principal"))


def _points(note: Note) -> list[rules.Point]:
    rows = RateValue.objects.filter(index_id=note.rate_index_id).order_by("effective_date")
    return [rules.Point(day, rate) for day, rate in rows.values_list("effective_date", "rate")]


def floating_rates(note: Note) -> tuple[Decimal | None, tuple[tuple[date, Decimal], ...]]:
    """A floating note's all-in rate on its issue date and at each later change of its index or
    of its margin; `RateMissing`, `RateRefused` or `GridRefused` when one cannot be set."""
    return _floating(note, _points(note), margin_changes(note))


def margin_grid(note: Note) -> list[margins.Level]:
    return [margins.Level(row.name, row.ratio_from, row.ratio_below, row.margin) for row in note.margin_levels.all()]


def margin_changes(note: Note, levels: Sequence[margins.Level] | None = None,
                   ratios: Sequence[tuple[date, Decimal]] | None = None) -> list[margins.Change]:
    """The margin grid's changes, oldest first: each reported ratio's level from its date."""
    if note.pk is None or not note.is_floating:
        return []
    if ratios is None:
        ratios = list(note.margin_ratios.values_list("effective_date", "ratio"))
    if not ratios:
        return []
    return margins.changes(margin_grid(note) if levels is None else levels, ratios)


def _spread_on(note: Note, grid: Sequence[margins.Change], day: date) -> Decimal:
    change = margins.in_effect(grid, day)
    return change.level.margin if change is not None else note.spread or Decimal(0)


def _all_in(note: Note, index_rate: Decimal, spread: Decimal | None = None) -> Decimal:
    return rules.applicable_rate(index_rate, note.spread or Decimal(0) if spread is None else spread,
                                 note.rate_floor, note.rate_cap)


@dataclass(frozen=True)
class InterestDate:
    scheduled: date  # the period date (the end of month kept for a month-end anchor)
    adjusted: date  # moved by the note's business-day convention on the matter's calendar

    def period_end(self, note: Note) -> date:
        """Where the interest period ends: the adjusted date if the note accrues to it."""
        return self.adjusted if note.accrue_to_adjusted else self.scheduled


MAX_PERIODS = 1200


def interest_dates(note: Note) -> list[InterestDate]:
    """The note's interest payment dates after its issue date and before maturity: the first
    (`interest_anchor`, or one period after issue) and every period after it."""
    months = note.payment_frequency_months
    if not months or note.issue_date is None or note.maturity_date is None:
        return []
    calendar = note.matter.holiday_calendar
    first = note.interest_anchor or period_date(note.issue_date, months=months, n=1)
    found = []
    for n in range(MAX_PERIODS):
        day = period_date(first, months=months, n=n)
        if day >= note.maturity_date:
            break
        if day > note.issue_date:
            found.append(InterestDate(day, roll(day, note.business_day_convention, calendar)))
    return found


def period_starts(note: Note) -> list[date]:
    """The first day of each interest period: the issue date and each period end before maturity."""
    assert note.issue_date is not None
    return [note.issue_date, *(d.period_end(note) for d in interest_dates(note))]


def fixing_date(note: Note, period_start: date) -> date:
    return rules.lookback_date(period_start, note.lookback_days or 0, note.matter.holiday_calendar)


def _floating(note: Note, points: Sequence[rules.Point], grid: Sequence[margins.Change] = (),
              ) -> tuple[Decimal | None, tuple[tuple[date, Decimal], ...]]:
    """The all-in rate on the issue date and at every later reset: each change of the index or of
    the margin grid's level, or (term rates) each period's start, fixed from the value in effect
    on its lookback date with the margin in effect on the period's start."""
    if note.issue_date is None:
        return None, ()
    index = str(note.rate_index)
    if note.rate_reset == RateReset.PERIOD_LOOKBACK:
        fixed = [(start, _all_in(note, rules.value_in_effect(points, fixing_date(note, start), index=index).rate,
                                 _spread_on(note, grid, start)))
                 for start in period_starts(note)]
        return fixed[0][1], tuple(fixed[1:])
    first = rules.value_in_effect(points, note.issue_date, index=index)
    if not grid:
        later = tuple((p.effective_date, _all_in(note, p.rate)) for p in points if p.effective_date > note.issue_date)
        return _all_in(note, first.rate), later
    days = sorted({p.effective_date for p in points} | {c.day for c in grid})
    later = tuple((day, _all_in(note, rules.value_in_effect(points, day, index=index).rate, _spread_on(note, grid, day)))
                  for day in days if day > note.issue_date)
    return _all_in(note, first.rate, _spread_on(note, grid, note.issue_date)), later


def period_interest(note: Note) -> dict[date, Decimal | None]:
    """The interest of each period, by scheduled payment date, as the ledger stands today (future
    periods on today's principal and rates): interest accrued from the period's start to its end."""
    terms = terms_of(note)
    ledger = list(live_transactions(note))
    amounts: dict[date, Decimal | None] = {}
    previous = Decimal(0)
    for day in interest_dates(note):
        total = position(terms, ledger, day.period_end(note)).interest_accrued_total
        amounts[day.scheduled] = None if total is None else cents(total - previous)
        previous = total or Decimal(0)
    return amounts


def rate_explanation(note: Note, on: date) -> str:
    """The rate in effect on a day, in words: "Prime (WSJ) 7.25% - 1.00% = 6.25%", the fixed rate,
    or why it cannot be set."""
    if not note.is_floating:
        words = "" if note.interest_rate is None else f"Fixed {rules.percent(note.interest_rate)}"
        return words + _in_default(note, on, note.interest_rate)
    day = max(on, note.issue_date) if note.issue_date else on
    fixed = ""
    if note.rate_reset == RateReset.PERIOD_LOOKBACK and note.issue_date:
        start = max(s for s in period_starts(note) if s <= day)
        day = fixing_date(note, start)
        fixed = f" (fixed on {day:%b %d, %Y} for the period from {start:%b %d, %Y})"
    try:
        value = rules.value_in_effect(_points(note), day, index=str(note.rate_index))
        grid = margin_changes(note)
        change = margins.in_effect(grid, day)
        spread = _spread_on(note, grid, day)
        words = rules.explain(str(note.rate_index), value.rate, spread, note.rate_floor, note.rate_cap)
        if change is not None:
            words += (f" (margin of {change.level.label()}: ratio {change.ratio.normalize():f} "
                      f"from {change.day:%b %d, %Y})")
        return words + fixed + _in_default(note, on, _all_in(note, value.rate, spread))
    except (rules.RateMissing, rules.RateRefused, margins.GridRefused) as exc:
        return str(exc)


def _in_default(note: Note, on: date, rate: Decimal | None) -> str:
    """"; in default since Mar 01, 2025: 10.00% + 2.00% = 12.00%" while a recorded default runs."""
    last = live_transactions(note).filter(kind__in=["default", "cure"], date__lte=on).order_by("-date", "-id").first()
    if last is None or last.kind != "default":
        return ""
    since = f"; in default since {last.date:%b %d, %Y}: "
    if note.default_spread is not None and rate is not None:
        return since + (f"{rules.percent(rate)} + {rules.percent(note.default_spread)} = "
                        f"{rules.percent(rate + note.default_spread)}")
    if note.default_rate is not None:
        return since + f"default rate {rules.percent(note.default_rate)}"
    return ""


def live_transactions(note: Note) -> QuerySet[NoteTransaction]:
    return note.transactions.filter(voided_at__isnull=True).order_by("date", "id")


def note_position(note: Note, as_of: date) -> Position:
    """From the note's snapshot when it is fresh and not after the date; else the ledger, read as
    plain rows (no model instances): a facility's ledger can hold thousands."""
    terms = terms_of(note)
    snap = snapshots.fresh([note.pk]).get(note.pk) if note.pk else None
    if snap is not None and (resumed := position_from(terms, snap, as_of)) is not None:
        return resumed
    rows = live_transactions(note).filter(date__lte=as_of).values_list("kind", "date", "amount", "rate", named=True)
    return position(terms, rows, as_of)


def terms_for(notes: list[Note]) -> dict[int, NoteTerms]:
    """The engine's terms of many notes, with their index values and schedules read in two queries."""
    points: dict[int, list[rules.Point]] = defaultdict(list)
    indexes = {n.rate_index_id for n in notes if n.rate_index_id is not None}
    for index_id, day, rate in RateValue.objects.filter(index_id__in=indexes).order_by(
        "effective_date"
    ).values_list("index_id", "effective_date", "rate"):
        points[index_id].append(rules.Point(day, rate))
    scheduled: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for note_id, day, amount in ScheduledPayment.objects.filter(note_id__in=[n.pk for n in notes]).order_by(
            "due_date").values_list("note_id", "due_date", "principal"):
        scheduled[note_id].append((day, amount))
    floating = [n.pk for n in notes if n.is_floating]
    levels: dict[int, list[margins.Level]] = defaultdict(list)
    for row in MarginLevel.objects.filter(note_id__in=floating):
        levels[row.note_id].append(margins.Level(row.name, row.ratio_from, row.ratio_below, row.margin))
    ratios: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for note_id, day, ratio in MarginRatio.objects.filter(note_id__in=floating).values_list("note_id", "effective_date", "ratio"):
        ratios[note_id].append((day, ratio))
    found = {}
    for note in notes:
        if not note.is_floating:
            found[note.pk] = terms_of(note, None, scheduled[note.pk])
            continue
        try:
            grid = margin_changes(note, levels[note.pk], ratios[note.pk])
        except margins.GridRefused:
            grid = None  # terms_of reads it again and leaves the rate not set
        found[note.pk] = terms_of(note, points[note.rate_index_id or 0], scheduled[note.pk], grid)
    return found


def ledgers_of(note_ids: list[int], until: date | None = None) -> dict[int, list[Any]]:
    """The notes' ledger rows (not voided), oldest first, in one query."""
    rows = NoteTransaction.objects.filter(note_id__in=note_ids, voided_at__isnull=True)
    if until is not None:
        rows = rows.filter(date__lte=until)
    by_note: dict[int, list[Any]] = defaultdict(list)
    for txn in rows.order_by("date", "id").values_list("note_id", "kind", "date", "amount", "rate", named=True):
        by_note[txn.note_id].append(txn)
    return by_note


def positions_for(notes: Iterable[Note], as_of: date) -> dict[int, Position]:
    """Positions of many notes with a fixed number of queries: their snapshots, and the ledgers of
    only the notes whose snapshot cannot be resumed to the date."""
    notes = list(notes)
    if not notes:
        return {}
    terms = terms_for(notes)
    kept = snapshots.fresh([n.pk for n in notes])
    found: dict[int, Position] = {}
    for note in notes:
        snap = kept.get(note.pk)
        if snap is not None and (resumed := position_from(terms[note.pk], snap, as_of)) is not None:
            found[note.pk] = resumed
    by_note = ledgers_of([n.pk for n in notes if n.pk not in found], as_of)
    for note in notes:
        if note.pk not in found:
            found[note.pk] = position(terms[note.pk], by_note[note.pk], as_of)
    return found


def governing_law(note: Note) -> str:
    agreement = note.agreement
    while agreement is not None and not agreement.governing_law and agreement.parent_id:
        agreement = agreement.parent
    return agreement.governing_law if agreement is not None else ""


def yield_of(note: Note) -> YieldView:
    return note_yield(
        principal=note.principal, price=note.purchase_price, rate=note.interest_rate,
        issue=note.issue_date, maturity=note.maturity_date, governing_law=governing_law(note),
    )


def note_list(*, user: Any) -> QuerySet[Note]:
    return scope(user, Note.objects.select_related("matter", "issuer", "holder", "agreement__parent"))


def search_hits(user: Any, query: str) -> list[SearchHit]:
    notes = note_list(user=user).filter(title__icontains=query)[:10]
    return [SearchHit("Note", str(n), reverse("notes:detail", args=[n.pk]), n.matter.name) for n in notes]


@dataclass(frozen=True)
class ScheduleLine:
    """One payment date: its principal, the interest and fees due then (projected for future
    dates on the balance left if every earlier payment is made as scheduled), and where it stands."""

    due_date: date
    kind: str  # a schedule kind, "interest" (an interest payment date) or "maturity"
    principal: Decimal
    interest: Decimal | None
    status: str  # "paid", "past_due" or "scheduled"
    fees: Decimal | None = None  # fees due on the date (commitment fee, fees charged); None: the note has none


@dataclass(frozen=True)
class _Projected:
    date: date
    amount: Decimal
    kind: str = "payment"
    rate: Decimal | None = None


def schedule_lines(note: Note, as_of: date) -> list[ScheduleLine]:
    """Every scheduled principal date (past ones with their status) and every future payment date:
    interest payment dates and maturity, with the interest, principal and fees projected for each."""
    rows = {r.due_date: r for r in ScheduledPayment.objects.filter(note=note).order_by("due_date")}
    if note.issue_date is None:
        return []
    periodic = note.payment_terms in ("periodic_interest", "amortizing")
    future = {d.scheduled for d in interest_dates(note) if d.scheduled > as_of} if periodic else set()
    if note.maturity_date and note.maturity_date > as_of:
        future.add(note.maturity_date)
    terms = terms_of(note, scheduled=[(r.due_date, r.principal) for r in rows.values()])
    ledger: list[Any] = list(live_transactions(note))
    standing = position(terms, ledger, as_of)
    covered = sum((r.principal for r in rows.values() if r.due_date <= as_of), Decimal(0)) - (
        standing.scheduled_principal_past_due or Decimal(0))
    lines, cumulative = [], Decimal(0)
    for day in sorted({*rows, *future}):
        row = rows.get(day)
        if day <= as_of:
            if row is not None:
                cumulative += row.principal
                status = "paid" if cumulative <= covered else "past_due"
                lines.append(ScheduleLine(day, row.kind, row.principal, None, status))
            continue
        pos = position(terms, ledger, day)
        interest = None if pos.accrued_interest is None else cents(pos.accrued_interest)
        fees = None if pos.accrued_fees is None else cents(pos.accrued_fees)
        if day == note.maturity_date:
            principal, kind = pos.principal_outstanding, row.kind if row is not None else "maturity"
        else:
            principal, kind = (row.principal, row.kind) if row is not None else (Decimal("0.00"), "interest")
        ledger.append(_Projected(day, principal + (interest or Decimal(0)) + (fees or Decimal(0))))
        lines.append(ScheduleLine(day, kind, principal, interest, "scheduled", fees))
    return lines


@dataclass(frozen=True)
class LenderPosition:
    party: Any
    share: Decimal
    principal_outstanding: Decimal
    accrued_interest: Decimal | None
    accrued_fees: Decimal | None


def share_timeline(note: Note) -> list[tuple[date | None, dict[int, Decimal]]]:
    """The lenders' shares at issue and after each live assignment (`notes.syndicate`)."""
    initial = {row.lender_id: row.share for row in note.lenders.all()}
    assignments = [
        syndicate.Assignment(t.date, t.from_lender_id, t.new_holder_id, t.share)
        for t in live_transactions(note).filter(kind="assignment")
        if t.from_lender_id is not None and t.new_holder_id is not None and t.share is not None
    ]
    return syndicate.timeline(initial, assignments)


def lender_positions(note: Note, as_of: date) -> list[LenderPosition]:
    """Each lender's principal, unpaid interest and fees as of a date; the cents add up to the
    facility's position exactly (largest remainder)."""
    if not note.lenders.exists():
        return []
    steps = share_timeline(note)
    terms, ledger = terms_of(note), list(live_transactions(note))
    pos = position(terms, ledger, as_of)
    shares = syndicate.shares_on(steps, as_of)
    lenders = sorted({lender for _, step in steps for lender in step})
    parties = {p.pk: p for p in Party.objects.filter(pk__in=lenders)}
    order = sorted(lenders, key=lambda lender: (-shares.get(lender, Decimal(0)), lender))
    principal = syndicate.allocate(pos.principal_outstanding, {lender: shares.get(lender, Decimal(0)) for lender in order}, order)
    interest: dict[int, Decimal] = {}
    if pos.accrued_interest is not None and pos.interest_since is not None:
        weights = dict.fromkeys(order, Decimal(0))
        bounds = sorted({pos.interest_since, as_of, *(d for d, _ in steps[1:] if d and pos.interest_since < d < as_of)})
        totals = [position(terms, ledger, day).interest_accrued_total or Decimal(0) for day in bounds]
        for start, before, after in zip(bounds, totals, totals[1:], strict=False):
            for lender, share in syndicate.shares_on(steps, start).items():
                weights[lender] += share * (after - before)
        if not any(weights.values()):
            weights = {lender: shares.get(lender, Decimal(0)) for lender in order}
        interest = syndicate.allocate(pos.accrued_interest, weights, order)
    fees = ({} if pos.accrued_fees is None else
            syndicate.allocate(pos.accrued_fees, {lender: shares.get(lender, Decimal(0)) for lender in order}, order))
    return [
        LenderPosition(parties[lender], shares.get(lender, Decimal(0)), principal[lender],
                       interest.get(lender) if pos.accrued_interest is not None else None,
                       fees.get(lender) if pos.accrued_fees is not None else None)
        for lender in order
    ]
