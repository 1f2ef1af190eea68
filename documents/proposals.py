"""Every write of proposed terms: storing a document version's proposals after its structure is
found, and counsel's decision on each (accept, edit, reject). An accepted value reaches the
agreement through agreements.services, the same service as hand entry, so its validation and
history apply."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Agreement, AgreementParty, NoticeRule
from closings import services as closing_services
from closings.models import Closing
from documents import applying, applying_lender, extraction
from documents.models import DocumentText, ProposalStatus, ProposedTerm
from documents.structure import Part
from notes import services as note_services
from notes.models import Note
from parties import services as party_services
from parties.models import Party

# Proposals that set a field of the agreement itself, and how the value is stored there.
AGREEMENT_FIELDS = {"title": "title", "dated_as_of": "dated_as_of", "governing_law": "governing_law",
                    "dispute_resolution": "dispute_resolution", "notice.clause": "notice_clause_ref",
                    "dispute.forum": "forum", "dispute.rules": "arbitration_rules"}
LABELS = {
    "title": "Title", "dated_as_of": "Dated as of", "governing_law": "Governing law",
    "dispute_resolution": "Dispute resolution", "dispute.forum": "Forum", "dispute.rules": "Arbitration rules",
    "clauses": "Clause", "amounts.principal": "Principal", "amounts.commitment": "Commitment",
    "amounts.purchase_price": "Purchase price", "interest.rate": "Interest rate (%)", "interest.index": "Rate index",
    "interest.spread": "Spread over the index (%)", "interest.floor": "Rate floor (%)", "interest.cap": "Rate cap (%)",
    "interest.default_rate": "Default rate (%)",
    "interest.default_spread": "Default spread (%)", "interest.day_count": "Day count", "maturity_date": "Maturity date",
    "notice.clause": "Notice clause", "parties": "Party", "notice.methods": "Notice method",
    "notice.addresses": "Notice address", "notice.copies": "With a copy to", "deliverables": "Closing deliverable", "defined_terms": "Defined term",
    "security": "Security interest", "covenants": "Covenant",
}
# Proposals that set a term of the agreement's note, and the note's field.
NOTE_FIELDS = {"amounts.principal": "principal", "amounts.commitment": "commitment",
               "amounts.purchase_price": "purchase_price", "interest.rate": "interest_rate",
               "interest.default_rate": "default_rate", "interest.default_spread": "default_spread",
               "interest.day_count": "day_count", "maturity_date": "maturity_date"}
ROLE_CODES = {
    "company": "company", "borrower": "company", "issuer": "company", "maker": "company", "obligor": "company",
    "lender": "holder", "bank": "holder", "holder": "holder", "payee": "holder", "noteholder": "holder",
    "purchaser": "purchaser", "buyer": "purchaser", "investor": "purchaser", "subscriber": "purchaser",
    "debtor": "debtor", "grantor": "debtor", "pledgor": "debtor", "secured party": "secured_party",
    "pledgee": "secured_party", "agent": "agent", "administrative agent": "agent", "collateral agent": "agent",
}
NO_NOTE = applying.NO_NOTE
NEED_PARTIES = "Accept the parties first: the note needs the company (issuer) and the holder or purchaser."
NO_CLOSING = "Create the matter's closing first; its checklist receives the deliverable."
NOT_PROPOSED = "Only a proposal still waiting for a decision can be decided."
DECISIONS = ("accept", "edit", "reject")


class AlreadyDecided(ValidationError):
    """A proposal that was accepted, edited or rejected already: the API answers 409."""


def label_of(path: str) -> str:
    head = path.rsplit(".", 1)[0] if path.rsplit(".", 1)[-1].isdigit() or path.startswith("notice.methods.") else path
    return LABELS.get(path, LABELS.get(head, path))


def _value(result: dict[str, Any], path: str) -> Any:
    if path.startswith("notice.methods."):
        code = path.rsplit(".", 1)[1]
        return next((rule for rule in result["notice"].get("rules", []) if rule["method"] == code), code)
    data: Any = result
    for key in path.split("."):
        data = data[int(key)] if isinstance(data, list) else data.get(key) if isinstance(data, dict) else None
    return data


def proposals_store(*, document_text: DocumentText, parts: list[Part]) -> int:
    """Replace the proposals of one document version (its text read again) with fresh ones.
    Defined terms are left out: the viewer already links them."""
    result = extraction.propose(document_text.text, parts)
    document_text.proposals.all().delete()
    rows = [
        ProposedTerm(document_text=document_text, path=path, value=_value(result, path), start=source["start"],
                     end=source["end"], section=source["section"] or "", quote=source["quote"],
                     confidence=Decimal(str(result["confidence"].get(path, 0.5))))
        for path, source in result["sources"].items() if not path.startswith("defined_terms.")
    ]
    ProposedTerm.objects.bulk_create(rows)
    return len(rows)


def _agreement_value(path: str, value: Any) -> Any:
    if path == "dated_as_of":
        try:
            return date.fromisoformat(str(value)) if value not in (None, "") else None
        except ValueError as error:
            raise ValidationError({"value": "Enter a date as YYYY-MM-DD."}) from error
    if path == "notice.clause":
        return f"§{value}" if value and not str(value).startswith("§") else (value or "")
    return value if value is not None else ""


@transaction.atomic
def proposal_decide(*, proposal: ProposedTerm, decision: str, value: Any = None, by: Any) -> ProposedTerm:
    """Accept (as proposed), edit (accept `value` instead) or reject one proposal. An agreement
    field is written through agreement_update; a bad value is a ValidationError and nothing is saved."""
    proposal = ProposedTerm.objects.select_for_update().select_related("document_text__document__agreement").get(
        pk=proposal.pk)
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose accept, edit or reject."})
    if proposal.status != ProposalStatus.PROPOSED:
        raise AlreadyDecided({"decision": NOT_PROPOSED})
    chosen = proposal.value if decision == "accept" else value
    if decision == "edit" and (chosen is None or chosen == ""):
        raise ValidationError({"value": "Enter the value to accept."})
    if decision != "reject":
        try:
            _apply(proposal, chosen, by)
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"value": error.messages}
            raise ValidationError({"value": [m for ms in messages.values() for m in ms]}) from error
    proposal.status = {"accept": ProposalStatus.ACCEPTED, "edit": ProposalStatus.EDITED,
                       "reject": ProposalStatus.REJECTED}[decision]
    proposal.decided_value = chosen if decision != "reject" else None
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()
    return proposal


def kind_of(path: str) -> str:
    """The family of a proposal's key path: "parties.0" -> "parties", "notice.methods.fax" -> "notice.methods"."""
    parts = path.split(".")
    if parts[-1].isdigit() or path.startswith("notice.methods."):
        return ".".join(parts[:-1])
    return path


