"""Demo notes: the ROO Group Exhibit A note (pending until the demo closing funds it) and a
current, invented financing with complete terms and dates around today."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from agreements.models import AgreementKind, AgreementStatus
from agreements.services import agreement_create
from matters.models import Matter, MembershipRole
from matters.services import matter_create, membership_add
from notes.models import Note
from notes.services import note_create, note_issue, note_transaction_record
from parties.models import Party
from parties.services import notice_address_add, party_create

CURRENT_MATTER = "Harbor Light Therapeutics, Inc.: senior secured notes, 2026 (demo)"


def load(context: dict[str, Any]) -> None:
    matter = context["roo_matter"]
    note = Note.objects.filter(matter=matter).first() or note_create(
        matter=matter,
        data={
            "agreement": context["roo_note_agreement"], "title": "Exhibit A: $600,000 Secured Promissory Note",
            "issuer": context["roo"], "holder": context["petty"], "principal": Decimal("600000.00"),
            "purchase_price": Decimal("500500.00"), "currency": "USD", "secured": True,
            "collateral_summary": "A general security interest in and to any and all assets of the Company (§1)",
        },
        by=None,
    )
    context["roo_note"] = note
    _current(context)


def _party(name: str, **data: Any) -> Party:
    party = Party.objects.filter(legal_name=name).first()
    if party is None:
        party = party_create(data={"legal_name": name, **data})
    return party


def _current(context: dict[str, Any]) -> None:
    company = _party("Harbor Light Therapeutics, Inc.", entity_type="corporation", jurisdiction="Delaware")
    fund = _party("Meridian Credit Partners II, L.P.", entity_type="limited partnership", jurisdiction="Delaware")
    fund_b = _party("Oakwell Special Situations Fund, LLC", entity_type="limited liability company", jurisdiction="New York")
    if not company.notice_addresses.exists():
        notice_address_add(party=company, data={"street_lines": "400 Harbor Drive, Suite 1200", "city": "Boston",
                                               "state": "MA", "postal_code": "02110", "fax": "(617) 555-0142",
                                               "email": "legal@harborlight.example", "effective_from": date(2026, 1, 1)})
    if not fund.notice_addresses.exists():
        notice_address_add(party=fund, data={"attention": "General Counsel", "street_lines": "712 Fifth Avenue, 30th Floor",
                                            "city": "New York", "state": "NY", "postal_code": "10019",
                                            "email": "notices@meridiancredit.example", "effective_from": date(2026, 1, 1)})
    matter = Matter.objects.filter(name=CURRENT_MATTER).first()
    if matter is None:
        matter = matter_create(data={"name": CURRENT_MATTER, "client": company,
                                     "description": "Invented demo financing with dates around today."}, by=None)
        _notes(matter, company, fund, fund_b)
    membership_add(matter=matter, user=context["counsel"], role=MembershipRole.LEAD)
    context["current_matter"] = matter


def _notes(matter: Matter, company: Party, fund: Party, fund_b: Party) -> None:
    today = timezone.localdate()
    issued = today - timedelta(days=200)
    npa = agreement_create(matter=matter, data={
        "kind": AgreementKind.NOTE_PURCHASE, "title": "Note Purchase Agreement", "dated_as_of": issued,
        "status": AgreementStatus.EXECUTED, "governing_law": "New York", "dispute_resolution": "courts",
        "forum": "State and federal courts in New York County", "assignment_requires_consent": True,
        "amendments_require_writing": True, "notice_clause_ref": "§9.3",
    }, parties=[{"party": company, "role": "company", "defined_term": "the Company"},
                {"party": fund, "role": "purchaser", "defined_term": "Meridian"},
                {"party": fund_b, "role": "purchaser", "defined_term": "Oakwell"}],
       notice_rules=[{"method": "personal", "deemed_given": "on_delivery", "clause": "§9.3"},
                     {"method": "courier", "deemed_given": "after_dispatch", "offset_days": 1, "business_days": True, "clause": "§9.3"},
                     {"method": "certified_mail", "deemed_given": "after_dispatch", "offset_days": 3, "business_days": True, "clause": "§9.3"},
                     {"method": "email", "deemed_given": "on_transmission", "clause": "§9.3"}])
    specs = [
        (fund, Decimal("1500000.00"), Decimal("1455000.00"), 540, Decimal("11.50"), "ACT/360"),
        (fund_b, Decimal("1000000.00"), Decimal("970000.00"), 300, Decimal("12.00"), "30/360"),
        (fund, Decimal("250000.00"), Decimal("250000.00"), 90, Decimal("10.00"), "ACT/365F"),
    ]
    for index, (holder, principal, price, days, rate, basis) in enumerate(specs, start=1):
        note = note_create(matter=matter, by=None, data={
            "agreement": npa, "title": f"Senior Secured Note No. {index}", "issuer": company, "holder": holder,
            "principal": principal, "purchase_price": price, "issue_date": issued,
            "maturity_date": today + timedelta(days=days), "interest_rate": rate, "day_count": basis,
            "default_rate": rate + 4, "payment_terms": "periodic_interest", "payment_frequency_months": 3,
            "secured": True,
        })
        note_issue(note=note, on=issued, by=None)
        note_transaction_record(note=note, kind="funding", date=issued, amount=price, by=None, reference=f"WIRE-{index:04d}")
        note_transaction_record(note=note, kind="payment", date=issued + timedelta(days=91),
                                amount=Decimal("40000.00") if index == 1 else Decimal("25000.00"), by=None)
