"""Proposed security interests and covenants: what the fixtures that grant or covenant get (and
that the others get none), and clauses worded as none of the nine words them."""

from pathlib import Path

import pytest

from documents import extraction

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def proposed():
    return {path.stem: extraction.propose(path.read_text()) for path in sorted(FIXTURES.glob("*.txt"))}


def _grants(p):
    return [(g["grant_clause"], g["debtor"]["name"], g["secured_party"]["name"], g["priority"]) for g in p["security"]]


def test_only_the_agreements_that_grant_a_security_interest_get_one(proposed):
    granting = {name: _grants(p) for name, p in proposed.items() if p["security"]}
    assert granting == {
        "tnp-srt-tl-dof-credit-agreement-2011": [
            ("5", "TNP SRT CONSTITUTION TRAIL, LLC", "TL DOF III HOLDING CORPORATION", None),
            ("20(b)", "TNP SRT CONSTITUTION TRAIL, LLC", "TL DOF III HOLDING CORPORATION", None)],
        "village-farms-cobank-construction-loan-security-agreement-1998": [
            ("2.1", "VILLAGE FARMS INTERNATIONAL FINANCE ASSOCIATION", "COBANK, ACB", "first"),
            ("2.2", "VILLAGE FARMS INTERNATIONAL FINANCE ASSOCIATION", "COBANK, ACB", "second"),
            ("2.3", "VILLAGE FARMS INTERNATIONAL FINANCE ASSOCIATION", "COBANK, ACB", "first")],
        "zumiez-wellsfargo-revolving-line-of-credit-note-2011": [
            ("1.4", "ZUMIEZ INC.", "WELLS FARGO BANK, NATIONAL ASSOCIATION", "first")],
    }


def test_the_roo_recital_that_the_note_shall_be_secured_is_not_a_grant(proposed):
    assert proposed["roo-group-note-purchase-agreement-2005"]["security"] == []


def test_a_pledge_with_listed_items_keeps_the_items_and_drops_the_purpose(proposed):
    p = proposed["tnp-srt-tl-dof-credit-agreement-2011"]
    grant = p["security"][0]
    assert grant["collateral"].startswith("all of its right, title, and interest in, to and under the following property")
    assert "as security for" not in grant["collateral"]
    assert grant["collateral"].endswith("records and files relating to any and all of any of the foregoing")
    assert grant["collateral_term"] == "Collateral"
    assert (grant["debtor"]["term"], grant["secured_party"]["term"]) == ("Borrower", "Lender")
    source = p["sources"]["security.0"]
    text = (FIXTURES / "tnp-srt-tl-dof-credit-agreement-2011.txt").read_text()
    assert text[source["start"]:].startswith("Borrower hereby pledges to Lender")
    assert text[:source["end"]].endswith("any and all of any of the foregoing.") and source["section"] == "5"


def test_a_secured_party_defined_outside_the_parentheses_is_found_and_page_breaks_are_dropped(proposed):
    grants = proposed["village-farms-cobank-construction-loan-security-agreement-1998"]["security"]
    assert grants[1]["secured_party"] == {"term": "Secured Party", "name": "COBANK, ACB"}
    assert "<PAGE>" not in grants[1]["collateral"] and grants[0]["collateral_term"] == "First Priority Collateral"
    assert grants[0]["collateral"].endswith("income from Leases")
    assert grants[2]["collateral"].startswith("all assets and properties of Debtor other than")
    assert grants[2]["all_assets"] is False


def _covenants(p):
    return [(c["kind"], c["clause"], c.get("days"), c.get("trigger"), c.get("year_end_days"), c.get("deliverable"),
             c.get("metric"), c.get("operator"), c.get("threshold"), c.get("frequency")) for c in p["covenants"]]


def test_the_reports_and_tests_of_the_nine_are_read_with_their_periods_and_figures(proposed):
    found = {name: _covenants(p) for name, p in proposed.items() if p["covenants"]}
    r, f = "reporting", "financial"
    assert found == {
        "mk-gold-leucadia-credit-agreement-2005": [
            (r, "5.1(a)", 55, "fiscal_quarter_end", 100, "compliance_certificate", None, None, None, None),
            (r, "5.1(c)", None, "default", None, "notice_of_default", None, None, None, None)],
        "sei-pnc-committed-line-of-credit-note-2001": [
            (r, "A(a)", 90, "fiscal_year_end", None, "financial_statements", None, None, None, None),
            (r, "A(b)", 45, "fiscal_quarter_end", None, "financial_statements", None, None, None, None),
            (f, "A(2)", None, None, None, None, "Consolidated Fixed Charges Coverage Ratio", "at_least", "1.25", None),
            (f, "A(3)", None, None, None, None, "Consolidated Leverage Ratio", "not_more_than", "0.65", None)],
        "state-auto-mutual-credit-agreement-2009": [
            (r, "5.02", None, "default", None, "notice_of_default", None, None, None, None)],
        "tnp-srt-tl-dof-credit-agreement-2011": [
            (r, "9(m)(i)", 30, "fiscal_quarter_end", None, "financial_statements", None, None, None, None),
            (r, "9(m)(ii)", 120, "fiscal_year_end", None, "financial_statements", None, None, None, None),
            (r, "9(m)(iii)", 30, "calendar_quarter_end", None, "other", None, None, None, None)],
        "zumiez-wellsfargo-revolving-line-of-credit-note-2011": [
            (r, "4.3(a)", 90, "fiscal_year_end", None, "financial_statements", None, None, None, None),
            (r, "4.3(b)", 45, "fiscal_quarter_end", None, "financial_statements", None, None, None, None),
            (f, "4.8(a)", None, None, None, None, "Quick Ratio", "at_least", "1.25", "quarterly"),
            (r, "4.9", 5, "default", None, "notice_of_default", None, None, None, None),
            (f, "A(1)", None, None, None, None, "Total Liabilities divided by Tangible Net Worth", "not_more_than", "1",
             "quarterly")],
    }


