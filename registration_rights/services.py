"""Every write to registration rights and their events; obligations follow each change."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deadlines.models import ObligationKind, ObligationStatus
from deadlines.services import ObligationSpec, obligation_complete, obligations_sync
from matters.access import ensure_in_matter
from registration_rights.models import EventKind, RegistrationEvent, RegistrationRights
from registration_rights.selectors import rights_position

CAP_BELOW_ONE_PERIOD = "The cap ({cap}%) is below one period's rate ({rate}%): check both terms."
EFFECTIVE_BEFORE_FILED = "A registration statement cannot be declared effective before it was filed ({filed:%b %d, %Y})."
EFFECTIVE_WITHOUT_FILING = "Record the filing before the effectiveness."
RESUMED_WITHOUT_SUSPENSION = "There is no suspension to end."
EVENT_BEFORE_CLOSING = "An event cannot be dated before the closing date ({closing:%b %d, %Y})."
FIELDS = (
    "agreement", "registrable_securities", "closing_date", "purchase_price", "filing_deadline_days",
    "filing_deadline_date", "effectiveness_deadline_days", "effectiveness_deadline_days_if_reviewed",
    "effectiveness_counted_from", "business_day_convention", "maintenance_period", "suspension_days_per_period",
    "suspension_days_per_year", "liquidated_damages_rate", "liquidated_damages_period_days",
    "liquidated_damages_cap", "damages_payable",
)


def _validate(rights: RegistrationRights) -> None:
    ensure_in_matter(rights.matter, agreement=rights.agreement)
    rate, cap = rights.liquidated_damages_rate, rights.liquidated_damages_cap
    if rate is not None and cap is not None and cap < rate:
        raise ValidationError({"liquidated_damages_cap": CAP_BELOW_ONE_PERIOD.format(cap=cap, rate=rate)})
    reviewed, normal = rights.effectiveness_deadline_days_if_reviewed, rights.effectiveness_deadline_days
    if reviewed is not None and normal is not None and reviewed < normal:
        raise ValidationError({"effectiveness_deadline_days_if_reviewed": "The period if reviewed cannot be shorter than the normal one."})


@transaction.atomic
def rights_create(*, matter: Any, data: dict[str, Any], holders: list[Any] | None = None) -> RegistrationRights:
    rights = RegistrationRights(matter=matter, **{k: v for k, v in data.items() if k in FIELDS})
    _validate(rights)
    rights.full_clean()
    rights.save()
    rights.holders.set(holders or [])
    rights_obligations_sync(rights=rights)
    return rights


@transaction.atomic
def rights_update(*, rights: RegistrationRights, data: dict[str, Any], holders: list[Any] | None = None) -> RegistrationRights:
    for field in FIELDS:
        if field in data:
            setattr(rights, field, data[field])
    _validate(rights)
    rights.full_clean()
    rights.save()
    if holders is not None:
        rights.holders.set(holders)
    rights_obligations_sync(rights=rights)
    return rights


@transaction.atomic
def event_record(*, rights: RegistrationRights, kind: str, on: date, memo: str = "") -> RegistrationEvent:
    rights = RegistrationRights.objects.select_for_update().get(pk=rights.pk)
    events = list(rights.events.all())
    if rights.closing_date and on < rights.closing_date:
        raise ValidationError({"date": EVENT_BEFORE_CLOSING.format(closing=rights.closing_date)})
    filed = next((e.date for e in events if e.kind == EventKind.FILED), None)
    if kind == EventKind.EFFECTIVE:
        if filed is None:
            raise ValidationError({"kind": EFFECTIVE_WITHOUT_FILING})
        if on < filed:
            raise ValidationError({"date": EFFECTIVE_BEFORE_FILED.format(filed=filed)})
    if kind == EventKind.RESUMED:
        suspended = sum(e.kind == EventKind.SUSPENDED for e in events) - sum(e.kind == EventKind.RESUMED for e in events)
        if suspended <= 0:
            raise ValidationError({"kind": RESUMED_WITHOUT_SUSPENSION})
    event = RegistrationEvent(rights=rights, kind=kind, date=on, memo=memo)
    event.full_clean()
    event.save()
    rights_obligations_sync(rights=rights)
    return event


def rights_obligations_sync(*, rights: RegistrationRights) -> None:
    pos = rights_position(rights, date.max - timedelta(days=1))
    specs = []
    if pos.filing_deadline:
        specs.append(ObligationSpec(key="filing", title="File the resale registration statement",
                                    kind=ObligationKind.REGISTRATION_FILING, nominal_due_date=pos.filing_deadline,
                                    convention="none", clause="Registration Rights Agreement: filing deadline"))
    if pos.effectiveness_deadline:
        specs.append(ObligationSpec(key="effectiveness", title="Registration statement declared effective",
                                    kind=ObligationKind.REGISTRATION_EFFECTIVENESS, nominal_due_date=pos.effectiveness_deadline,
                                    convention="none", clause="Registration Rights Agreement: effectiveness deadline"))
    specs += _suspension_and_damages_specs(rights, pos)
    obligations = {o.source_key: o for o in obligations_sync(matter=rights.matter, source=rights, specs=specs)}
    for key, done_on in (("filing", pos.filed_on), ("effectiveness", pos.effective_on)):
        obligation = obligations.get(key)
        if done_on and obligation is not None and obligation.status == ObligationStatus.OPEN:
            obligation_complete(obligation=obligation, by_name="Recorded event", evidence=f"Event recorded for {done_on}")


def _suspension_spec(rights: RegistrationRights, since: date, resumed_on: date | None) -> list[ObligationSpec]:
    if not rights.suspension_days_per_period:
        return []
    return [ObligationSpec(
        key=f"suspension:{since.isoformat()}", title="Suspension (blackout) must end",
        kind=ObligationKind.SUSPENSION_END, nominal_due_date=since + timedelta(days=rights.suspension_days_per_period),
        convention="none", clause="Registration Rights Agreement: allowed suspension days",
        met=resumed_on is not None, evidence=f"Resumed on {resumed_on:%B %d, %Y}." if resumed_on else "")]


def _suspension_and_damages_specs(rights: RegistrationRights, pos: Any) -> list[ObligationSpec]:
    """An open suspension must end within the allowed days; damages are paid at the end of each
    period in default (the agreement's own "when payable" text is shown with it)."""
    specs = []
    events = sorted(rights.events.all(), key=lambda e: (e.date, e.pk))
    open_since = None
    for event in events:
        if event.kind == EventKind.SUSPENDED and open_since is None:
            open_since = event.date
        elif event.kind == EventKind.RESUMED and open_since is not None:
            # An ended suspension's deadline is met on the day it ended (kept, not dropped).
            specs += _suspension_spec(rights, open_since, resumed_on=event.date)
            open_since = None
    if open_since:
        specs += _suspension_spec(rights, open_since, resumed_on=None)
    today = timezone.localdate()
    current = rights_position(rights, today)
    period = rights.liquidated_damages_period_days
    if current.default_began and period and current.liquidated_damages_accrued:
        first_missed = current.default_began
        elapsed = (today - first_missed).days
        period_end = first_missed + timedelta(days=(elapsed // period + 1) * period - 1)
        specs.append(ObligationSpec(
            key=f"damages:{period_end.isoformat()}", title="Liquidated damages payment",
            kind=ObligationKind.DAMAGES_PAYMENT, nominal_due_date=period_end,
            clause=f"Registration Rights Agreement: {rights.damages_payable or 'when payable not recorded'}"))
    return specs
