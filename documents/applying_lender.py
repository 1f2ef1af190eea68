"""Accepted proposals of a lender's protections: a security interest from its granting clause
(through security_interests.services) and a covenant, reporting or financial (through
covenants.services, which schedules the reports it owes). A refused value is a ValidationError
raised before anything is saved, inside proposal_decide's transaction.

An edit typed on the review screen is one text: for a security interest it replaces the collateral
description; for a financial covenant it is the threshold, for a reporting covenant the days
allowed. Through the API an edit may be the whole value (a JSON object), whose parties may be
named by their defined term or given by id: either way they must be parties to the agreement."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from agreements.models import Agreement, AgreementParty
from covenants import services as covenant_services
from covenants.models import Covenant, CovenantKind, Deliverable, Frequency, MetricUnit, Operator
from deadlines.models import FiscalYearEnd
from deadlines.recurrence import PERIOD_MONTHS, period_date
from documents.applying import party_for_term
from documents.models import ProposedTerm
from parties.models import Party
from security_interests import services as security_services
from security_interests.models import Priority, SecurityInterest

NO_SIDE = 'Accept the party "{term}" first: the {side} of the security interest must be a party to the agreement.'
NOT_THIS_AGREEMENTS = "That party is not a party to this agreement."
NO_OBLIGOR = "Accept the parties first: the covenant is given by the agreement's company (the borrower or issuer)."
NOT_A_NUMBER = "Enter a number."
NOT_DAYS = "Enter the number of days allowed, e.g. 45."
# The period that starts a reporting covenant's clock, and the covenant frequency it schedules.
TRIGGER_FREQUENCY = {"fiscal_quarter_end": Frequency.QUARTERLY, "calendar_quarter_end": Frequency.QUARTERLY,
                     "fiscal_year_end": Frequency.ANNUALLY, "month_end": Frequency.MONTHLY}
DELIVERABLES = {"financial_statements": Deliverable.FINANCIAL_STATEMENTS,
                "compliance_certificate": Deliverable.COMPLIANCE_CERTIFICATE}
COMPANY_ROLES = ("company", "debtor")


def _side(agreement: Agreement, side: Any, label: str) -> Party:
    """A party of the agreement named by a proposal's {"term", "name"} (or, in an API edit, its id)."""
    rows = list(AgreementParty.objects.filter(agreement=agreement).select_related("party").order_by("pk"))
    if isinstance(side, int) or (isinstance(side, str) and side.isdigit()):
        row = next((r for r in rows if r.party_id == int(side)), None)
        if row is None:
            raise ValidationError({"value": NOT_THIS_AGREEMENTS})
        return row.party
    term = str(side.get("term") or "") if isinstance(side, dict) else str(side or "")
    name = str(side.get("name") or "") if isinstance(side, dict) else ""
    found = party_for_term(agreement, term) if term else None
    if found is None and name:
        found = next((r for r in rows if r.party.legal_name.casefold().strip(" ,.") == name.casefold().strip(" ,.")), None)
    if found is None:
        raise ValidationError({"value": NO_SIDE.format(term=term or name, side=label)})
    return found.party


def security_interest_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any) -> SecurityInterest:
    """A granting clause into the matter's security interest of that clause: created, or updated when
    the clause was accepted before (an edit replaces the collateral description)."""
    proposed = proposal.value if isinstance(proposal.value, dict) else {}
    fields = {**proposed, **value} if isinstance(value, dict) else {**proposed, "collateral": str(value or "")}
    collateral = " ".join(str(fields.get("collateral") or "").split())
    if not collateral:
        raise ValidationError({"value": "Enter the collateral description."})
    number = str(fields.get("grant_clause") or proposal.section or "").removeprefix("§")
    clause = f"§{number}"[:100] if number else ""
    priority = str(fields.get("priority") or "")
    data: dict[str, Any] = {
        "debtor": _side(agreement, fields.get("debtor"), "debtor"),
        "secured_party": _side(agreement, fields.get("secured_party"), "secured party"),
        "collateral": collateral, "all_assets": bool(fields.get("all_assets")), "granting_agreement": agreement,
        "granting_clause": " ".join(str(fields.get("granting_words") or proposal.quote).split()),
        "clause_reference": clause, "priority": priority if priority in Priority.values else "",
    }
    existing = SecurityInterest.objects.filter(matter=agreement.matter, granting_agreement=agreement,
                                               clause_reference=clause).order_by("pk").first()
    if existing is not None:
        return security_services.security_interest_update(security_interest=existing, data=data)
    return security_services.security_interest_create(matter=agreement.matter,
                                                      data={**data, "granted_on": agreement.dated_as_of})


def _number(value: Any, message: str = NOT_A_NUMBER) -> Decimal:
    text = str(value).replace(",", "").replace("$", "").replace("%", "").strip()
    text = re.sub(r"\s*(?:to|:)\s*1(?:\.0+)?$", "", text)
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({"value": message}) from error
    if not number.is_finite():
        raise ValidationError({"value": message})
    return number