def test_a_net_worth_built_from_a_formula_is_not_proposed(proposed):
    metrics = [c.get("metric") for c in proposed["sei-pnc-committed-line-of-credit-note-2001"]["covenants"]]
    assert "Consolidated Net Worth" not in metrics


SECURITY_AGREEMENT = """SECURITY AGREEMENT

THIS SECURITY AGREEMENT (this "Agreement") is made as of May 1, 2022, by ORCHARD LANE FOODS, INC., a Delaware
corporation (the "Grantor"), in favor of HARBORVIEW CAPITAL PARTNERS LLC, a New York limited liability company (the
"Collateral Agent").

1. Grant of Security. To secure the prompt payment and performance of the Secured Obligations, the Grantor hereby
pledges and grants to the Collateral Agent, for the ratable benefit of the Secured Parties, a continuing security
interest in and lien upon all of its right, title and interest in, to and under the following, whether now owned or
hereafter acquired (collectively, the "Collateral"):

(a) all Accounts;

(b) all Inventory and Equipment; and

(c) all Proceeds of any of the foregoing.

2. No Other Liens. The Grantor shall not grant any security interest in the Collateral to any other Person, and the
Grantor agrees to grant to the Collateral Agent a security interest in any commercial tort claim it acquires.
"""

NOTE_WITH_ALL_ASSETS = """SECURED PROMISSORY NOTE

FOR VALUE RECEIVED, KESTREL ROBOTICS CORP., a California corporation ("Maker"), promises to pay to the order of
DUNMORE VENTURE LENDING, L.P., a Delaware limited partnership ("Holder"), the principal sum of $750,000.

7. Security. Maker grants to Holder a first priority security interest in all of Maker's assets, now owned or
hereafter acquired, to secure the payment of this Note.
"""


def test_a_pledge_and_grant_in_favour_of_an_agent_names_both_sides_and_the_listed_collateral():
    p = extraction.propose(SECURITY_AGREEMENT)
    assert len(p["security"]) == 1
    grant = p["security"][0]
    assert grant["debtor"] == {"term": "Grantor", "name": "ORCHARD LANE FOODS, INC."}
    assert grant["secured_party"] == {"term": "Collateral Agent", "name": "HARBORVIEW CAPITAL PARTNERS LLC"}
    assert grant["collateral"] == ('all of its right, title and interest in, to and under the following, whether now '
                                   'owned or hereafter acquired (collectively, the "Collateral"): (a) all Accounts; '
                                   '(b) all Inventory and Equipment; and (c) all Proceeds of any of the foregoing')
    assert (grant["grant_clause"], grant["collateral_term"], grant["all_assets"]) == ("1", "Collateral", False)


def test_a_grant_without_hereby_over_all_assets_is_an_all_assets_grant():
    grant = extraction.propose(NOTE_WITH_ALL_ASSETS)["security"][0]
    assert (grant["debtor"]["term"], grant["secured_party"]["term"]) == ("Maker", "Holder")
    assert grant["collateral"] == "all of Maker's assets, now owned or hereafter acquired"
    assert (grant["all_assets"], grant["priority"], grant["grant_clause"]) == (True, "first", "7")


def test_promises_and_prohibitions_to_grant_are_not_grants():
    text = SECURITY_AGREEMENT.split("1. Grant of Security.")[0] + "2." + SECURITY_AGREEMENT.split("2.")[-1]
    assert extraction.propose(text)["security"] == []


