"""Every write to security interests, financing statements and their amendments."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matters.access import ensure_in_matter
from security_interests import obligations, ucc
from security_interests.models import (
    AmendmentKind,
    FinancingStatement,
    FinancingStatementAmendment,
    FinancingStatementStatus,
    SecurityInterest,
    SecurityInterestStatus,
)

SAME_PARTY = "The debtor and the secured party must be different parties."
FILE_NUMBER_REQUIRED = "Enter the file number the filing office gave the financing statement."
FILING_DATE_REQUIRED = "Enter the date the filing office filed the financing statement."
FILING_OFFICE_REQUIRED = "Enter the filing office (the state), e.g. Delaware."
NOT_ACTIVE = "This financing statement is {status}: record a new UCC-1 instead of amending it."
BEFORE_INITIAL_FILING = "An amendment cannot be filed before the financing statement it amends."
DEMAND_BEFORE_PAYOFF = "Record the demand only once the secured obligation has ended (every secured note repaid, converted or written off)."
FILING_OFFICE_WARNING = (
    "{debtor} is organized in {home}: a registered organization is located in its state of "
    "organization (UCC 9-307(e)) and the financing statement is filed there (9-501(a)(2)). "
    "Filing in {office} may not perfect the security interest; review with counsel."
)

SI_FIELDS = (
    "debtor", "secured_party", "collateral", "all_assets", "granting_agreement", "granting_clause",
    "clause_reference", "granted_on", "priority", "status",
)


def _check_security_interest(si: SecurityInterest, notes: list[Any] | None) -> None:
    ensure_in_matter(si.matter, granting_agreement=si.granting_agreement, notes=notes)
    if si.debtor_id and si.debtor_id == si.secured_party_id:
        raise ValidationError({"secured_party": SAME_PARTY})
    si.full_clean()


@transaction.atomic
def security_interest_create(*, matter: Any, data: dict[str, Any]) -> SecurityInterest:
    data = dict(data)
    notes = list(data.pop("notes", []) or [])
    si = SecurityInterest(matter=matter, **{k: v for k, v in data.items() if k in SI_FIELDS})
    _check_security_interest(si, notes)
    si.save()
    si.notes.set(notes)
    return security_interest_sync(security_interest=si)


@transaction.atomic
def security_interest_update(*, security_interest: SecurityInterest, data: dict[str, Any]) -> SecurityInterest:
    data = dict(data)
    notes = data.pop("notes", None)
    for name, value in data.items():
        if name in SI_FIELDS:
            setattr(security_interest, name, value)
    _check_security_interest(security_interest, list(notes) if notes is not None else None)
    security_interest.save()
    if notes is not None:
        security_interest.notes.set(notes)
    return security_interest_sync(security_interest=security_interest)


@transaction.atomic
def security_interest_sync(*, security_interest: SecurityInterest, today: date | None = None) -> SecurityInterest:
    """Record the end of the secured obligation (every secured note repaid, converted or written
    off), then regenerate the obligations.
    Called after every change and when a secured note changes status."""
    si = SecurityInterest.objects.select_for_update().get(pk=security_interest.pk)
    paid_off = obligations.secured_obligation_ended(si)
    if paid_off and si.paid_off_on is None:
        si.paid_off_on = obligations.payoff_date(si) or today or timezone.localdate()
        si.save(update_fields=["paid_off_on", "updated_at"])
    elif not paid_off and si.paid_off_on is not None:
        si.paid_off_on = None
        si.termination_demanded_on = None
        si.save(update_fields=["paid_off_on", "termination_demanded_on", "updated_at"])
    obligations.sync_all(si)
    return si


@transaction.atomic
def security_interest_record_demand(*, security_interest: SecurityInterest, demanded_on: date) -> SecurityInterest:
    """The debtor's authenticated demand for a termination (9-513(c)) starts the 20 days."""
    if security_interest.paid_off_on is None:
        raise ValidationError({"termination_demanded_on": DEMAND_BEFORE_PAYOFF})
    security_interest.termination_demanded_on = demanded_on
    security_interest.full_clean()
    security_interest.save()
    return security_interest_sync(security_interest=security_interest)


def filing_office_default(security_interest: SecurityInterest) -> str:
    """A registered organization files in its state of organization (9-307(e), 9-501(a)(2))."""
    return security_interest.debtor.jurisdiction


def filing_office_warning(statement: FinancingStatement) -> str | None:
    debtor = statement.security_interest.debtor
    home = (debtor.jurisdiction or "").strip()
    if not home or home.casefold() == statement.filing_office.strip().casefold():
        return None
    return FILING_OFFICE_WARNING.format(debtor=debtor, home=home, office=statement.filing_office)


