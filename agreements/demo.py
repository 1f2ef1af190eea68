"""The ROO Group note purchase agreement of May 18, 2005, with every term it states."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, AgreementKind, AgreementStatus, Signatory
from agreements.services import agreement_create, document_upload

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
        Signatory.objects.create(agreement=npa, person=person, party=party, title_as_signed=title)
