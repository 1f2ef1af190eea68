"""The notice clauses of three real agreements (shared agreements), recorded as their rules: the
Zumiez / Wells Fargo credit agreement of 2011 (its own matter), the SEI Investments / PNC Bank line
of credit note of 2001 and the State Auto credit agreement of 2009 (matters of the notes demo).
Runs after the notes step; each clause is recorded once."""

from datetime import date
from typing import Any

from agreements.models import Agreement, AgreementKind, AgreementStatus
from agreements.services import agreement_create, agreement_update
from matters.models import Matter, MembershipRole
from matters.services import matter_create, membership_add
from parties.models import Party
from parties.services import notice_address_add, party_create

ZUMIEZ_MATTER = "Zumiez Inc.: Wells Fargo revolving line of credit, 2011 (demo)"
ZUMIEZ_CLAUSE = (
    "All notices, requests and demands which any party is required or may desire to give to any other party under "
    "any provision of this Agreement must be in writing delivered to each party at the following address: [...] "
    "Each such notice, request and demand shall be deemed given or made as follows: (a) if sent by hand delivery, "
    "upon delivery; (b) if sent by mail, upon the earlier of the date of receipt or three (3) days after deposit in "
    "the U.S. mail, first class and postage prepaid; and (c) if sent by telecopy, upon receipt."
)
SEI_CLAUSE = (
    "All notices, demands, requests, consents, approvals and other communications required or permitted hereunder "
    "must be in writing (except as may be agreed otherwise above with respect to borrowing requests) and will be "
    "effective upon receipt. Such notices and other communications may be hand-delivered, sent by electronic mail or "
    "by facsimile transmission with confirmation of delivery and a copy sent by first-class mail, or sent by "
    "nationally recognized overnight courier service, to the addresses for the Bank and the Borrower set forth above"
)
STATE_AUTO_CLAUSE = (
    "Except in the case of notices and other communications expressly permitted to be given by telephone, all "
    "notices and other communications provided for herein shall be in writing and shall be delivered by hand or "
    "overnight courier service, mailed by certified or registered mail or sent by telecopy, as follows: [...] All "
    "notices and other communications given to any party hereto in accordance with the provisions of this Agreement "
    "will be deemed to have been given on the date of receipt."
)


def load(context: dict[str, Any]) -> None:
    _zumiez(context)
    _rules_for("SEI Investments Company", "§12", SEI_CLAUSE, [
        {"method": "personal", "method_words": "hand-delivered", "deemed_given": "on_receipt", "clause": "§12"},
        {"method": "email", "method_words": "sent by electronic mail", "deemed_given": "on_receipt", "clause": "§12"},
        {"method": "fax", "method_words": "by facsimile transmission with confirmation of delivery and a copy sent by "
         "first-class mail", "deemed_given": "on_receipt", "confirming_copy": True, "clause": "§12"},
        {"method": "courier", "method_words": "sent by nationally recognized overnight courier service",
         "deemed_given": "on_receipt", "clause": "§12"},
    ])
    _rules_for("State Automobile Mutual Insurance Company", "§8.01", STATE_AUTO_CLAUSE, [
        {"method": method, "method_words": words, "deemed_given": "on_receipt", "clause": "§8.01"}
        for method, words in (("personal", "delivered by hand"), ("courier", "overnight courier service"),
                              ("certified_mail", "mailed by certified or registered mail"), ("fax", "sent by telecopy"))
    ])


def _rules_for(party_name: str, ref: str, text: str, rules: list[dict[str, Any]]) -> None:
    agreement = Agreement.objects.filter(agreement_parties__party__legal_name=party_name, parent__isnull=True).first()
    if agreement is None or agreement.notice_rules.exists():
        return
    agreement_update(agreement=agreement, data={"notice_clause_ref": ref, "notice_clause_text": text}, notice_rules=rules)


def _party(name: str, address: dict[str, Any], **data: Any) -> Party:
    party = Party.objects.filter(legal_name=name).first() or party_create(data={"legal_name": name, **data})
    if not party.notice_addresses.exists():
        notice_address_add(party=party, data={**address, "effective_from": date(2011, 8, 29)})
    return party


def _zumiez(context: dict[str, Any]) -> None:
    if Matter.objects.filter(name=ZUMIEZ_MATTER).exists():
        return
    zumiez = _party("Zumiez Inc.", {"street_lines": "6300 Merrill Creek Parkway, Suite B", "city": "Everett",
                                    "state": "WA", "postal_code": "98203-1577"},
                    entity_type="corporation", jurisdiction="Washington")
    bank = _party("Wells Fargo Bank, National Association", {"street_lines": "999 Third Avenue, 12th Floor",
                                                             "city": "Seattle", "state": "WA", "postal_code": "98104"},
                  entity_type="national banking association", jurisdiction="United States")
    matter = matter_create(data={"name": ZUMIEZ_MATTER, "client": zumiez, "description": (
        "The Zumiez Inc. / Wells Fargo Bank $25,000,000 revolving line of credit (SEC EDGAR exhibit): its notice "
        "clause, §7.2, as recorded rules.")}, by=None)
    membership_add(matter=matter, user=context["counsel"], role=MembershipRole.LEAD)
    agreement_create(matter=matter, data={
        "kind": AgreementKind.OTHER, "title": "Credit Agreement", "dated_as_of": date(2011, 8, 29),
        "status": AgreementStatus.EXECUTED, "governing_law": "Washington", "governing_law_clause": "§7.10",
        "notice_clause_ref": "§7.2", "notice_clause_text": ZUMIEZ_CLAUSE,
    }, parties=[{"party": zumiez, "role": "company", "defined_term": "Borrower"},
                {"party": bank, "role": "holder", "defined_term": "Bank"}],
        notice_rules=[
            {"method": "personal", "method_words": "sent by hand delivery", "deemed_given": "on_delivery", "clause": "§7.2"},
            {"method": "first_class_mail", "method_words": "sent by mail, first class and postage prepaid",
             "deemed_given": "on_receipt", "combine": "earlier", "also_deemed_given": "after_dispatch",
             "also_offset_days": 3, "clause": "§7.2"},
            {"method": "fax", "method_words": "sent by telecopy", "deemed_given": "on_receipt", "clause": "§7.2"},
    ])
