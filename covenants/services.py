"""Every write to covenants: recording covenants and their schedules, compliance certificates and
their tests, and the default workflow a breach opens (a cure deadline with reminders, and a draft
notice of default addressed per the agreement's parties)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, PartyRole
from core.uploads import upload_kind
from covenants import evaluation, periods
from covenants.models import (
    ComplianceCertificate,
    Covenant,
    CovenantConsent,
    CovenantKind,
    CovenantTest,
    CureFrom,
    Deliverable,
    TestResult,
    ThresholdStep,
)
from deadlines import calendars
from deadlines.models import Obligation, ObligationKind
from deadlines.services import (
    ObligationSpec,
    fiscal_year_end_set,
    obligations_sync,
    people_who_can_open,
)
from matters.access import ensure_in_matter
from matters.models import Matter

NEEDED = "Enter this for a {kind}."
NOT_A_PARTY = "{party} is not a party to {agreement}."
NOT_A_PERIOD_END = ("{day:%B %-d, %Y} is not a fiscal {unit} end of {party} (its fiscal year ends {fye}); "
                    "record its fiscal year end first, or enter a period end.")
REPORT_WHEN = "Say when it is due: days after each period end, or the report it is delivered with."
NOT_FINANCIAL = "{covenant} is not a financial covenant of this agreement."
DUPLICATE_CERTIFICATE = "A certificate for the period ended {day:%B %-d, %Y} is already recorded for this agreement."
NO_FIGURES = "Enter at least one reported figure."
DELIVERED_BEFORE_PERIOD = "A certificate cannot be delivered before the end of the period it reports on."
STATUS_FOR_UNDERTAKINGS = ("Only affirmative, negative and post-closing covenants have a status of their own; "
                           "financial ones are tested.")
UNDERTAKINGS = (CovenantKind.AFFIRMATIVE, CovenantKind.NEGATIVE, CovenantKind.POST_CLOSING)
CONSENTS_ONLY_POST_CLOSING = "Only a post-closing (or affirmative) covenant names consents to obtain."
CONSENT_FIELDS = ("description", "from_whom", "due_date", "obtained_on", "evidence")
CURE_FROM_WORDS: dict[str, str] = {CureFrom.TEST_DATE: "the test date", CureFrom.REPORTED: "the day the breach is reported",
                   CureFrom.NOTICE: "notice of default"}
LENDER_ROLES = (PartyRole.PURCHASER, PartyRole.HOLDER, PartyRole.SECURED_PARTY, PartyRole.AGENT)


def _require(covenant: Covenant, names: list[str]) -> dict[str, str]:
    kind = covenant.get_kind_display().split(" (")[0].lower()
    return {name: NEEDED.format(kind=kind) for name in names if getattr(covenant, name) in (None, "")}


def _validate(covenant: Covenant) -> None:
    errors: dict[str, Any] = {}
    if covenant.kind == CovenantKind.FINANCIAL:
        errors |= _require(covenant, ["metric", "operator", "threshold", "first_period_end"])
    if covenant.kind == CovenantKind.REPORTING:
        errors |= _require(covenant, ["deliverable", "first_period_end"])
        if covenant.days_after_period is None and covenant.delivered_after is None and not errors:
            errors["days_after_period"] = REPORT_WHEN
    agreement = covenant.agreement
    parties = set(agreement.agreement_parties.values_list("party_id", flat=True))
    if parties and covenant.party_id not in parties:
        errors["party"] = NOT_A_PARTY.format(party=covenant.party, agreement=agreement)
    if errors:
        raise ValidationError(errors)
    if covenant.kind in (CovenantKind.FINANCIAL, CovenantKind.REPORTING) and covenant.first_period_end:
        schedule = periods.schedule_for(covenant)
        if schedule.first_n is None:
            unit = {"monthly": "month", "annually": "year"}.get(covenant.frequency, "quarter")
            raise ValidationError({"first_period_end": NOT_A_PERIOD_END.format(
                day=covenant.first_period_end, unit=unit, party=covenant.party, fye=schedule.year_end_words)})


@transaction.atomic
def covenant_create(*, matter: Matter, data: dict[str, Any], by: Any) -> Covenant:
    people = data.pop("responsible_people", [])
    covenant = Covenant(matter=matter, **data)
    ensure_in_matter(matter, agreement=covenant.agreement, delivered_after=covenant.delivered_after)
    covenant.full_clean()
    _validate(covenant)
    people = people_who_can_open(matter, field="responsible_people", people=people)
    covenant.save()
    covenant.responsible_people.set(people)
    covenant_obligations_sync(covenant=covenant)
    return covenant


KIND_FIXED = "A covenant keeps its kind; record a new covenant instead."
AGREEMENT_FIXED = "A covenant stays on its agreement."


@transaction.atomic
def covenant_update(*, covenant: Covenant, data: dict[str, Any]) -> Covenant:
    """Change a covenant's terms (its kind and agreement stay): it is validated as when recorded, and
    the reports it owes are re-dated. Tests already recorded keep the threshold they applied."""
    data = dict(data)
    errors = {name: message for name, message in (("kind", KIND_FIXED), ("agreement", AGREEMENT_FIXED))
              if name in data and data.pop(name) != getattr(covenant, name)}
    if errors:
        raise ValidationError(errors)
    people = data.pop("responsible_people", None)
    for field, value in data.items():
        if field != "matter":
            setattr(covenant, field, value)
    ensure_in_matter(covenant.matter, delivered_after=covenant.delivered_after)
    covenant.full_clean()
    _validate(covenant)
    covenant.save()
    if people is not None:
        covenant.responsible_people.set(people_who_can_open(covenant.matter, field="responsible_people", people=people))
    covenant_obligations_sync(covenant=covenant)
    return covenant


@transaction.atomic
def covenant_status_set(*, covenant: Covenant, status: str) -> Covenant:
    if covenant.kind not in UNDERTAKINGS:
        raise ValidationError({"status": STATUS_FOR_UNDERTAKINGS})
    covenant.status = status
    covenant.full_clean()
    covenant.save(update_fields=["status"])
    return covenant


@transaction.atomic
def threshold_step_add(*, covenant: Covenant, effective_from: date, threshold: Decimal) -> ThresholdStep:
    """A step of the schedule ("1.25 to 1.00 until June 30, 2027; 1.50 from then"). Recording a
    date again changes its threshold; certificates already recorded keep what they showed."""
    if covenant.kind != CovenantKind.FINANCIAL:
        raise ValidationError({"threshold": NOT_FINANCIAL.format(covenant=covenant)})
    step = ThresholdStep.objects.filter(covenant=covenant, effective_from=effective_from).first() or ThresholdStep(
        covenant=covenant, effective_from=effective_from)
    step.threshold = threshold
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def covenant_consent_add(*, covenant: Covenant, data: dict[str, Any]) -> CovenantConsent:
    """A consent the covenant names, tracked as an obligation due on its date (done once obtained)."""
    if covenant.kind not in (CovenantKind.POST_CLOSING, CovenantKind.AFFIRMATIVE):
        raise ValidationError({"description": CONSENTS_ONLY_POST_CLOSING})
    consent = CovenantConsent(covenant=covenant, **{k: v for k, v in data.items() if k in CONSENT_FIELDS})
    consent.full_clean()
    consent.save()
    covenant_obligations_sync(covenant=covenant)
    return consent


@transaction.atomic
def covenant_consent_obtained(*, consent: CovenantConsent, on: date, evidence: str = "") -> CovenantConsent:
    consent.obtained_on, consent.evidence = on, evidence or consent.evidence
    consent.full_clean()
    consent.save(update_fields=["obtained_on", "evidence"])
    covenant_obligations_sync(covenant=consent.covenant)
    return consent


def _consent_specs(covenant: Covenant) -> list[ObligationSpec]:
    people = list(covenant.responsible_people.all())
    return [ObligationSpec(
        key=f"consent:{c.pk}", title=f"Obtain: {c.description}" + (f" (from {c.from_whom})" if c.from_whom else ""),
        kind=ObligationKind.MANUAL, nominal_due_date=c.due_date, clause=covenant.clause, responsible_party=covenant.party,
        assignees=people, met=c.obtained_on is not None,
        evidence=(f"Obtained {c.obtained_on:%B %-d, %Y}" + (f": {c.evidence}" if c.evidence else "")) if c.obtained_on else "",
    ) for c in CovenantConsent.objects.filter(covenant=covenant)]  # not a prefetched list: read what is saved


def covenant_obligations_sync(*, covenant: Covenant) -> list[Obligation]:
    """A reporting covenant's deliverables, one obligation per fiscal period from the first to the
    last (a year ahead when open-ended), each due N days after its period end (M after a fiscal
    year end), or dated from the report it is delivered with. A compliance certificate recorded
    for a period marks that period's certificate obligation done."""
    if covenant.kind in (CovenantKind.POST_CLOSING, CovenantKind.AFFIRMATIVE):
        return obligations_sync(matter=covenant.matter, source=covenant, specs=_consent_specs(covenant))
    if covenant.kind != CovenantKind.REPORTING:
        return []
    schedule = periods.schedule_for(covenant)
    delivered = set(ComplianceCertificate.objects.filter(agreement=covenant.agreement)
                    .values_list("period_end", flat=True))
    people = list(covenant.responsible_people.all())
    label = covenant.title or covenant.get_deliverable_display()
    specs = []
    for period_end, due in schedule.periods(days_after=covenant.days_after_period or 0,
                                            year_end_days_after=covenant.days_after_year_end,
                                            until=_horizon(covenant)):
        met = covenant.deliverable == Deliverable.COMPLIANCE_CERTIFICATE and period_end in delivered
        spec = ObligationSpec(
            key=periods.period_key(period_end), title=f"{label} for the period ended {period_end:%B %-d, %Y}",
            kind=ObligationKind.REPORTING, nominal_due_date=due, clause=covenant.clause,
            description=covenant.text[:2000], responsible_party=covenant.party, assignees=people,
            met=met, evidence="Compliance certificate recorded in Covenant" if met else "",
        )
        if covenant.delivered_after is not None:
            trigger = Obligation.objects.filter(source_type=ContentType.objects.get_for_model(Covenant),
                                                source_id=covenant.delivered_after_id, source_key=spec.key).first()
            spec = _dated_from(spec, trigger, covenant.days_after_delivery)
        specs.append(spec)
    return obligations_sync(matter=covenant.matter, source=covenant, specs=specs)