def _apply(proposal: ProposedTerm, value: Any, by: Any) -> None:
    """Write an accepted value where hand entry writes it, through that record's own service."""
    agreement = proposal.document_text.document.agreement
    kind = kind_of(proposal.path)
    if proposal.path in AGREEMENT_FIELDS:
        data = {AGREEMENT_FIELDS[proposal.path]: _agreement_value(proposal.path, value)}
        if proposal.path == "governing_law" and proposal.section:
            data["governing_law_clause"] = f"§{proposal.section}"
        if proposal.path == "notice.clause":
            data["notice_clause_text"] = proposal.document_text.text[proposal.start:proposal.start + 4000].strip()
        agreement_services.agreement_update(agreement=agreement, data=data)
    elif kind == "parties":
        _apply_party(agreement, value if isinstance(value, dict) else {"name": str(value)})
    elif kind == "notice.methods":
        _apply_notice_rule(agreement, proposal, value)
    elif proposal.path in NOTE_FIELDS:
        _apply_note_term(agreement, proposal.path, value, by)
    elif kind == "clauses":
        applying.clause_apply(agreement=agreement, proposal=proposal, value=value)
    elif kind == "notice.addresses":
        applying.notice_address_apply(agreement=agreement, proposal=proposal, value=value)
    elif kind == "notice.copies":
        applying.notice_copy_apply(agreement=agreement, proposal=proposal, value=value)
    elif proposal.path in applying.FLOATING_FIELDS:
        applying.floating_apply(agreement=agreement, proposal=proposal, value=value, by=by)
    elif kind == "deliverables":
        _apply_deliverable(agreement, proposal, value)
    elif kind == "security":
        applying_lender.security_interest_apply(agreement=agreement, proposal=proposal, value=value)
    elif kind == "covenants":
        applying_lender.covenant_apply(agreement=agreement, proposal=proposal, value=value, by=by)


def _apply_party(agreement: Agreement, value: dict[str, Any]) -> None:
    name = " ".join(str(value.get("name") or "").split())
    if not name:
        raise ValidationError({"value": "Enter the party's name."})
    described = {key: " ".join(str(value.get(key) or "").split())[:100] for key in ("entity_type", "jurisdiction")}
    described = {key: text for key, text in described.items() if text}
    party = Party.objects.filter(legal_name__iexact=name).order_by("pk").first()
    if party is None:
        party = party_services.party_create(data={"legal_name": name, **described})
    elif blank := {key: text for key, text in described.items() if not getattr(party, key)}:
        # A directory entry keeps what it already says: only blanks are filled from this agreement.
        party_services.party_update(party=party, data=blank)
    role = ROLE_CODES.get(str(value.get("role") or "").lower(), "other")
    rows = [{"party": row.party, "role": row.role, "defined_term": row.defined_term}
            for row in AgreementParty.objects.filter(agreement=agreement).select_related("party")]
    if not any(row["party"] == party and row["role"] == role for row in rows):
        rows.append({"party": party, "role": role, "defined_term": str(value.get("defined_term") or "")[:100]})
        agreement_services.agreement_parties_set(agreement=agreement, parties=rows)


