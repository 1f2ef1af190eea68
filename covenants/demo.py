"""Demo covenants from two real agreements (shared agreements):

- zumiez-wellsfargo-revolving-line-of-credit-note-2011: Zumiez Inc. / Wells Fargo Bank credit
  agreement of August 29, 2011: quick ratio (§4.8(a)), total liabilities to tangible net worth and
  net profit after taxes (Exhibit A), statements 45 days after each fiscal quarter end and 90 after
  the year end (§4.3(a), (b)) with the officer's certificate (§4.3(c)), a 20-day cure period from
  the default's occurrence (§6.1(c)); one illustrative certificate reporting a breach.
- sei-pnc-committed-line-of-credit-note-2001: SEI Investments / PNC Bank letter agreement,
  Exhibit A: consolidated net worth, fixed charges coverage ratio at least 1.25 to 1 on four fiscal
  quarters, leverage ratio not more than .65 to 1; statements 45/90 days with the CFO's certificate.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from accounts.models import Role
from agreements.demo_notices import ZUMIEZ_MATTER as NOTICES_MATTER
from agreements.models import AgreementKind, AgreementStatus
from agreements.services import agreement_create
from covenants.models import Covenant
from covenants.services import certificate_record, covenant_consent_add, covenant_create
from deadlines.services import fiscal_year_end_set
from matters.demo import _user
from matters.models import Matter, MembershipRole
from matters.services import matter_create, membership_add
from notes.demo import LINE_MATTER, _party
from parties.services import notice_address_add

ZUMIEZ_MATTER = NOTICES_MATTER  # one Zumiez matter: its notice clause (the agreements step) and covenants
QUICK_RATIO_TEXT = (
    "Quick Ratio not less than 1.25 to 1.0 at each fiscal quarter end, with \u201cQuick Ratio\u201d defined as the sum "
    "of cash plus, cash equivalents, marketable securities plus accounts receivables divided by the aggregate "
    "amount of all Credit Extensions under the Line of Credit.")
CURE_TEXT = ("§6.1(c): with respect to any such default that by its nature can be cured, such default shall continue "
             "for a period of twenty (20) days from its occurrence.")


def load(context: dict[str, Any]) -> None:
    _zumiez(context)
    _roo_further_assurances(context)
    _sei(context)


def _zumiez(context: dict[str, Any]) -> None:
    """On the Zumiez matter the notice-clause step made (or a matter of its own when that step has
    not run), once."""
    matter = Matter.objects.filter(name=ZUMIEZ_MATTER).first()
    if matter is not None and Covenant.objects.filter(matter=matter).exists():
        return
    zumiez = _party("Zumiez Inc.", entity_type="corporation", jurisdiction="Washington")
    bank = _party("Wells Fargo Bank, National Association", entity_type="national banking association",
                  jurisdiction="United States")
    if not zumiez.notice_addresses.exists():
        notice_address_add(party=zumiez, data={"street_lines": "6300 Merrill Creek Parkway, Suite B", "city": "Everett",
                                               "state": "WA", "postal_code": "98203-1577",
                                               "effective_from": date(2011, 8, 29)})
    if not bank.notice_addresses.exists():
        notice_address_add(party=bank, data={"street_lines": "999 Third Avenue, 12th Floor", "city": "Seattle",
                                             "state": "WA", "postal_code": "98104", "effective_from": date(2011, 8, 29)})
    # Zumiez's fiscal year ends on the Saturday nearest 31 January (January 29, 2011 in the agreement's
    # §3.5); Covenant counts fiscal periods from a fixed day, so its quarters are taken at month ends.
    fiscal_year_end_set(party=zumiez, month=1, day=31,
                        source="52/53-week year ending the Saturday nearest January 31; recorded as January 31")
    _user("zumiez-cfo", Role.FINANCE, company=zumiez, email="cfo@zumiez.example", first_name="Chris",
          last_name="Finance")
    if matter is not None:
        agreement = matter.agreements.get(parent__isnull=True, title="Credit Agreement")
    else:
        matter = matter_create(data={"name": ZUMIEZ_MATTER, "client": zumiez, "description": (
            "Credit Agreement of August 29, 2011 between Zumiez Inc. and Wells Fargo Bank, National Association "
            "(SEC EDGAR exhibit): a $25,000,000 revolving line of credit to September 1, 2013. Covenants as the "
            "agreement states them; the compliance certificate's figures are illustrative.")}, by=None)
        membership_add(matter=matter, user=context["counsel"], role=MembershipRole.LEAD)
        agreement = agreement_create(matter=matter, data={
            "kind": AgreementKind.OTHER, "title": "Credit Agreement", "dated_as_of": date(2011, 8, 29),
            "status": AgreementStatus.EXECUTED, "governing_law": "Washington", "notice_clause_ref": "§7.2",
        }, parties=[{"party": zumiez, "role": "company", "defined_term": "Borrower"},
                    {"party": bank, "role": "purchaser", "defined_term": "Bank"}],
            notice_rules=[{"method": "personal", "deemed_given": "on_delivery", "clause": "§7.2(a)"},
                          {"method": "fax", "deemed_given": "on_receipt", "clause": "§7.2(c)"}])
    cure = {"cure_days": 20, "cure_from": "test_date", "cure_clause": "§6.1(c)"}
    common = {"agreement": agreement, "party": zumiez, "frequency": "quarterly", "first_period_end": date(2011, 7, 31),
              "last_period_end": date(2013, 7, 31)}
    quick = covenant_create(matter=matter, by=None, data={
        **common, **cure, "kind": "financial", "title": "Quick ratio", "clause": "§4.8(a)", "text": QUICK_RATIO_TEXT,
        "metric": "Quick Ratio", "operator": "at_least", "threshold": Decimal("1.25"), "unit": "ratio",
        "basis": "each fiscal quarter end"})
    leverage = covenant_create(matter=matter, by=None, data={
        **common, **cure, "kind": "financial", "title": "Total liabilities to tangible net worth",
        "clause": "Exhibit A, Financial Covenants 1", "metric": "Total Liabilities divided by Tangible Net Worth",
        "operator": "not_more_than", "threshold": Decimal("1.0"), "unit": "ratio", "basis": "each fiscal quarter end"})
    profit = covenant_create(matter=matter, by=None, data={
        **common, **cure, "kind": "financial", "title": "Net profit after taxes", "clause": "Exhibit A, Financial Covenants 2",
        "metric": "Net profit after taxes", "operator": "at_least", "threshold": Decimal("1.00"), "unit": "amount",
        "basis": "a trailing four-quarter basis (the present quarter and three preceding quarters)"})
    statements = covenant_create(matter=matter, by=None, data={
        **common, "kind": "reporting", "title": "Financial statements", "clause": "§4.3(a), (b)",
        "deliverable": "financial_statements", "days_after_period": 45, "days_after_year_end": 90,
        "text": "(a) not later than 90 days after and as of the end of each fiscal year, an unqualified audited "
                "financial statement ...; (b) not later than 45 days after and as of the end of each fiscal quarter, "
                "a financial statement of Borrower ..."})
    covenant_create(matter=matter, by=None, data={
        **common, "kind": "reporting", "title": "Officer's compliance certificate", "clause": "§4.3(c)",
        "deliverable": "compliance_certificate", "delivered_after": statements, "days_after_delivery": 0,
        "text": "contemporaneously with each annual and fiscal quarter end financial statement of Borrower required "
                "hereby, a certificate of the president or chief executive officer of Borrower ..."})
    covenant_create(matter=matter, by=None, data={
        "agreement": agreement, "party": zumiez, "kind": "affirmative", "title": "Insurance", "clause": "§4.5",
        "status": "complying", "text": "Maintain and keep in force, for each business in which Borrower is engaged, "
                                       "insurance of the types and in amounts customarily carried in similar lines of business ..."})
    covenant_create(matter=matter, by=None, data={
        "agreement": agreement, "party": zumiez, "kind": "negative", "title": "Other indebtedness", "clause": "§5.2",
        "status": "complying", "text": "Create, incur, assume or permit to exist any indebtedness or liabilities "
                                       "resulting from borrowings, loans or advances ... except (a) the liabilities of "
                                       "Borrower to Bank, and (b) any other liabilities ... disclosed to Bank ..."})
    # Illustrative figures: the quick ratio falls short, which opens the default workflow.
    certificate_record(matter=matter, by=None, data={
        "agreement": agreement, "period_end": date(2011, 10, 31), "delivered_on": date(2011, 12, 12),
        "signed_by": "Chief Executive Officer",
        "notes": "Illustrative figures (the filed agreement contains none)."},
        figures=[(quick, Decimal("1.10")), (leverage, Decimal("0.45")), (profit, Decimal("32500000.00"))])
    context["zumiez_matter"] = matter


def _sei(context: dict[str, Any]) -> None:
    matter = Matter.objects.filter(name=LINE_MATTER).first()
    if matter is None or Covenant.objects.filter(matter=matter).exists():
        return
    sei = matter.client
    assert sei is not None
    agreement = matter.agreements.get(title="Committed Line of Credit Note")
    fiscal_year_end_set(party=sei, month=12, day=31, source="Exhibit A, B(1): the fiscal year ending on December 31, 2001")
    common = {"agreement": agreement, "party": sei, "frequency": "quarterly", "first_period_end": date(2001, 12, 31),
              "last_period_end": date(2002, 12, 31), "cure_days": None,
              "cure_clause": "Note, Events of Default (xi): after the lapse of any required notice or cure period (none stated)"}
    covenant_create(matter=matter, by=None, data={
        **common, "kind": "financial", "title": "Minimum consolidated net worth", "clause": "Exhibit A, B(1)",
        "metric": "Consolidated Net Worth", "operator": "at_least", "threshold": Decimal("155152000.00"),
        "unit": "amount", "basis": "the date of determination",
        "text": "a minimum Consolidated Net Worth of not less than the sum of (a) $155,152,000 plus (b) 50% of its "
                "Consolidated Net Income (only if positive) for each completed fiscal year beginning with 2001, plus "
                "(c) 50% of its Consolidated Net Income for the current fiscal year to the last completed quarter "
                "(record the step-ups in the schedule as each year's income is known)"})
    covenant_create(matter=matter, by=None, data={
        **common, "kind": "financial", "title": "Fixed charges coverage ratio", "clause": "Exhibit A, B(2)",
        "metric": "Consolidated Fixed Charges Coverage Ratio", "operator": "at_least", "threshold": Decimal("1.25"),
        "unit": "ratio", "basis": "the four consecutive fiscal quarters then ended"})
    covenant_create(matter=matter, by=None, data={
        **common, "kind": "financial", "title": "Leverage ratio", "clause": "Exhibit A, B(3)",
        "metric": "Consolidated Leverage Ratio", "operator": "not_more_than", "threshold": Decimal("0.65"),
        "unit": "ratio", "basis": "Consolidated Total Funded Debt to Funded Debt plus Consolidated Net Worth"})
    statements = covenant_create(matter=matter, by=None, data={
        **common, "kind": "reporting", "title": "Financial statements", "clause": "Exhibit A, A(1)(a), (b)",
        "deliverable": "financial_statements", "days_after_period": 45, "days_after_year_end": 90})
    covenant_create(matter=matter, by=None, data={
        **common, "kind": "reporting", "title": "CFO's compliance certificate", "clause": "Exhibit A, A(1)(c)",
        "deliverable": "compliance_certificate", "delivered_after": statements, "days_after_delivery": 0})


def _roo_further_assurances(context: dict[str, Any]) -> None:
    """The ROO Group agreement's §6.1 as a post-closing covenant given by each party, with the
    consents it names tracked as an obligation. Closing was simultaneous with signing (§3.1) and
    §4.3 represents that no consent was still required, so that obligation is done as of May 18, 2005."""
    from agreements.demo import SIGNED, seed_sections

    npa = context["roo_npa"]
    if Covenant.objects.filter(agreement=npa, clause="§6.1").exists():
        return
    section = seed_sections()["6.1"]
    covenant = covenant_create(matter=npa.matter, data={
        "agreement": npa, "kind": "post_closing", "title": section.heading, "clause": section.ref, "text": section.text,
        "party": context["roo"], "mutual": True, "status": "complying",
    }, by=None)
    covenant_consent_add(covenant=covenant, data={
        "description": "Any consents required in connection with the Agreement and the Note",
        "from_whom": "Whoever must consent (none outstanding, per §4.3)", "due_date": SIGNED, "obtained_on": SIGNED,
        "evidence": "§4.3: no consent required that has not been obtained, except securities-law filings",
    })