CREDIT_AGREEMENT = """CREDIT AGREEMENT

THIS CREDIT AGREEMENT (this "Agreement") is dated as of March 15, 2023, between NORTHWIND TILE COMPANY, an Ohio
corporation (the "Company"), and LAKESHORE BANK, N.A., a national banking association (the "Bank").

6. Affirmative Covenants. The Company covenants that:

6.1 Reporting. The Company shall furnish to the Bank:

(a) as soon as available, but in any event within one hundred twenty (120) days after the close of each fiscal year
of the Company, audited consolidated financial statements of the Company;

(b) within forty-five (45) days after the end of each month, a borrowing base report; and

(c) promptly, and in any event within three (3) Business Days, after an officer of the Company obtains knowledge of
any Default, a certificate describing it.

6.2 Debt Service Coverage. The Company shall maintain, as of the last day of each fiscal quarter, a Debt Service
Coverage Ratio of not less than 1.25 to 1.00.

6.3 Leverage. The Company shall not permit the Total Leverage Ratio to exceed 3.50:1.00.

6.4 Net Worth. The Company shall maintain a Tangible Net Worth of at least $12,500,000 tested annually.

7. Pricing. If the Total Leverage Ratio is not more than 2.00 to 1.00, the Applicable Margin shall be 1.75%.

8. Events of Default. The Bank shall promptly notify the Company of the occurrence of any Default it knows of.
"""


def test_reports_in_words_other_than_the_nine_are_read():
    rows = [c for c in extraction.propose(CREDIT_AGREEMENT)["covenants"] if c["kind"] == "reporting"]
    assert [(c["clause"], c["days"], c["trigger"], c["deliverable"], c["audited"], c["business_days"]) for c in rows] == [
        ("6.1(a)", 120, "fiscal_year_end", "financial_statements", True, False),
        ("6.1(b)", 45, "month_end", "other", False, False),
        ("6.1(c)", 3, "default", "notice_of_default", False, True),
    ]
    assert rows[0]["delivers"] == "audited consolidated financial statements of the Company"
    assert rows[1]["delivers"] == "a borrowing base report" and rows[0]["party"] == "Company"


def test_financial_covenants_in_other_words_and_a_pricing_grid_that_is_not_one():
    rows = [c for c in extraction.propose(CREDIT_AGREEMENT)["covenants"] if c["kind"] == "financial"]
    assert [(c["clause"], c["metric"], c["comparison"], c["operator"], c["threshold"], c["unit"], c["frequency"])
            for c in rows] == [
        ("6.2", "Debt Service Coverage Ratio", "min", "at_least", "1.25", "ratio", "quarterly"),
        ("6.3", "Total Leverage Ratio", "max", "not_more_than", "3.5", "ratio", None),
        ("6.4", "Tangible Net Worth", "min", "at_least", "12500000", "amount", "annually"),
    ]


def test_a_ratio_of_one_figure_to_another_names_both_and_a_maximum_percentage_reads_as_percent():
    text = ('9. Financial Covenants. The Borrower shall maintain a ratio of Total Debt to EBITDA of not more than '
            '3.00 to 1.00, tested quarterly. The Borrower shall maintain a Loan to Value Ratio of not more than 65%.\n')
    rows = extraction.propose(text)["covenants"]
    assert [(c["metric"], c["operator"], c["threshold"], c["unit"], c["frequency"]) for c in rows] == [
        ("Ratio of Total Debt to EBITDA", "not_more_than", "3", "ratio", "quarterly"),
        ("Loan to Value Ratio", "not_more_than", "65", "percent", None),
    ]


def test_an_agent_for_the_secured_parties_over_all_personal_property_is_an_all_assets_grant():
    text = ('THIS PLEDGE AND SECURITY AGREEMENT (this "Agreement") dated as of June 1, 2021, among ALPHA HOLDINGS LLC, '
            'a Delaware limited liability company (the "Grantor"), and BETA BANK, N.A., as administrative agent (the '
            '"Administrative Agent").\n\n2.1 Grant. The Grantor hereby grants to the Administrative Agent, for the '
            "benefit of the Secured Parties, a security interest in all of the Grantor's right, title and interest in "
            "all personal property of the Grantor, whether now owned or hereafter acquired.\n")
    grant = extraction.propose(text)["security"][0]
    assert (grant["debtor"]["name"], grant["secured_party"]) == (
        "ALPHA HOLDINGS LLC", {"term": "Administrative Agent", "name": "BETA BANK, N.A."})
    assert (grant["all_assets"], grant["grant_clause"]) == (True, "2.1")


def test_events_of_default_and_a_lenders_own_notice_propose_no_covenant():
    text = ('THIS LOAN AGREEMENT (this "Agreement") dated as of June 1, 2021, between ALPHA LLC (the "Borrower"), and '
            'BETA BANK (the "Lender").\n\n2.4 Fees. Within 30 days after the end of each fiscal quarter, the Borrower '
            'shall pay to the Lender a commitment fee.\n\n8. Events of Default. (c) the Borrower fails to deliver the '
            'financial statements within 10 days after the end of any fiscal quarter; (d) the Borrower shall fail to '
            'maintain a Fixed Charge Coverage Ratio of at least 1.10 to 1.00.\n\n9. Notices. The Lender shall give the '
            'Borrower notice within 3 Business Days after the occurrence of any Event of Default.\n')
    assert extraction.propose(text)["covenants"] == []
