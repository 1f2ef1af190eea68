"""The ROO Group note purchase agreement of May 18, 2005, with every term it states."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, AgreementKind, AgreementStatus, ClauseKind
from agreements.sections import split_sections
from agreements.services import (
    agreement_create,
    agreement_update,
    clause_add,
    document_upload,
    signatory_add,
)

SIGNED = date(2005, 5, 18)
NOTICE_CLAUSE = (
    "All notices, requests, demands and other communications which are required to be or may be "
    "given under this Agreement shall be in writing and shall be deemed to have been duly given when "
    "delivered in person, or transmitted by telecopy or telex, or upon receipt after dispatch by "
    "certified or registered first class mail, postage prepaid, return receipt requested, to the "
    "party to whom the same is so given or made, at the following addresses (or such others as shall "
    "be provided in writing hereinafter)"
)


def load(context: dict[str, Any]) -> None:
    matter, roo, petty = context["roo_matter"], context["roo"], context["petty"]
    npa = Agreement.objects.filter(matter=matter, kind=AgreementKind.NOTE_PURCHASE).first()
    if npa is None:
        npa = _create(matter, roo, petty)
    _signatories(npa, roo, petty)
    _executed_text(npa)
    _clauses(npa)
    context["roo_npa"] = npa
    context["roo_note_agreement"] = npa.exhibits.get(exhibit_label="Exhibit A")
    context["roo_rra"] = npa.exhibits.get(exhibit_label="Exhibit B")


def _create(matter: Any, roo: Any, petty: Any) -> Agreement:
    parties = [
        {"party": roo, "role": "company", "defined_term": "the Company"},
        {"party": petty, "role": "purchaser", "defined_term": "Petty"},
    ]
    npa = agreement_create(
        matter=matter,
        data={
            "kind": AgreementKind.NOTE_PURCHASE, "title": "Note Purchase Agreement",
            "dated_as_of": SIGNED, "status": AgreementStatus.EXECUTED,
            "governing_law": "New York", "governing_law_clause": "§7.6",
            "dispute_resolution": "arbitration",
            "forum": "Arbitration before a securities industry panel (§7.8)",
            "arbitration_rules": "Rules and procedures then in effect of the National Association of "
            "Securities Dealers, Inc., by a securities industry panel",
            "successor_forum": "FINRA (the NASD became FINRA on July 30, 2007)",
            "arbitration_costs": ARBITRATION_COSTS,
            "assignment_requires_consent": True, "amendments_require_writing": True,
            "notice_clause_ref": "§7.2", "notice_clause_text": NOTICE_CLAUSE,
        },
        parties=parties,
        notice_rules=[
            {"method": "personal", "deemed_given": "on_delivery", "clause": "§7.2"},
            {"method": "fax", "deemed_given": "on_transmission", "clause": "§7.2"},
            {"method": "telex", "deemed_given": "on_transmission", "clause": "§7.2"},
            {"method": "certified_mail", "deemed_given": "on_receipt", "clause": "§7.2"},
        ],
    )
    agreement_create(matter=matter, data={
        "kind": AgreementKind.PROMISSORY_NOTE, "title": "$600,000 Principal Amount Promissory Note",
        "dated_as_of": SIGNED, "status": AgreementStatus.EXECUTED, "parent": npa, "exhibit_label": "Exhibit A",
    }, parties=[{"party": roo, "role": "company", "defined_term": "the Company"},
                {"party": petty, "role": "holder", "defined_term": "Petty"}])
    agreement_create(matter=matter, data={
        "kind": AgreementKind.REGISTRATION_RIGHTS, "title": "Registration Rights Agreement",
        "dated_as_of": SIGNED, "status": AgreementStatus.EXECUTED, "parent": npa, "exhibit_label": "Exhibit B",
    }, parties=[{"party": roo, "role": "company", "defined_term": "the Company"},
                {"party": petty, "role": "holder", "defined_term": "Petty"}])
    return npa


EXECUTED_TEXT = Path(__file__).parent / "demo_files" / "roo-group-note-purchase-agreement-2005.txt"


def _executed_text(npa: Agreement) -> None:
    """The agreement as filed with the SEC, word for word, as the executed copy (version 1)."""
    if npa.documents.exists():
        return
    upload = SimpleUploadedFile(EXECUTED_TEXT.name, EXECUTED_TEXT.read_bytes(), content_type="text/plain")
    document_upload(agreement=npa, upload=upload, is_executed=True, by=None)


def _signatories(npa: Agreement, roo: Any, petty: Any) -> None:
    """The signature blocks: Robin Smyth, Chief Financial Officer, for the Company; Robert Petty."""
    from parties.models import Person

    if npa.signatories.exists():
        return
    for party, name, title in ((roo, "Robin Smyth", "Chief Financial Officer"), (petty, "Robert Petty", "")):
        person = Person.objects.get(party=party, name=name)
        signatory_add(agreement=npa, data={"person": person, "party": party, "title_as_signed": title})


ARBITRATION_COSTS = ("As determined by the arbitrators, including attorney's fees and expenses "
                     "(\"shall be awarded as determined by the arbitrators\")")
# The standard clauses of Article 7, each section with the kinds it holds (§7.1 holds three).
CLAUSES: dict[str, tuple[str, ...]] = {
    "7.1": (ClauseKind.BINDING_EFFECT, ClauseKind.ASSIGNMENT, ClauseKind.NO_THIRD_PARTY_BENEFICIARIES),
    "7.2": (ClauseKind.NOTICES,), "7.3": (ClauseKind.ENTIRE_AGREEMENT,), "7.4": (ClauseKind.HEADINGS,),
    "7.5": (ClauseKind.COUNTERPARTS,), "7.6": (ClauseKind.GOVERNING_LAW,), "7.7": (ClauseKind.SEVERABILITY,),
    "7.8": (ClauseKind.ARBITRATION,), "7.9": (ClauseKind.AMENDMENTS,),
}


def seed_sections() -> dict[str, Any]:
    """The seed's numbered sections, word for word, from its executed text."""
    return {s.number: s for s in split_sections(EXECUTED_TEXT.read_text())}


def _clauses(npa: Agreement) -> None:
    """Article 7 as typed clauses with their words, and who bears the costs of an arbitration (§7.8)."""
    if not npa.arbitration_costs:
        agreement_update(agreement=npa, data={"arbitration_costs": ARBITRATION_COSTS})
    if npa.clauses.exists():
        return
    sections = seed_sections()
    for number, kinds in CLAUSES.items():
        section = sections[number]
        for kind in kinds:
            clause_add(agreement=npa, data={"kind": kind, "clause": section.ref, "heading": section.heading,
                                            "text": section.text})
