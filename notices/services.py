"""Every write to notices: dispatch, delivery, and their effects."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, NoticeMethod, NoticeRule
from core.uploads import upload_kind
from deadlines.models import ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from matters.access import ensure_in_matter
from matters.models import Matter
from notices import deemed
from notices.models import Notice, NoticeKind, validate_time_zone
from parties.models import NoticeAddress
from parties.selectors import notice_address_in_effect
from parties.services import notice_address_add

METHOD_NOT_ALLOWED = "{clause} allows notices only by {allowed}; {method} is not one of them."
NO_RULES = "This agreement has no notice clause recorded; record its allowed methods first."
FUTURE_DISPATCH = "A notice cannot be dispatched in the future."
DELIVERED_BEFORE_DISPATCH = "Delivered-at cannot be before dispatched-at."
NO_ADDRESS = "{party} has no notice address in effect on {day:%b %d, %Y}; record it before sending."
NOT_A_PARTY = "{party} is not a party to this agreement."
NEW_ADDRESS_NEEDED = "A change-of-address notice needs the new address (street and city)."
ALREADY_DELIVERED = "Delivery of this notice is already recorded ({at:%b %d, %Y %H:%M %Z})."
DELIVERY_NEEDED = "Enter when the notice was received."
CLOCK_KINDS = {NoticeKind.DEFAULT, NoticeKind.DEMAND, NoticeKind.DISPUTE}


def _rule(agreement: Agreement, method: str) -> NoticeRule:
    rules = list(agreement.notice_rules.all())
    if not rules:
        raise ValidationError({"method": NO_RULES})
    rule = next((r for r in rules if r.method == method), None)
    if rule is None:
        labels = ", ".join(NoticeMethod(r.method).label.lower() for r in rules)
        clause = agreement.notice_clause_ref or rules[0].clause or "The notice clause"
        label = NoticeMethod(method).label.lower() if method in NoticeMethod.values else repr(method)
        raise ValidationError({"method": METHOD_NOT_ALLOWED.format(clause=clause, allowed=labels, method=label)})
    return rule


def _address_lines(address: NoticeAddress) -> list[str]:
    extra = [f"Tel. No.: {address.phone}" if address.phone else "", f"Fax No.: {address.fax}" if address.fax else "",
             f"Email: {address.email}" if address.email else ""]
    return address.lines + [line for line in extra if line]


def _validate_times(dispatched_at: datetime, delivered_at: datetime | None) -> None:
    if dispatched_at > timezone.now():
        raise ValidationError({"dispatched_at": FUTURE_DISPATCH})
    if delivered_at is not None and delivered_at < dispatched_at:
        raise ValidationError({"delivered_at": DELIVERED_BEFORE_DISPATCH})


@transaction.atomic
def notice_dispatch(*, matter: Matter, agreement: Agreement, data: dict[str, Any], by: Any) -> Notice:
    ensure_in_matter(matter, agreement=agreement)
    notice = Notice(matter=matter, agreement=agreement, created_by=by if getattr(by, "is_authenticated", False) else None,
                    **{k: v for k, v in data.items() if k not in ("agreement", "matter", "evidence_file")})
    try:
        validate_time_zone(notice.time_zone)
    except ValidationError as exc:
        raise ValidationError({"time_zone": exc.messages}) from exc
    parties = set(agreement.agreement_parties.values_list("party_id", flat=True))
    for field in ("sender", "recipient"):
        party = getattr(notice, field)
        if parties and party.pk not in parties:
            raise ValidationError({field: NOT_A_PARTY.format(party=party)})
    rule = _rule(agreement, notice.method)
    _validate_times(notice.dispatched_at, notice.delivered_at)
    if notice.kind == NoticeKind.CHANGE_OF_ADDRESS and not (notice.new_address or {}).get("street_lines"):
        raise ValidationError({"new_address": NEW_ADDRESS_NEEDED})
    day = deemed.effective_date(notice.dispatched_at, notice.zone)
    address = notice_address_in_effect(party=notice.recipient, on=day)
    if address is None:
        raise ValidationError({"recipient": NO_ADDRESS.format(party=notice.recipient, day=day)})
    notice.address_lines = _address_lines(address)
    _compute(notice, rule)
    notice.full_clean()
    notice.save()
    _effects(notice)
    return notice


@transaction.atomic
def notice_record_delivery(*, notice: Notice, delivered_at: datetime | None, evidence_kind: str = "", evidence: str = "",
                           evidence_file: UploadedFile | None = None) -> Notice:
    """Record when a dispatched notice was received (a mailed notice's return receipt): it sets the
    deemed-given moment and starts the notice's period."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.delivered_at is not None:
        raise ValidationError({"delivered_at": ALREADY_DELIVERED.format(at=notice.delivered_at.astimezone(notice.zone))})
    if delivered_at is None:
        raise ValidationError({"delivered_at": DELIVERY_NEEDED})
    _validate_times(notice.dispatched_at, delivered_at)
    if evidence_file is not None:
        try:
            upload_kind(evidence_file)
        except ValidationError as exc:
            raise ValidationError({"evidence_file": exc.message_dict["file"]}) from exc
        notice.evidence_file.save(evidence_file.name or "evidence", evidence_file, save=False)
    notice.delivered_at, notice.evidence_kind, notice.evidence = delivered_at, evidence_kind, evidence
    _compute(notice, _rule(notice.agreement, notice.method))
    notice.full_clean()
    notice.save()
    _effects(notice)
    return notice


def _compute(notice: Notice, rule: NoticeRule) -> None:
    result = deemed.deemed_given(
        deemed.Rule(NoticeMethod(rule.method).label, rule.deemed_given, rule.offset_days, rule.business_days,
                    rule.cutoff_time, rule.clause or notice.agreement.notice_clause_ref),
        dispatched_at=notice.dispatched_at, delivered_at=notice.delivered_at, calendar=notice.matter.holiday_calendar,
        zone=notice.zone,
    )
    notice.deemed_given_at, notice.deemed_given_rule = result.at, result.rule


def _effects(notice: Notice) -> None:
    if notice.deemed_given_at is None:
        return
    effective = deemed.effective_date(notice.deemed_given_at, notice.zone)
    if notice.kind == NoticeKind.CHANGE_OF_ADDRESS and notice.new_address:
        if not notice.sender.notice_addresses.filter(effective_from=effective).exists():
            notice_address_add(party=notice.sender, data={**notice.new_address, "effective_from": effective})
    specs = []
    if notice.kind in CLOCK_KINDS and notice.period_days:
        due = deemed.clock_due(notice.deemed_given_at, notice.period_days, business=notice.period_business_days,
                               calendar=notice.matter.holiday_calendar, zone=notice.zone)
        unit = "business days" if notice.period_business_days else "days"
        specs.append(ObligationSpec(
            key="clock", kind=ObligationKind.CURE_PERIOD if notice.kind == NoticeKind.DEFAULT else ObligationKind.NOTICE_RESPONSE,
            title=f"{notice.get_kind_display()} period ends ({notice.period_days} {unit} after {effective:%b %d, %Y})",
            nominal_due_date=due, convention=notice.business_day_convention, clause=notice.deemed_given_rule, responsible_party=notice.recipient,
        ))
    obligations_sync(matter=notice.matter, source=notice, specs=specs)