@transaction.atomic
def financing_statement_create(
    *, security_interest: SecurityInterest, data: dict[str, Any], by: Any = None
) -> FinancingStatement:
    if not data.get("filing_date"):
        raise ValidationError({"filing_date": FILING_DATE_REQUIRED})
    office = (data.get("filing_office") or "").strip() or filing_office_default(security_interest)
    statement = FinancingStatement(
        security_interest=security_interest,
        filing_office=office,
        file_number=(data.get("file_number") or "").strip(),
        filing_date=data["filing_date"],
    )
    _validate_statement(statement)
    statement.save()
    obligations.complete_open(
        source=security_interest, key=obligations.UCC1_KEY, by=by, evidence=f"Filed as {statement}"
    )
    if security_interest.status == SecurityInterestStatus.GRANTED:
        security_interest.status = SecurityInterestStatus.PERFECTED
        security_interest.save(update_fields=["status", "updated_at"])
    security_interest_sync(security_interest=security_interest)
    return statement


@transaction.atomic
def financing_statement_update(*, statement: FinancingStatement, data: dict[str, Any]) -> FinancingStatement:
    for name in ("filing_office", "file_number", "filing_date"):
        if name in data:
            setattr(statement, name, data[name].strip() if isinstance(data[name], str) else data[name])
    _validate_statement(statement, continuations=statement.amendments.filter(kind=AmendmentKind.CONTINUATION).count())
    statement.save()
    security_interest_sync(security_interest=statement.security_interest)
    return statement


def _validate_statement(statement: FinancingStatement, continuations: int = 0) -> None:
    errors = {}
    if not statement.file_number:
        errors["file_number"] = FILE_NUMBER_REQUIRED
    if not statement.filing_office:
        errors["filing_office"] = FILING_OFFICE_REQUIRED
    if errors:
        raise ValidationError(errors)
    if statement.filing_date:
        lapse = ucc.lapse_date(statement.filing_date)
        for _ in range(continuations):
            lapse = ucc.continued_lapse_date(lapse)
        statement.lapse_date = lapse
    statement.full_clean()


@transaction.atomic
def financing_statement_amend(
    *, statement: FinancingStatement, kind: str, filing_date: date, file_number: str = "", details: str = "",
    by: Any = None,
) -> FinancingStatementAmendment:
    """Record a UCC-3. A continuation outside the window is refused with the rule (9-515(d));
    a timely one moves the lapse date five years on (9-515(e)); a termination ends it."""
    statement = FinancingStatement.objects.select_for_update().get(pk=statement.pk)
    _check_amendable(statement, filing_date)
    amendment = FinancingStatementAmendment(
        financing_statement=statement, kind=kind, filing_date=filing_date,
        file_number=(file_number or "").strip(), details=details, lapse_date_before=statement.lapse_date,
    )
    amendment.full_clean()
    if kind == AmendmentKind.CONTINUATION:
        refusal = ucc.continuation_refusal(lapse=statement.lapse_date, filed_on=filing_date)
        if refusal:
            raise ValidationError({"filing_date": refusal})
        done_key = obligations.continuation_key(statement)
        statement.lapse_date = ucc.continued_lapse_date(statement.lapse_date)
        statement.status = FinancingStatementStatus.ACTIVE
    elif kind == AmendmentKind.TERMINATION:
        statement.status = FinancingStatementStatus.TERMINATED
        done_key = obligations.TERMINATION_KEY
    else:
        done_key = ""
    amendment.lapse_date_after = statement.lapse_date
    amendment.save()
    statement.full_clean()
    statement.save()
    if done_key:
        obligations.complete_open(source=statement, key=done_key, by=by, evidence=f"{amendment} {file_number}".strip())
    security_interest_sync(security_interest=statement.security_interest)
    return amendment


def _check_amendable(statement: FinancingStatement, filing_date: date) -> None:
    if statement.status == FinancingStatementStatus.TERMINATED:
        raise ValidationError({"kind": NOT_ACTIVE.format(status=statement.get_status_display().lower())})
    if filing_date and filing_date < statement.filing_date:
        raise ValidationError({"filing_date": BEFORE_INITIAL_FILING})


def financing_statements_mark_lapsed(*, today: date | None = None) -> int:
    """Daily sweep: active statements past their lapse date become lapsed. Safe to rerun."""
    today = today or timezone.localdate()
    return FinancingStatement.objects.filter(
        status=FinancingStatementStatus.ACTIVE, lapse_date__lt=today
    ).update(status=FinancingStatementStatus.LAPSED, updated_at=timezone.now())


def security_interests_resync_for_note(*, note: Any) -> None:
    """Re-sync every security interest that secures `note` (called when its status changes)."""
    for si in SecurityInterest.objects.filter(notes=note):
        security_interest_sync(security_interest=si)
