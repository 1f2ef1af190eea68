"""Every write to obligations. Other apps feed obligations through `obligations_sync` only."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from deadlines import calendars, recurrence
from deadlines.models import (
    CRITICAL_KINDS,
    FiscalYearEnd,
    Obligation,
    ObligationReminderOverride,
    ObligationStatus,
)
from matters.access import ensure_in_matter, visible_matters

NOT_OPEN = "Only an open obligation can be marked done or waived."
TRIGGER_LOOP = "A deadline cannot be dated from itself or from a deadline that is dated from it."
NOT_A_FISCAL_PERIOD = ("{day:%B %-d, %Y} is not a fiscal quarter end of {party} (its fiscal year ends {fye}); "
                       "enter a due date that many days after one.")
NO_FISCAL_YEAR_END = "Record the fiscal year end of the responsible party first (or leave this empty)."
FISCAL_NEEDS_QUARTERLY = "Days after the fiscal year end apply to a quarterly series."
# Chains longer than this are refused: no agreement dates a deliverable from twenty others.
MAX_CHAIN = 20
WAIVER_NEEDS_REASON = "Say why the obligation is waived."
# The same words whether the user exists or not: the message must not reveal which ids exist.
CANNOT_OPEN_MATTER = "Choose people who can open this matter; {pk} is not one of them."


@dataclass(frozen=True)
class ObligationSpec:
    """What a source record says an obligation should be. `key` is stable per source
    (e.g. "maturity", "payment:2026-06-30"): the same key always means the same obligation."""

    key: str
    title: str
    kind: str
    nominal_due_date: date | None = None
    window_opens: date | None = None
    window_closes: date | None = None
    convention: str = calendars.Convention.FOLLOWING
    clause: str = ""
    description: str = ""
    responsible_party: Any = None
    critical: bool | None = None
    assignees: list[Any] = field(default_factory=list)
    reminder_offsets: list[int] | None = None  # overrides the kind's policy, e.g. daily in the last week
    # The source records the obligation as met (a deliverable received, a payment made): the sync
    # marks it done with this evidence, instead of the caller dropping the spec.
    met: bool = False
    evidence: str = ""
    # The source says this date is no longer owed (a payment date after the note was repaid): an
    # open obligation is marked superseded even when past due, and none is created.
    withdrawn: bool = False
    # Dated from another obligation: the spec with key `trigger_key` of the same source (listed
    # before this one), or `trigger`; due `trigger_days` (business) days after the day it is
    # completed, or its due date until then. `nominal_due_date` is then ignored.
    trigger_key: str = ""
    trigger: Any = None
    trigger_days: int = 0
    trigger_business_days: bool = False


def triggered_nominal(*, trigger: Obligation, days: int, business: bool, calendar: str) -> date | None:
    """The nominal due date of a deadline dated from `trigger`: counted from the day it was
    completed (in the firm's zone), or from its due date while it is not."""
    if trigger.status == ObligationStatus.DONE and trigger.completed_at is not None:
        base: date | None = timezone.localdate(trigger.completed_at)
    else:
        base = trigger.due_date
    return calendars.add_days(base, days, business=business, calendar=calendar) if base else None


def trigger_chain(obligation: Obligation) -> list[Obligation]:
    """The deadlines this one is dated from, the first (the root) first; empty if none."""
    chain: list[Obligation] = []
    current = obligation.trigger
    while current is not None and len(chain) < MAX_CHAIN:
        chain.append(current)
        current = current.trigger
    return chain[::-1]


def _check_trigger(obligation: Obligation, trigger: Obligation | None) -> None:
    if trigger is None:
        return
    seen = [trigger, *trigger_chain(trigger)]
    if (obligation.pk is not None and any(o.pk == obligation.pk for o in seen)) or len(seen) >= MAX_CHAIN:
        raise ValidationError({"trigger": TRIGGER_LOOP})


def dependents_move(*, obligation: Obligation, depth: int = 0) -> list[Obligation]:
    """Move every open deadline dated from `obligation` to where its trigger now puts it, and so on
    down the chain. Done, waived, missed and superseded ones keep what a person recorded."""
    moved: list[Obligation] = []
    if depth >= MAX_CHAIN:
        return moved
    dependents = list(Obligation.objects.select_for_update().filter(trigger=obligation, status=ObligationStatus.OPEN))
    if not dependents:
        return moved
    calendar = obligation.matter.holiday_calendar
    for dependent in dependents:
        dependent.trigger = obligation
        nominal = triggered_nominal(trigger=obligation, days=dependent.trigger_days,
                                    business=dependent.trigger_business_days, calendar=calendar)
        due = due_date_for(nominal=nominal, convention=dependent.business_day_convention, calendar=calendar)
        if nominal is None or (dependent.nominal_due_date, dependent.due_date) == (nominal, due):
            continue
        dependent.nominal_due_date, dependent.due_date = nominal, due
        dependent.sequence += 1
        dependent.save(update_fields=["nominal_due_date", "due_date", "sequence", "updated_at"])
        moved += [dependent, *dependents_move(obligation=dependent, depth=depth + 1)]
    return moved


def due_date_for(*, nominal: date | None, convention: str, calendar: str) -> date | None:
    return calendars.roll(nominal, convention, calendar) if nominal else None


@transaction.atomic
def obligations_sync(*, matter: Any, source: Model, specs: list[ObligationSpec]) -> list[Obligation]:
    """Make the source's obligations match `specs`, idempotently. Callers pass the specs they want
    now; this decides what happens to the rest. Nothing is ever deleted:

    - a new key is created; an open obligation moves when its dates move (SEQUENCE is raised);
    - done, waived or missed obligations are kept exactly as they are (who, when, evidence);
    - a spec with `met=True` marks its open obligation done, with the spec's evidence;
    - an open obligation whose key is gone stays open when it is past due (still owed, e.g. an
      unpaid damages payment) or carries evidence; otherwise it is marked superseded and kept;
    - a spec with `withdrawn=True` (the source says it is no longer owed) supersedes its open
      obligation even when past due;
    - a superseded obligation whose key comes back is open again.
    """
    source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
    existing = {
        o.source_key: o
        for o in Obligation.objects.select_for_update().filter(source_type=source_type, source_id=source.pk)
    }
    withdrawn = {spec.key for spec in specs if spec.withdrawn}
    specs = [spec for spec in specs if not spec.withdrawn]
    by_key: dict[str, Obligation] = {}
    result = []
    for spec in specs:
        trigger = by_key.get(spec.trigger_key) if spec.trigger_key else spec.trigger
        by_key[spec.key] = _sync_one(matter, source_type, source.pk, spec, existing.get(spec.key), trigger)
        result.append(by_key[spec.key])
    result = [_record_met(obligation, spec) for obligation, spec in zip(result, specs, strict=True)]
    wanted = {spec.key for spec in specs}
    today = timezone.localdate()
    for key, obligation in existing.items():
        if key in wanted or obligation.status != ObligationStatus.OPEN:
            continue
        if key in withdrawn or not _still_owed(obligation, today):
            obligation.status = ObligationStatus.SUPERSEDED
            obligation.sequence += 1
            obligation.save(update_fields=["status", "sequence", "updated_at"])
    return result


def _record_met(obligation: Obligation, spec: ObligationSpec) -> Obligation:
    if not spec.met or obligation.status != ObligationStatus.OPEN:
        return obligation
    return obligation_close(obligation=obligation, status=ObligationStatus.DONE, by=None,
                            by_name="Recorded on its source", evidence=spec.evidence)[0]


def _still_owed(obligation: Obligation, today: date) -> bool:
    past_due = obligation.due_date is not None and obligation.due_date < today
    return past_due or bool(obligation.evidence.strip())


def _sync_one(matter: Any, source_type: ContentType, source_id: int, spec: ObligationSpec,
              current: Obligation | None, trigger: Obligation | None) -> Obligation:
    nominal = spec.nominal_due_date or spec.window_closes
    if trigger is not None:
        nominal = triggered_nominal(trigger=trigger, days=spec.trigger_days, business=spec.trigger_business_days,
                                    calendar=matter.holiday_calendar)
    values = {
        "title": spec.title,
        "kind": spec.kind,
        "clause": spec.clause,
        "description": spec.description,
        "responsible_party": spec.responsible_party,
        "nominal_due_date": nominal,
        "due_date": due_date_for(nominal=nominal, convention=spec.convention, calendar=matter.holiday_calendar),
        "trigger": trigger,
        "trigger_days": spec.trigger_days,
        "trigger_business_days": spec.trigger_business_days,
        "window_opens": spec.window_opens,
        "window_closes": spec.window_closes,
        "business_day_convention": spec.convention,
        "critical": spec.kind in CRITICAL_KINDS if spec.critical is None else spec.critical,
    }
    if current is None:
        obligation = Obligation(
            matter=matter, source_type=source_type, source_id=source_id, source_key=spec.key, **values
        )
        obligation.full_clean()
        obligation.save()
        if spec.assignees:
            obligation.assignees.set(people_who_can_open(matter, field="assignees", people=spec.assignees))
        _set_offsets(obligation, spec.reminder_offsets)
        return obligation
    if current.status not in (ObligationStatus.OPEN, ObligationStatus.SUPERSEDED):
        return current
    _set_offsets(current, spec.reminder_offsets)
    values["status"] = ObligationStatus.OPEN  # a superseded obligation whose key is back is open again
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if changed:
        _check_trigger(current, trigger)
        for name in changed:
            setattr(current, name, values[name])
        current.sequence += 1
        current.full_clean()
        current.save()
        if "due_date" in changed:
            dependents_move(obligation=current)
    return current


def _set_offsets(obligation: Obligation, offsets: list[int] | None) -> None:
    if offsets is not None:
        ObligationReminderOverride.objects.update_or_create(obligation=obligation, defaults={"offsets": offsets})


@transaction.atomic
def obligation_create(*, matter: Any, data: dict[str, Any], by: Any) -> Obligation:
    assignees = data.pop("assignees", [])
    watchers = data.pop("watchers", [])
    offsets = data.pop("reminder_offsets", None)
    obligation = Obligation(matter=matter, **data)
    if obligation.trigger is not None:
        ensure_in_matter(matter, trigger=obligation.trigger)
        _check_trigger(obligation, obligation.trigger)
        obligation.nominal_due_date = triggered_nominal(
            trigger=obligation.trigger, days=obligation.trigger_days, business=obligation.trigger_business_days,
            calendar=matter.holiday_calendar)
    obligation.due_date = due_date_for(
        nominal=obligation.nominal_due_date,
        convention=obligation.business_day_convention,
        calendar=matter.holiday_calendar,
    )
    if obligation.due_date is None and obligation.window_closes:
        obligation.due_date = obligation.window_closes
    obligation.critical = obligation.critical or obligation.kind in CRITICAL_KINDS
    if obligation.recurrence in recurrence.PERIOD_MONTHS and obligation.nominal_due_date:
        obligation.recurrence_anchor = obligation.nominal_due_date - timedelta(days=obligation.recurrence_days_after)
        if obligation.recurrence_year_end_days_after is not None:
            _anchor_at_fiscal_year_end(obligation)
    obligation.full_clean()
    assignees = people_who_can_open(matter, field="assignees", people=assignees)
    watchers = people_who_can_open(matter, field="watchers", people=watchers)
    obligation.save()
    obligation.assignees.set(assignees)
    obligation.watchers.set(watchers)
    if offsets:
        ObligationReminderOverride.objects.create(obligation=obligation, offsets=sorted(set(offsets), reverse=True))
    return obligation


def _anchor_at_fiscal_year_end(obligation: Obligation) -> None:
    """A series due N days after each fiscal quarter end and M after the year end counts its
    periods from a fiscal year end of the responsible party: the first due date entered names the
    first period end (N days before it, or M when that is a year end)."""
    if obligation.recurrence != "quarterly":
        raise ValidationError({"recurrence_year_end_days_after": FISCAL_NEEDS_QUARTERLY})
    party = obligation.responsible_party_id
    fiscal = FiscalYearEnd.objects.filter(party_id=party).first() if party is not None else None
    if fiscal is None or obligation.nominal_due_date is None:
        raise ValidationError({"recurrence_year_end_days_after": NO_FISCAL_YEAR_END})
    for days in (obligation.recurrence_year_end_days_after, obligation.recurrence_days_after):
        period_end = obligation.nominal_due_date - timedelta(days=days or 0)
        year_end = fiscal.year_end_on_or_before(period_end)
        n = recurrence.periods_between(year_end, period_end, months=3)
        if n is not None and (n == 0) == (days == obligation.recurrence_year_end_days_after):
            obligation.recurrence_anchor, obligation.occurrence = year_end, n
            return
    period_end = obligation.nominal_due_date - timedelta(days=obligation.recurrence_days_after)
    raise ValidationError({"nominal_due_date": NOT_A_FISCAL_PERIOD.format(
        day=period_end, party=fiscal.party, fye=f"{fiscal.day} {fiscal.get_month_display()}")})


def people_who_can_open(matter: Any, *, field: str, people: Any) -> list[Any]:
    """The users (or user ids) chosen for `field`, each one able to open `matter` under the access
    rule. A foreign user and an id that does not exist get the same field error."""
    wanted = [getattr(person, "pk", person) for person in people or []]
    found = {user.pk: user for user in get_user_model().objects.filter(pk__in=[p for p in wanted if isinstance(p, int)])}
    allowed = [
        pk for pk, user in found.items()
        if visible_matters(user).filter(pk=matter.pk).exists()
    ]
    refused = [pk for pk in wanted if pk not in allowed]
    if refused:
        raise ValidationError({field: [CANNOT_OPEN_MATTER.format(pk=pk) for pk in refused]})
    return [found[pk] for pk in dict.fromkeys(wanted)]


@transaction.atomic
def obligation_complete(
    *, obligation: Obligation, by: Any = None, by_name: str = "", evidence: str = "", comment: str = ""
) -> Obligation:
    return _close(obligation, ObligationStatus.DONE, by=by, by_name=by_name, evidence=evidence, comment=comment)


@transaction.atomic
def obligation_waive(*, obligation: Obligation, by: Any, comment: str, evidence: str = "") -> Obligation:
    if not comment.strip():
        raise ValidationError({"comment": WAIVER_NEEDS_REASON})
    return _close(obligation, ObligationStatus.WAIVED, by=by, by_name="", evidence=evidence, comment=comment)


def _next_occurrence(obligation: Obligation) -> Obligation | None:
    """A recurring deadline (quarterly statements...) gets its next occurrence when one is closed.
    Occurrence n is computed from the series' anchor (see deadlines.recurrence), so month ends
    never drift."""
    anchor = obligation.recurrence_anchor or obligation.nominal_due_date
    if anchor is None:
        return None
    n = obligation.occurrence + 1
    nominal = recurrence.fiscal_occurrence_date(
        anchor, recurrence=obligation.recurrence, n=n, days_after=obligation.recurrence_days_after,
        year_end_days_after=obligation.recurrence_year_end_days_after)
    if nominal is None:
        return None
    following = Obligation.objects.get(pk=obligation.pk)
    assignees, watchers = list(following.assignees.all()), list(following.watchers.all())
    following.pk = None
    following.trigger = None
    following.source_type, following.source_id, following.source_key = None, None, ""
    following.recurrence_anchor, following.occurrence = anchor, n
    following.nominal_due_date = nominal
    following.due_date = due_date_for(nominal=nominal, convention=following.business_day_convention,
                                      calendar=obligation.matter.holiday_calendar)
    following.window_opens = following.window_closes = None
    following.status, following.completed_at, following.completed_by = ObligationStatus.OPEN, None, None
    following.completed_by_name, following.evidence, following.comment, following.sequence = "", "", "", 0
    following.full_clean()
    following.save()
    following.assignees.set(assignees)
    following.watchers.set(watchers)
    return following


def obligation_close(
    *, obligation: Obligation, status: str, by: Any, by_name: str = "", evidence: str = "", comment: str = ""
) -> tuple[Obligation, Obligation | None]:
    """Close an open obligation; returns it and the next occurrence a recurring one got.
    Call inside a transaction (the public services below are atomic)."""
    locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if locked.status != ObligationStatus.OPEN:
        raise ValidationError(NOT_OPEN)
    locked.status = status
    locked.completed_at = timezone.now()
    locked.completed_by = by if by is not None and by.is_authenticated else None
    locked.completed_by_name = by_name or (by.display_name if locked.completed_by else "")
    locked.evidence = evidence
    locked.comment = comment
    locked.sequence = F("sequence") + 1
    locked.save()
    locked.refresh_from_db()
    dependents_move(obligation=locked)
    return locked, _next_occurrence(locked)


def _close(obligation: Obligation, status: str, *, by: Any, by_name: str, evidence: str, comment: str) -> Obligation:
    return obligation_close(obligation=obligation, status=status, by=by, by_name=by_name, evidence=evidence,
                            comment=comment)[0]


@transaction.atomic
def obligation_reopen(*, obligation: Obligation, withdraw: Obligation | None = None) -> Obligation:
    """Undo a close: the obligation is open again; the next occurrence its close created (if any,
    and still untouched) is marked superseded, never deleted."""
    locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
    locked.status = ObligationStatus.OPEN
    locked.completed_at, locked.completed_by, locked.completed_by_name = None, None, ""
    locked.sequence = F("sequence") + 1
    locked.save()
    if withdraw is not None:
        Obligation.objects.filter(pk=withdraw.pk, status=ObligationStatus.OPEN).update(
            status=ObligationStatus.SUPERSEDED, sequence=F("sequence") + 1)
    locked.refresh_from_db()
    dependents_move(obligation=locked)
    return locked


@transaction.atomic
def fiscal_year_end_set(*, party: Any, month: int, day: int, source: str = "") -> FiscalYearEnd:
    """Record (or change) the day a company's fiscal year ends."""
    fiscal = FiscalYearEnd.objects.filter(party=party).first() or FiscalYearEnd(party=party)
    fiscal.month, fiscal.day, fiscal.source = month, day, source
    fiscal.full_clean()
    fiscal.save()
    return fiscal
