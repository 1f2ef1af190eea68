"""Every write to disputes: opening one from its notice, dating the negotiation period (with its
deadline), demanding arbitration and recording a resolution. The stage changes only here."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import Agreement, ClauseKind
from deadlines.models import Obligation, ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from disputes.models import Dispute, DisputeStage
from matters.access import ensure_in_matter
from matters.models import Matter
from notices.models import NoticeKind

OPEN_FIELDS = ("agreement", "clause", "title", "description", "raised_by", "other_party", "notice", "notice_given_on",
               "forum", "successor_forum", "costs")
NOT_A_DISPUTE_NOTICE = "Choose a notice of dispute (this one is a {kind})."
NOTICE_OF_ANOTHER_AGREEMENT = "This notice was given under {agreement}, not under this agreement."
NOTICE_NOT_GIVEN = "This notice is not deemed given yet (record its delivery first)."
NOTICE_DATE_NEEDED = "Enter the day the notice of dispute was given, or choose the notice."
NOT_A_PARTY = "{party} is not a party to {agreement}."
ENDS_BEFORE_NOTICE = "The negotiation period cannot end before the notice of dispute ({day:%B %-d, %Y})."
NEGOTIATION_FIRST = ("{clause} sends a dispute to arbitration only if the parties cannot resolve it within a "
                     "reasonable time after the notice: date the negotiation period first.")
TOO_EARLY = ("The negotiation period counsel dated ends {day:%B %-d, %Y}; move its end date first if the parties "
             "cannot resolve it sooner.")
ALREADY = "This dispute is already {stage}."
RESOLUTION_NEEDED = "Say how it was resolved."


def _defaults(agreement: Agreement) -> dict[str, str]:
    """The forum, successor forum and costs as the agreement records them, and its arbitration clause."""
    clause = agreement.clauses.filter(kind=ClauseKind.ARBITRATION).first()
    return {"forum": agreement.arbitration_rules or agreement.forum, "successor_forum": agreement.successor_forum,
            "costs": agreement.arbitration_costs, "clause": clause.clause if clause else ""}


def _check_open(dispute: Dispute) -> None:
    ensure_in_matter(dispute.matter, agreement=dispute.agreement, notice=dispute.notice)
    errors: dict[str, str] = {}
    notice = dispute.notice
    if notice is not None:
        if notice.kind != NoticeKind.DISPUTE:
            errors["notice"] = NOT_A_DISPUTE_NOTICE.format(kind=notice.get_kind_display().lower())
        elif notice.agreement_id != dispute.agreement_id:
            errors["notice"] = NOTICE_OF_ANOTHER_AGREEMENT.format(agreement=notice.agreement)
        elif notice.deemed_given_on is None and notice.deemed_given_at is None:
            errors["notice"] = NOTICE_NOT_GIVEN
    parties = set(dispute.agreement.agreement_parties.values_list("party_id", flat=True))
    for field in ("raised_by", "other_party"):
        party_id = getattr(dispute, f"{field}_id")
        if party_id is not None and party_id not in parties:
            errors[field] = NOT_A_PARTY.format(party=getattr(dispute, field), agreement=dispute.agreement)
    if dispute.notice_given_on is None and "notice" not in errors:
        errors["notice_given_on"] = NOTICE_DATE_NEEDED
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dispute_open(*, matter: Matter, data: dict[str, Any], by: Any = None) -> Dispute:
    """A dispute from its written notice: the notice's deemed-given day starts it; the forum, the
    successor forum and the costs default to what the agreement records."""
    values = {k: v for k, v in data.items() if k in OPEN_FIELDS}
    agreement = values.get("agreement")
    defaults = _defaults(agreement) if isinstance(agreement, Agreement) else {}
    values = {**defaults, **{k: v for k, v in values.items() if v not in (None, "") or k not in defaults}}
    notice = values.get("notice")
    if notice is not None and not values.get("notice_given_on"):
        values["notice_given_on"] = notice.deemed_given_on or (notice.deemed_given_local.date() if notice.deemed_given_local else None)
    dispute = Dispute(matter=matter, created_by=by if getattr(by, "is_authenticated", False) else None, **values)
    _check_open(dispute)
    dispute.full_clean()
    dispute.save()
    return dispute


def _refuse_if(dispute: Dispute, *stages: str) -> None:
    if dispute.stage in stages:
        raise ValidationError({"stage": ALREADY.format(stage=dispute.get_stage_display().lower())})


@transaction.atomic
def dispute_negotiation_set(*, dispute: Dispute, ends_on: date) -> Dispute:
    """Date the negotiation period (again, to move it): a deadline on its last day."""
    _refuse_if(dispute, DisputeStage.ARBITRATION, DisputeStage.RESOLVED)
    if ends_on < dispute.notice_given_on:
        raise ValidationError({"ends_on": ENDS_BEFORE_NOTICE.format(day=dispute.notice_given_on)})
    dispute.negotiation_ends_on, dispute.stage = ends_on, DisputeStage.NEGOTIATION
    dispute.full_clean()
    dispute.save(update_fields=["negotiation_ends_on", "stage"])
    dispute_deadlines_sync(dispute=dispute)
    return dispute


@transaction.atomic
def dispute_arbitration_demand(*, dispute: Dispute, on: date) -> Dispute:
    _refuse_if(dispute, DisputeStage.ARBITRATION, DisputeStage.RESOLVED)
    if dispute.negotiation_ends_on is None:
        raise ValidationError({"on": NEGOTIATION_FIRST.format(clause=dispute.clause or "The dispute clause")})
    if on < dispute.negotiation_ends_on:
        raise ValidationError({"on": TOO_EARLY.format(day=dispute.negotiation_ends_on)})
    dispute.arbitration_demanded_on, dispute.stage = on, DisputeStage.ARBITRATION
    dispute.full_clean()
    dispute.save(update_fields=["arbitration_demanded_on", "stage"])
    dispute_deadlines_sync(dispute=dispute)
    return dispute


@transaction.atomic
def dispute_resolve(*, dispute: Dispute, on: date, resolution: str) -> Dispute:
    _refuse_if(dispute, DisputeStage.RESOLVED)
    if not resolution.strip():
        raise ValidationError({"resolution": RESOLUTION_NEEDED})
    dispute.resolved_on, dispute.resolution, dispute.stage = on, resolution.strip(), DisputeStage.RESOLVED
    dispute.full_clean()
    dispute.save(update_fields=["resolved_on", "resolution", "stage"])
    dispute_deadlines_sync(dispute=dispute)
    return dispute


def dispute_deadlines_sync(*, dispute: Dispute) -> list[Obligation]:
    """The negotiation period's end as a deadline for the matter's people; done once arbitration is
    demanded or the dispute is resolved."""
    if dispute.negotiation_ends_on is None:
        return obligations_sync(matter=dispute.matter, source=dispute, specs=[])
    where = dispute.clause or "the dispute clause"
    done = ""
    if dispute.stage == DisputeStage.ARBITRATION and dispute.arbitration_demanded_on:
        done = f"Arbitration demanded on {dispute.arbitration_demanded_on:%B %-d, %Y}"
    elif dispute.stage == DisputeStage.RESOLVED and dispute.resolved_on:
        done = f"Resolved on {dispute.resolved_on:%B %-d, %Y}"
    people = [m.user for m in dispute.matter.memberships.select_related("user")]
    spec = ObligationSpec(
        key="negotiation", kind=ObligationKind.NOTICE_RESPONSE, nominal_due_date=dispute.negotiation_ends_on,
        title=f"Negotiation period ends ({where}): {dispute.title}; then demand arbitration or record a resolution",
        clause=where, responsible_party=dispute.raised_by, assignees=people, met=bool(done), evidence=done,
        description=f"Forum: {dispute.forum or 'not recorded'}. Costs: {dispute.costs or 'not stated'}.")
    return obligations_sync(matter=dispute.matter, source=dispute, specs=[spec])