@transaction.atomic
def fiscal_year_end_record(*, party: Any, month: int, day: int, source: str = "") -> list[Covenant]:
    """Record a company's fiscal year end and re-date the reports its covenants owe; returns the
    reporting covenants re-dated. Periods that no longer exist are superseded (kept) unless past due."""
    fiscal_year_end_set(party=party, month=month, day=day, source=source)
    covenants = list(Covenant.objects.filter(party=party, kind=CovenantKind.REPORTING).order_by("delivered_after_id", "id"))
    for covenant in covenants:
        if periods.schedule_for(covenant).first_n is not None:
            covenant_obligations_sync(covenant=covenant)
    return covenants


def reports_extend() -> int:
    """Re-sync every open-ended reporting covenant (no last period end), each in its own
    transaction, so the year-ahead horizon moves with today; returns how many were synced."""
    covenants = Covenant.objects.filter(kind=CovenantKind.REPORTING, last_period_end__isnull=True).order_by(
        "delivered_after_id", "id")
    for covenant in covenants:
        with transaction.atomic():
            covenant_obligations_sync(covenant=covenant)
    return len(covenants)


def _dated_from(spec: ObligationSpec, trigger: Obligation | None, days: int) -> ObligationSpec:
    if trigger is None:
        return spec
    return ObligationSpec(**{**spec.__dict__, "trigger": trigger, "trigger_days": days})