RULE_FIELDS = ("method", "method_words", "deemed_given", "offset_days", "business_days", "combine", "also_deemed_given",
               "also_offset_days", "also_business_days", "cutoff_time", "calendars", "only_outside_us",
               "confirming_copy", "recipient_party", "scope", "clause")


def _apply_notice_rule(agreement: Agreement, proposal: ProposedTerm, value: Any) -> None:
    rule = value if isinstance(value, dict) else {"method": str(value)}
    rows = [{field: getattr(row, field) for field in RULE_FIELDS} for row in NoticeRule.objects.filter(agreement=agreement)]
    if any(row["method"] == rule.get("method") and row["recipient_party"] is None for row in rows):
        return
    rows.append({"method": rule.get("method", ""), "method_words": str(rule.get("words") or "")[:300],
                 "deemed_given": rule.get("deemed_given") or "on_receipt", "offset_days": int(rule.get("offset_days") or 0),
                 "business_days": bool(rule.get("business_days")), "clause": proposal.section[:50]})
    agreement_services.notice_rules_set(agreement=agreement, rules=rows)


def _note_value(path: str, value: Any) -> Any:
    if path == "maturity_date":
        return _agreement_value("dated_as_of", value)
    if path == "interest.day_count":
        return str(value)
    try:
        return Decimal(str(value).replace(",", "").replace("$", "").replace("%", "").strip())
    except ArithmeticError as error:
        raise ValidationError({"value": "Enter a number."}) from error


def _apply_note_term(agreement: Agreement, path: str, value: Any, by: Any) -> None:
    field = NOTE_FIELDS[path]
    note = Note.objects.filter(agreement=agreement).order_by("pk").first()
    if note is not None:
        note_services.note_update(note=note, data={field: _note_value(path, value)}, by=by)
        return
    if path != "amounts.principal":
        raise ValidationError({"value": NO_NOTE})
    roles = {row.role: row.party for row in AgreementParty.objects.filter(agreement=agreement).select_related("party")}
    issuer, holder = roles.get("company"), roles.get("holder") or roles.get("purchaser")
    if issuer is None or holder is None:
        raise ValidationError({"value": NEED_PARTIES})
    note_services.note_create(matter=agreement.matter, by=by, data={
        "agreement": agreement, "title": agreement.title, "issuer": issuer, "holder": holder,
        "principal": _note_value(path, value), "issue_date": agreement.dated_as_of})


def _apply_deliverable(agreement: Agreement, proposal: ProposedTerm, value: Any) -> None:
    closing = Closing.objects.filter(matter=agreement.matter).order_by("pk").first()
    if closing is None:
        raise ValidationError({"value": NO_CLOSING})
    rows = list(AgreementParty.objects.filter(agreement=agreement).select_related("party"))
    if not rows:
        raise ValidationError({"value": NEED_PARTIES})
    heading = proposal.document_text.text[max(0, proposal.start - 300):proposal.start]
    giver = re.findall(r"(?i)deliver(?:y|ies)?\s+by\s+(?:the\s+)?([A-Z][\w\-]*)|(?:the\s+)?([A-Z][\w\-]*)\s+shall\s+deliver",
                       heading)
    terms = [a or b for a, b in giver]
    named = [row for term in reversed(terms) for row in rows if row.defined_term.lower().removeprefix("the ") == term.lower()]
    company = [row for row in rows if row.role == "company"]
    from_party = (named[0] if named else company[0] if company else rows[0]).party
    description = value.get("description") if isinstance(value, dict) else str(value)
    clause = value.get("clause") if isinstance(value, dict) else proposal.section
    closing_services.deliverable_create(closing=closing, data={
        "description": str(description)[:400], "from_party": from_party, "clause": f"§{clause}"[:50] if clause else ""})


