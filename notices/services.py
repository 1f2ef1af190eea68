"""Every write to notices: dispatch, delivery, and their effects."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, NoticeMethod, NoticeRule
from core.uploads import upload_kind
from deadlines.catalog import combine
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
ONLY_OUTSIDE_US = ("{clause} allows {method} only to addresses outside the United States; {party}'s notice address "
                   "is in the United States.")
COPY_MISSING = "{clause} requires a copy of notices to {party} to {copy}{attention}; none is recorded as sent."
CONFIRMATION_MISSING = ("{clause} allows {method} only with a confirming copy by another method; "
                        "none is recorded.")


def _rule(agreement: Agreement, method: str, recipient: Any = None) -> NoticeRule:
    """The rule for a notice by `method` to `recipient`: the clause's rule for that party when it
    states one (for that method, else for every method), else its rule for the method."""
    rules = list(agreement.notice_rules.all())
    general = [r for r in rules if r.recipient_party_id is None]
    if not rules:
        raise ValidationError({"method": NO_RULES})
    rule = next((r for r in general if r.method == method), None)
    if rule is None:
        labels = ", ".join(NoticeMethod(r.method).label.lower() for r in general)
        clause = agreement.notice_clause_ref or rules[0].clause or "The notice clause"
        label = NoticeMethod(method).label.lower() if method in NoticeMethod.values else repr(method)
        raise ValidationError({"method": METHOD_NOT_ALLOWED.format(clause=clause, allowed=labels, method=label)})
    own = {r.method: r for r in rules if recipient is not None and r.recipient_party_id == recipient.pk}
    return own.get(method) or own.get("") or rule


def _clause(notice: Notice, rule: NoticeRule | None = None) -> str:
    return (rule.clause if rule else "") or notice.agreement.notice_clause_ref or "The notice clause"


def _check_address(notice: Notice, rule: NoticeRule, address: NoticeAddress) -> None:
    if rule.only_outside_us and address.in_united_states:
        raise ValidationError({"method": ONLY_OUTSIDE_US.format(
            clause=_clause(notice, rule), method=NoticeMethod(notice.method).label.lower(), party=notice.recipient)})


def _defects(notice: Notice, rule: NoticeRule, copy_party_ids: set[int]) -> list[str]:
    """What may keep the notice from counting: a required copy not sent, a confirming copy missing."""
    defects = []
    for copy in notice.agreement.notice_copies.filter(party=notice.recipient).select_related("copy_party"):
        if copy.copy_party_id not in copy_party_ids:
            attention = f" (Attention: {copy.attention})" if copy.attention else ""
            defects.append(COPY_MISSING.format(clause=copy.clause or _clause(notice), party=notice.recipient,
                                               copy=copy.copy_party, attention=attention))
    if rule.confirming_copy and notice.confirmation_method in ("", notice.method):
        defects.append(CONFIRMATION_MISSING.format(clause=_clause(notice, rule),
                                                   method=NoticeMethod(notice.method).label.lower()))
    return defects


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
    copy_parties = list(data.get("copy_parties") or [])
    notice = Notice(matter=matter, agreement=agreement, created_by=by if getattr(by, "is_authenticated", False) else None,
                    **{k: v for k, v in data.items() if k not in ("agreement", "matter", "evidence_file", "copy_parties")})
    try:
        validate_time_zone(notice.time_zone)
    except ValidationError as exc:
        raise ValidationError({"time_zone": exc.messages}) from exc
    parties = set(agreement.agreement_parties.values_list("party_id", flat=True))
    for field in ("sender", "recipient"):
        party = getattr(notice, field)
        if parties and party.pk not in parties:
            raise ValidationError({field: NOT_A_PARTY.format(party=party)})
    rule = _rule(agreement, notice.method, notice.recipient)
    _validate_times(notice.dispatched_at, notice.delivered_at)
    if notice.kind == NoticeKind.CHANGE_OF_ADDRESS and not (notice.new_address or {}).get("street_lines"):
        raise ValidationError({"new_address": NEW_ADDRESS_NEEDED})
    day = deemed.effective_date(notice.dispatched_at, notice.zone)
    address = notice_address_in_effect(party=notice.recipient, on=day)
    if address is None:
        raise ValidationError({"recipient": NO_ADDRESS.format(party=notice.recipient, day=day)})
    _check_address(notice, rule, address)
    notice.address_lines = _address_lines(address)
    notice.recipient_time_zone = address.zone_name
    notice.defects = _defects(notice, rule, {p.pk for p in copy_parties})
    _compute(notice, rule)
    notice.full_clean()
    notice.save()
    notice.copy_parties.set(copy_parties)
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
    _compute(notice, _rule(notice.agreement, notice.method, notice.recipient))
    notice.full_clean()
    notice.save()
    _effects(notice)
    return notice


def rule_calendar(notice: Notice, rule: NoticeRule) -> str:
    """The business days a rule counts in: its own calendars, else the agreement's, else the matter's."""
    return combine(rule.calendars) or combine(notice.agreement.business_day_calendars) or notice.matter.holiday_calendar


def _compute(notice: Notice, rule: NoticeRule) -> None:
    also = deemed.Part(rule.also_deemed_given, rule.also_offset_days, rule.also_business_days) if rule.combine else None
    result = deemed.deemed_given(
        deemed.Rule(rule.method_label if rule.method else NoticeMethod(notice.method).label, rule.deemed_given,
                    rule.offset_days, rule.business_days, rule.cutoff_time, rule.clause or notice.agreement.notice_clause_ref,
                    rule.method_words, rule.combine, also),
        dispatched_at=notice.dispatched_at, delivered_at=notice.delivered_at, calendar=rule_calendar(notice, rule),
        zone=notice.zone, recipient_zone=notice.recipient_zone,
    )
    notice.deemed_given_at, notice.deemed_given_rule, notice.deemed_given_on = result.at, result.rule, result.on
    notice.deemed_given_parts = list(result.parts)


def _effects(notice: Notice) -> None:
    if notice.deemed_given_at is None:
        return
    effective = notice.deemed_given_on or deemed.effective_date(notice.deemed_given_at, notice.recipient_zone)
    if notice.kind == NoticeKind.CHANGE_OF_ADDRESS and notice.new_address:
        if not notice.sender.notice_addresses.filter(effective_from=effective).exists():
            notice_address_add(party=notice.sender, data={**notice.new_address, "effective_from": effective})
    specs = []
    if notice.kind in CLOCK_KINDS and notice.period_days:
        calendar = combine(notice.agreement.business_day_calendars) or notice.matter.holiday_calendar
        due = deemed.clock_due_on(effective, notice.period_days, business=notice.period_business_days, calendar=calendar)
        unit = "business days" if notice.period_business_days else "days"
        specs.append(ObligationSpec(
            key="clock", kind=ObligationKind.CURE_PERIOD if notice.kind == NoticeKind.DEFAULT else ObligationKind.NOTICE_RESPONSE,
            title=f"{notice.get_kind_display()} period ends ({notice.period_days} {unit} after {effective:%b %d, %Y})",
            nominal_due_date=due, convention=notice.business_day_convention, clause=notice.deemed_given_rule, responsible_party=notice.recipient,
        ))
    obligations_sync(matter=notice.matter, source=notice, specs=specs)