def _horizon(covenant: Covenant) -> date:
    return covenant.last_period_end or timezone.localdate() + timedelta(days=366)


def _dependent_reports_sync(agreement: Agreement) -> None:
    for covenant in Covenant.objects.filter(agreement=agreement, kind=CovenantKind.REPORTING).order_by(
            "delivered_after_id", "id"):
        covenant_obligations_sync(covenant=covenant)


def _check_certificate(matter: Matter, certificate: ComplianceCertificate,
                       figures: list[tuple[Covenant, Decimal]]) -> None:
    ensure_in_matter(matter, agreement=certificate.agreement, covenants=[c for c, _ in figures])
    errors: dict[str, list[str]] = {}
    for covenant, _ in figures:
        if covenant.kind != CovenantKind.FINANCIAL or covenant.agreement_id != certificate.agreement_id:
            errors.setdefault("figures", []).append(NOT_FINANCIAL.format(covenant=covenant))
    if not figures:
        errors["figures"] = [NO_FIGURES]
    if certificate.delivered_on and certificate.period_end and certificate.delivered_on < certificate.period_end:
        errors["delivered_on"] = [DELIVERED_BEFORE_PERIOD]
    if ComplianceCertificate.objects.filter(agreement=certificate.agreement, period_end=certificate.period_end).exists():
        errors["period_end"] = [DUPLICATE_CERTIFICATE.format(day=certificate.period_end)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def certificate_record(*, matter: Matter, data: dict[str, Any], figures: list[tuple[Covenant, Decimal]],
                       document: UploadedFile | None = None, by: Any = None) -> ComplianceCertificate:
    """Record a compliance certificate's reported figures, test each covenant, and for each breach
    open the default workflow, all in one transaction."""
    certificate = ComplianceCertificate(matter=matter, recorded_by=by if getattr(by, "is_authenticated", False) else None,
                                        **data)
    certificate.full_clean(exclude=["document"], validate_constraints=False)  # the period is checked below, in words
    _check_certificate(matter, certificate, figures)
    if document is not None:
        try:
            upload_kind(document)
        except ValidationError as exc:
            raise ValidationError({"document": exc.message_dict["file"]}) from exc
        certificate.document.save(document.name or "certificate", document, save=False)
    certificate.save()
    for covenant, value in figures:
        test = _test(certificate, covenant, value)
        if test.breached:
            default_workflow_open(test=test)
    _dependent_reports_sync(certificate.agreement)
    return certificate


def _test(certificate: ComplianceCertificate, covenant: Covenant, value: Decimal) -> CovenantTest:
    steps = [(s.effective_from, s.threshold) for s in covenant.steps.all()]
    threshold = evaluation.threshold_on(covenant.threshold, steps, certificate.period_end)
    assert threshold is not None  # a financial covenant always has a base threshold (validated)
    result = evaluation.evaluate(value, covenant.operator, threshold)
    test = CovenantTest(certificate=certificate, covenant=covenant, reported_value=value, threshold=threshold,
                        result=TestResult.PASS if result.passed else TestResult.BREACH, headroom=result.headroom,
                        headroom_percent=result.headroom_percent)
    test.full_clean()
    test.save()
    return test


def cure_base(test: CovenantTest) -> date:
    """The day the cure period counts from, as the clause says (for "from notice", the day the
    notice is due to go out, until it is given: the cure deadline is dated from that deadline)."""
    certificate = test.certificate
    return certificate.period_end if test.covenant.cure_from == CureFrom.TEST_DATE else certificate.delivered_on


def default_workflow_open(*, test: CovenantTest) -> list[Obligation]:
    """A breach's default workflow: the draft notice of default (lender to the covenanting party),
    and the cure deadline as a critical obligation reminding the covenant's responsible people
    (the matter's counsel when none are named). Call inside the recording transaction."""
    covenant = test.covenant
    lender = (covenant.agreement.agreement_parties.filter(role__in=LENDER_ROLES).exclude(party=covenant.party)
              .select_related("party").first())
    test.notice_sender = lender.party if lender else None
    test.notice_recipient = covenant.party
    test.notice_subject = f"Notice of default: {covenant.title}"
    test.notice_body = _notice_body(test)
    test.save(update_fields=["notice_sender", "notice_recipient", "notice_subject", "notice_body"])
    people = list(covenant.responsible_people.all()) or [m.user for m in covenant.matter.memberships.select_related("user")]
    return obligations_sync(matter=covenant.matter, source=test, specs=_cure_specs(test, people))


def _cure_specs(test: CovenantTest, people: list[Any]) -> list[ObligationSpec]:
    covenant, certificate = test.covenant, test.certificate
    calendar = covenant.matter.holiday_calendar
    where = covenant.cure_clause or covenant.clause
    base = cure_base(test)
    if covenant.cure_days is None:
        return [ObligationSpec(key="cure", kind=ObligationKind.CURE_PERIOD, nominal_due_date=base, assignees=people,
                               title=f"Event of Default: {covenant.title} breached, no cure period ({where})",
                               clause=where, responsible_party=covenant.party)]
    unit = "business days" if covenant.cure_business_days else "days"
    title = f"Cure period ends: {covenant.title} ({covenant.cure_days} {unit} from {CURE_FROM_WORDS[covenant.cure_from]})"
    if covenant.cure_from == CureFrom.NOTICE:
        notice = ObligationSpec(key="notice", kind=ObligationKind.MANUAL, nominal_due_date=base, assignees=people,
                                title=f"Give notice of default: {covenant.title} (draft ready)", clause=where,
                                responsible_party=test.notice_sender)
        return [notice, ObligationSpec(key="cure", kind=ObligationKind.CURE_PERIOD, title=title, clause=where,
                                       trigger_key="notice", trigger_days=covenant.cure_days,
                                       trigger_business_days=covenant.cure_business_days, assignees=people,
                                       responsible_party=covenant.party)]
    due = calendars.add_days(base, covenant.cure_days, business=covenant.cure_business_days, calendar=calendar)
    return [ObligationSpec(key="cure", kind=ObligationKind.CURE_PERIOD, nominal_due_date=due, title=title,
                           clause=where, assignees=people, responsible_party=covenant.party,
                           description=f"Breach reported in the {certificate}.")]


def _notice_body(test: CovenantTest) -> str:
    covenant, certificate = test.covenant, test.certificate
    required = evaluation.format_figure(test.threshold, covenant.unit, covenant.currency)
    reported = evaluation.format_figure(test.reported_value, covenant.unit, covenant.currency)
    cure = ("No cure period applies." if covenant.cure_days is None else
            f"The {covenant.agreement.title} allows {covenant.cure_days} "
            f"{'business days' if covenant.cure_business_days else 'days'} from "
            f"{covenant.get_cure_from_display()} to cure it{' (' + covenant.cure_clause + ')' if covenant.cure_clause else ''}.")
    return (f"Your compliance certificate for the period ended {certificate.period_end:%B %-d, %Y}, delivered "
            f"{certificate.delivered_on:%B %-d, %Y}, reports {covenant.metric or covenant.title} of {reported}. "
            f"{covenant.clause or 'The agreement'} requires {evaluation.OPERATOR_WORDS[covenant.operator]} {required}. "
            f"This is a default under the {covenant.agreement.title}. {cure} All rights and remedies are reserved.")

