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
from notes.models import Facility, Note
from notes.selectors import note_position, period_interest
from notes.services import note_create, note_issue, note_transaction_record
from parties.models import Party
from parties.services import notice_address_add, party_create
from rates.models import IndexKind, RateIndex
from rates.services import rate_index_create, rate_value_record

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
    _line(context)
    _term_loan(context)


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


LINE_MATTER = "SEI Investments Company: PNC committed line of credit, 2001 (demo)"
PNC_PRIME = "PNC Bank Prime Rate"
# The line's Base Rate Option is PNC's Prime Rate. These are the prime rate moves published in
# the Wall Street Journal for the period (banks moved together); confirm against PNC's own rate.
PNC_PRIME_VALUES = [(date(2001, 12, 12), "4.75"), (date(2002, 11, 7), "4.25")]
# The note states no draws; these are illustrative, with interest paid on the first day of each
# quarter and the line repaid on its Expiration Date, as its §§1-3 provide.
LINE_LEDGER = [
    ("advance", date(2002, 1, 2), "5000000.00", "Illustrative advance (Base Rate Option)"),
    ("payment", date(2002, 4, 1), "58715.28", "Quarterly interest"),
    ("repayment", date(2002, 4, 1), "2000000.00", "Illustrative repayment"),
    ("payment", date(2002, 7, 1), "36020.83", "Quarterly interest"),
    ("payment", date(2002, 10, 1), "36416.67", "Quarterly interest"),
    ("payment", date(2002, 12, 19), "3029520.83", "Paid in full on the Expiration Date"),
]


def _line(context: dict[str, Any]) -> None:
    """The SEI Investments / PNC Bank $25,000,000 committed line of credit note of December 21,
    2001 (shared agreements: sei-pnc-committed-line-of-credit-note-2001): a revolver at PNC's
    Prime Rate, 360-day year for actual days, expiring December 19, 2002."""
    if Matter.objects.filter(name=LINE_MATTER).exists():
        return
    sei = _party("SEI Investments Company", entity_type="corporation", jurisdiction="Pennsylvania")
    pnc = _party("PNC Bank, National Association", entity_type="national banking association", jurisdiction="United States")
    if not sei.notice_addresses.exists():
        notice_address_add(party=sei, data={"street_lines": "1 Freedom Valley Drive", "city": "Oaks", "state": "PA",
                                            "postal_code": "19456", "effective_from": date(2001, 12, 21)})
    if not pnc.notice_addresses.exists():
        notice_address_add(party=pnc, data={"street_lines": "1600 Market Street", "city": "Philadelphia", "state": "PA",
                                            "postal_code": "19103", "effective_from": date(2001, 12, 21)})
    matter = matter_create(data={"name": LINE_MATTER, "client": sei, "description": (
        "A $25,000,000 committed line of credit note (SEC EDGAR exhibit 10.19, filed 2002-03-28). "
        "Terms as the note states them; the draws and payments are illustrative.")}, by=None)
    membership_add(matter=matter, user=context["counsel"], role=MembershipRole.LEAD)
    agreement = agreement_create(matter=matter, data={
        "kind": AgreementKind.PROMISSORY_NOTE, "title": "Committed Line of Credit Note", "dated_as_of": date(2001, 12, 21),
        "status": AgreementStatus.EXECUTED, "governing_law": "Pennsylvania",
    }, parties=[{"party": sei, "role": "company", "defined_term": "the Borrower"},
                {"party": pnc, "role": "purchaser", "defined_term": "the Bank"}])
    index = RateIndex.objects.filter(name=PNC_PRIME).first() or rate_index_create(
        data={"name": PNC_PRIME, "kind": IndexKind.BANK, "source": "PNC Bank's announced Prime Rate (the note's §2(i))"},
        by=None)
    for day, rate in PNC_PRIME_VALUES:
        rate_value_record(index=index, effective_date=day, rate=Decimal(rate), by=None,
                          source_note="WSJ-published prime move; confirm against PNC's records")
    note = note_create(matter=matter, by=None, data={
        "agreement": agreement, "title": "$25,000,000 Committed Line of Credit Note", "issuer": sei, "holder": pnc,
        "principal": Decimal("25000000.00"), "facility": Facility.REVOLVING, "commitment": Decimal("25000000.00"),
        "issue_date": date(2001, 12, 21), "maturity_date": date(2002, 12, 19), "rate_index": index,
        "spread": Decimal("0"), "day_count": "ACT/360", "payment_terms": "periodic_interest",
        "payment_frequency_months": 3,
    })
    note_issue(note=note, on=date(2001, 12, 21), by=None)
    for kind, day, amount, memo in LINE_LEDGER:
        note_transaction_record(note=note, kind=kind, date=day, amount=Decimal(amount), by=None, memo=memo)
    context["line_note"] = note