def _days(value: Any) -> int:
    number = _number(value, NOT_DAYS)
    if number != number.to_integral_value() or number < 0:
        raise ValidationError({"value": NOT_DAYS})
    return int(number)


def _obligor(agreement: Agreement, term: Any) -> Party:
    if isinstance(term, int) or (isinstance(term, str) and term.isdigit()):
        return _side(agreement, term, "covenanting party")
    row = party_for_term(agreement, str(term)) if term else None
    if row is None:
        row = AgreementParty.objects.filter(agreement=agreement, role__in=COMPANY_ROLES).select_related("party").order_by(
            "pk").first()
    if row is None:
        raise ValidationError({"value": NO_OBLIGOR})
    return row.party


def first_period_end(party: Party, frequency: str, after: date) -> date:
    """The party's first fiscal period end on or after `after` (31 December year ends when none is
    recorded), counted from its fiscal year end as covenants.periods counts them."""
    fiscal = FiscalYearEnd.objects.filter(party=party).first() or FiscalYearEnd(month=12, day=31)
    year_end = fiscal.year_end_on_or_before(after)
    months = PERIOD_MONTHS[frequency]
    n = 0
    while period_date(year_end, months=months, n=n) < after:  # at most 12 steps: one year of periods
        n += 1
    return period_date(year_end, months=months, n=n)


def _covenant_data(agreement: Agreement, proposal: ProposedTerm, fields: dict[str, Any]) -> dict[str, Any]:
    party = _obligor(agreement, fields.get("party"))
    number = str(fields.get("clause") or proposal.section or "").removeprefix("§")
    data: dict[str, Any] = {"agreement": agreement, "party": party, "clause": f"§{number}"[:100] if number else "",
                            "text": str(fields.get("text") or proposal.quote)}
    start = agreement.dated_as_of or timezone.localdate()
    if fields.get("kind") == "financial":
        unit = str(fields.get("unit") or "ratio")
        frequency = str(fields.get("frequency") or Frequency.QUARTERLY)
        return {**data, "kind": CovenantKind.FINANCIAL, "title": str(fields.get("metric") or "")[:300],
                "metric": str(fields.get("metric") or "")[:200], "operator": str(fields.get("operator") or ""),
                "threshold": _number(fields.get("threshold")),
                "unit": unit if unit in MetricUnit.values else MetricUnit.RATIO, "basis": str(fields.get("basis") or "")[:200],
                "frequency": frequency, "first_period_end": first_period_end(party, frequency, start)}
    if fields.get("trigger") not in TRIGGER_FREQUENCY:
        # A notice owed when something happens (a Default), not after each period: an undertaking.
        return {**data, "kind": CovenantKind.AFFIRMATIVE, "title": _notice_title(fields)}
    frequency = TRIGGER_FREQUENCY[str(fields["trigger"])]
    year_end_days = fields.get("year_end_days")
    return {**data, "kind": CovenantKind.REPORTING, "title": _report_title(fields),
            "deliverable": DELIVERABLES.get(str(fields.get("deliverable")), Deliverable.OTHER), "frequency": frequency,
            "days_after_period": _days(fields.get("days")),
            "days_after_year_end": _days(year_end_days) if year_end_days not in (None, "") else None,
            "first_period_end": first_period_end(party, frequency, start)}


def _notice_title(fields: dict[str, Any]) -> str:
    days = fields.get("days")
    when = f"within {days} {'business ' if fields.get('business_days') else ''}days" if days else "promptly"
    return f"Notice of default, {when}"


def _report_title(fields: dict[str, Any]) -> str:
    what = " ".join(str(fields.get("delivers") or "").split()) or "Report"
    what = what[0].upper() + what[1:]
    return what if len(what) <= 120 else what[:117].rsplit(" ", 1)[0] + "…"


def _edited(proposed: dict[str, Any], value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {**proposed, **value}
    if proposed.get("kind") == "financial":
        return {**proposed, "threshold": value}
    return {**proposed, "days": value}


def covenant_apply(*, agreement: Agreement, proposal: ProposedTerm, value: Any, by: Any) -> Covenant:
    """A covenant into the agreement's covenants: created, or updated when one of the same kind,
    clause and title is recorded already (accepting again does not duplicate it)."""
    proposed = proposal.value if isinstance(proposal.value, dict) else {}
    data = _covenant_data(agreement, proposal, _edited(proposed, value))
    if data["kind"] == CovenantKind.FINANCIAL and data["operator"] not in Operator.values:
        raise ValidationError({"value": "Choose how the figure is compared: at least, or not more than."})
    existing = Covenant.objects.filter(agreement=agreement, kind=data["kind"], clause=data["clause"],
                                       title=data["title"]).order_by("pk").first()
    if existing is not None:
        return covenant_services.covenant_update(covenant=existing, data={k: v for k, v in data.items() if k != "kind"})
    return covenant_services.covenant_create(matter=agreement.matter, data=data, by=by)
