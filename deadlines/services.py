"""Every write to obligations. Other apps feed obligations through `obligations_sync` only."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from deadlines import calendars
from deadlines.models import (
    CRITICAL_KINDS,
    Obligation,
    ObligationReminderOverride,
    ObligationStatus,
)

NOT_OPEN = "Only an open obligation can be marked done or waived."
WAIVER_NEEDS_REASON = "Say why the obligation is waived."


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


def due_date_for(*, nominal: date | None, convention: str, calendar: str) -> date | None:
    return calendars.roll(nominal, convention, calendar) if nominal else None


@transaction.atomic
def obligations_sync(*, matter: Any, source: Model, specs: list[ObligationSpec]) -> list[Obligation]:
    """Make the source's obligations match `specs`, idempotently.

    New keys are created; open obligations move when their dates move (SEQUENCE is raised);
    done, waived or missed ones are kept as they are; open ones whose key is gone are deleted.
    """
    source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
    existing = {
        o.source_key: o
        for o in Obligation.objects.select_for_update().filter(source_type=source_type, source_id=source.pk)
    }
    result = [_sync_one(matter, source_type, source.pk, spec, existing.get(spec.key)) for spec in specs]
    wanted = {spec.key for spec in specs}
    stale = [o.pk for key, o in existing.items() if key not in wanted and o.status == ObligationStatus.OPEN]
    Obligation.objects.filter(pk__in=stale).delete()
    return result


def _sync_one(matter: Any, source_type: ContentType, source_id: int, spec: ObligationSpec, current: Obligation | None) -> Obligation:
    values = {
        "title": spec.title,
        "kind": spec.kind,
        "clause": spec.clause,
        "description": spec.description,
        "responsible_party": spec.responsible_party,
        "nominal_due_date": spec.nominal_due_date or spec.window_closes,
        "due_date": due_date_for(
            nominal=spec.nominal_due_date or spec.window_closes,
            convention=spec.convention,
            calendar=matter.holiday_calendar,
        ),
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
            obligation.assignees.set(spec.assignees)
        _set_offsets(obligation, spec.reminder_offsets)
        return obligation
    if current.status != ObligationStatus.OPEN:
        return current
    _set_offsets(current, spec.reminder_offsets)
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if changed:
        for name in changed:
            setattr(current, name, values[name])
        current.sequence += 1
        current.full_clean()
        current.save()
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
    obligation.due_date = due_date_for(
        nominal=obligation.nominal_due_date,
        convention=obligation.business_day_convention,
        calendar=matter.holiday_calendar,
    )
    if obligation.due_date is None and obligation.window_closes:
        obligation.due_date = obligation.window_closes
    obligation.critical = obligation.critical or obligation.kind in CRITICAL_KINDS
    obligation.full_clean()
    obligation.save()
    obligation.assignees.set(assignees)
    obligation.watchers.set(watchers)
    if offsets:
        ObligationReminderOverride.objects.create(obligation=obligation, offsets=sorted(set(offsets), reverse=True))
    return obligation


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


RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "annually": 12}


def _next_occurrence(obligation: Obligation) -> Obligation | None:
    """A recurring deadline (quarterly statements...) gets its next occurrence when one is closed."""
    months = RECURRENCE_MONTHS.get(obligation.recurrence)
    if not months or obligation.nominal_due_date is None:
        return None
    following = Obligation.objects.get(pk=obligation.pk)
    assignees, watchers = list(following.assignees.all()), list(following.watchers.all())
    following.pk = None
    following.source_type, following.source_id, following.source_key = None, None, ""
    following.nominal_due_date = obligation.nominal_due_date + relativedelta(months=months)
    following.due_date = due_date_for(nominal=following.nominal_due_date, convention=following.business_day_convention,
                                      calendar=obligation.matter.holiday_calendar)
    following.window_opens = following.window_closes = None
    following.status, following.completed_at, following.completed_by = ObligationStatus.OPEN, None, None
    following.completed_by_name, following.evidence, following.comment, following.sequence = "", "", "", 0
    following.full_clean()
    following.save()
    following.assignees.set(assignees)
    following.watchers.set(watchers)
    return following


def _close(obligation: Obligation, status: str, *, by: Any, by_name: str, evidence: str, comment: str) -> Obligation:
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
    _next_occurrence(locked)
    return locked