TERM_MATTER = "State Automobile Mutual Insurance Company: $50,000,000 intercompany term loan, 2009 (demo)"


def _term_loan(context: dict[str, Any]) -> None:
    """The State Auto $50,000,000 term loan of May 8, 2009 (shared agreements:
    state-auto-mutual-credit-agreement-2009): 7% a year on a 365-day year (366 in a leap year) for
    actual days, interest in arrears each May 1 and November 1 from November 1, 2009, default
    rate 2% over the rate otherwise applicable (§2.04), principal at maturity on May 8, 2019.
    The agreement states no payments; the demo assumes each was made when due."""
    if Matter.objects.filter(name=TERM_MATTER).exists():
        return
    borrower = _party("State Automobile Mutual Insurance Company", entity_type="mutual insurance company", jurisdiction="Ohio")
    lender = _party("State Auto Property & Casualty Insurance Company", entity_type="corporation", jurisdiction="South Carolina")
    for party in (borrower, lender):
        if not party.notice_addresses.exists():
            notice_address_add(party=party, data={"attention": "General Counsel", "street_lines": "518 East Broad Street",
                                                  "city": "Columbus", "state": "OH", "postal_code": "43215",
                                                  "fax": "(614) 719-0740", "effective_from": date(2009, 5, 8)})
    matter = matter_create(data={"name": TERM_MATTER, "client": borrower, "description": (
        "A $50,000,000 term loan (SEC EDGAR exhibit). Terms as the agreement states them; the interest "
        "payments are assumed made when due.")}, by=None)
    membership_add(matter=matter, user=context["counsel"], role=MembershipRole.LEAD)
    agreement = agreement_create(matter=matter, data={
        "kind": AgreementKind.NOTE_PURCHASE, "title": "Credit Agreement", "dated_as_of": date(2009, 5, 8),
        "status": AgreementStatus.EXECUTED, "governing_law": "Ohio",
    }, parties=[{"party": borrower, "role": "company", "defined_term": "the Borrower"},
                {"party": lender, "role": "purchaser", "defined_term": "the Lender"}])
    note = note_create(matter=matter, by=None, data={
        "agreement": agreement, "title": "$50,000,000 Term Loan Note", "issuer": borrower, "holder": lender,
        "principal": Decimal("50000000.00"), "purchase_price": Decimal("50000000.00"), "issue_date": date(2009, 5, 8),
        "maturity_date": date(2019, 5, 8), "interest_rate": Decimal("7"), "day_count": "ACT/ACT",
        "default_spread": Decimal("2"), "payment_terms": "periodic_interest", "payment_frequency_months": 6,
        "interest_anchor": date(2009, 11, 1), "business_day_convention": "none",
    })
    note_issue(note=note, on=date(2009, 5, 8), by=None)
    note_transaction_record(note=note, kind="funding", date=date(2009, 5, 8), amount=Decimal("50000000.00"), by=None,
                            memo="Term Loan advanced (§2.01)")
    for day, amount in period_interest(note).items():
        if amount:
            note_transaction_record(note=note, kind="payment", date=day, amount=amount, by=None,
                                    memo="Interest in arrears (§2.04(c)); assumed paid when due")
    payoff = note_position(note, date(2019, 5, 8)).payoff_amount
    assert payoff is not None
    note_transaction_record(note=note, kind="payment", date=date(2019, 5, 8), amount=payoff, by=None,
                            memo="Principal and interest at maturity (§2.02); assumed paid when due")
    context["term_note"] = note