def display(path: str, value: Any) -> str:
    """A proposed (or decided) value as the review screen shows it: labels, not codes."""
    from agreements.models import DeemedGiven, DisputeResolution, NoticeMethod
    from notes.models import DayCount

    if value is None or value == "":
        return "—"
    kind = kind_of(path)
    if isinstance(value, dict):
        if kind == "parties":
            described = " ".join(str(value.get(k)) for k in ("jurisdiction", "entity_type") if value.get(k))
            return f"{value.get('name', '')}" + (f", a {described}" if described else "") + (
                f" ({value.get('role') or 'role not stated'})")
        if kind == "notice.methods":
            method = dict(NoticeMethod.choices).get(value.get("method", ""), value.get("method", ""))
            given = dict(DeemedGiven.choices).get(value.get("deemed_given") or "", "when deemed given not stated")
            days = value.get("offset_days") or 0
            extra = f" ({days} {'business ' if value.get('business_days') else ''}days)" if days else ""
            return f"{method}: {str(given).lower()}{extra}"
        if kind == "deliverables":
            return f"{value.get('description', '')}" + (f" (§{value['clause']})" if value.get("clause") else "")
        if kind == "notice.addresses":
            return f"{value.get('party', '')}: {value.get('text', '')}"
        if kind == "clauses":
            from agreements.models import ClauseKind

            kind_label = dict(ClauseKind.choices).get(value.get("kind", ""), "Clause")
            return f"{kind_label} (§{value.get('clause', '')} {value.get('heading', '')}): {str(value.get('text', ''))[:300]}"
        if kind == "notice.copies":
            return f"Notices to {value.get('party', '')} need a copy to: {value.get('text', '')}"
        if kind in ("security", "covenants"):
            return lender_display(kind, value)
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    if path == "dispute_resolution":
        return str(dict(DisputeResolution.choices).get(text, text))
    if path == "interest.day_count":
        return str(dict(DayCount.choices).get(text, text))
    if kind == "notice.methods":
        return str(dict(NoticeMethod.choices).get(text, text))
    if path.startswith("amounts."):
        try:
            return f"${Decimal(text):,.2f}"
        except ArithmeticError:
            return text
    if path.startswith("interest."):
        return f"{text}%"
    if path in ("dated_as_of", "maturity_date"):
        try:
            return f"{date.fromisoformat(text):%B} {date.fromisoformat(text).day}, {date.fromisoformat(text).year}"
        except ValueError:
            return text
    if path == "notice.clause":
        return f"§{text}"
    return text


TRIGGER_WORDS = {"fiscal_quarter_end": "the end of each fiscal quarter", "calendar_quarter_end": "the end of each calendar quarter",
                 "fiscal_year_end": "the end of each fiscal year", "month_end": "the end of each month"}
FREQUENCY_WORDS = {"quarterly": "tested each fiscal quarter end", "monthly": "tested each fiscal month end",
                   "annually": "tested each fiscal year end"}


def _side_words(side: Any) -> str:
    if not isinstance(side, dict):
        return str(side or "")
    return f"{side.get('name')} (the {side.get('term')})" if side.get("name") else f"the {side.get('term', '')}"


def lender_display(kind: str, value: dict[str, Any]) -> str:
    """A proposed security interest or covenant in words: who, what, by when, against which figure."""
    from covenants.evaluation import OPERATOR_WORDS, format_figure

    clause = f" (§{value['clause']})" if value.get("clause") else ""
    if kind == "security":
        priority = f"a {value['priority']} priority" if value.get("priority") else "a"
        where = f" (§{value['grant_clause']})" if value.get("grant_clause") else ""
        return (f"{_side_words(value.get('debtor'))} grants {_side_words(value.get('secured_party'))} {priority} "
                f"security interest in: {str(value.get('collateral', ''))[:600]}{where}")
    if value.get("kind") == "financial":
        try:
            figure = format_figure(Decimal(str(value.get("threshold"))), str(value.get("unit") or "ratio"), "USD")
        except ArithmeticError:
            figure = str(value.get("threshold"))
        tested = FREQUENCY_WORDS.get(str(value.get("frequency") or ""), "test frequency not stated")
        words = OPERATOR_WORDS.get(str(value.get("operator") or ""), str(value.get("operator") or ""))
        basis = f", {value['basis']}" if value.get("basis") else ""
        return f"Financial covenant: {value.get('metric', '')} {words} {figure}, {tested}{basis}{clause}"
    if value.get("trigger") in TRIGGER_WORDS:
        unit = "business days" if value.get("business_days") else "days"
        year = f" ({value['year_end_days']} days after the fiscal year end)" if value.get("year_end_days") else ""
        audited = ", audited" if value.get("audited") else ""
        period = ("the end of each of the first three fiscal quarters" if value.get("first_three_quarters")
                  else TRIGGER_WORDS[str(value["trigger"])])
        return f"Report: {value.get('delivers', '')}{audited}, within {value.get('days')} {unit} after {period}{year}{clause}"
    when = (f"within {value['days']} {'business days' if value.get('business_days') else 'days'}" if value.get("days")
            else "promptly")
    return f"Notice of default: {when} after a Default or Event of Default{clause}"
