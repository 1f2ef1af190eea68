"""Accepted security interests and covenants reach their records through security_interests.services
and covenants.services: validated, with history, the covenant's reports scheduled; a refused value
saves nothing and leaves the proposal waiting."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from covenants.models import Covenant, CovenantKind, Deliverable, Frequency
from deadlines.models import Obligation, ObligationKind
from documents import applying_lender, proposals
from documents.models import ProposalStatus
from parties.models import Party
from security_interests.models import SecurityInterest

LOAN = b"""LOAN AND SECURITY AGREEMENT

THIS LOAN AND SECURITY AGREEMENT (this "Agreement") is made as of March 15, 2023, by and between NORTHWIND TILE
COMPANY, an Ohio corporation (the "Borrower"), and LAKESHORE BANK, N.A., a national banking association (the
"Lender").

5. Security Interest. To secure the Obligations, the Borrower hereby grants to the Lender a continuing first
priority security interest in all of the Borrower's accounts, inventory, equipment and general intangibles,
whether now owned or hereafter acquired.

6. Covenants.

6.1 Reporting. The Borrower shall deliver to the Lender:

(a) within forty-five (45) days after the end of each fiscal quarter, and within ninety (90) days after the end
of each fiscal year, its consolidated financial statements; and

(b) promptly, and in any event within five (5) Business Days after an officer of the Borrower obtains knowledge
of any Default, a certificate describing it.

6.2 Debt Service Coverage. The Borrower shall maintain, as of the last day of each fiscal quarter, a Debt Service
Coverage Ratio of not less than 1.25 to 1.00.
"""
NY = ZoneInfo("America/New_York")


@pytest.fixture
def loan(read_document, upload):
    return read_document(upload("loan.txt", LOAN))


def _path(document_text, prefix, **wanted):
    rows = [p for p in document_text.proposals.filter(path__startswith=prefix).order_by("start")
            if all(p.value.get(k) == v for k, v in wanted.items())]
    assert len(rows) == 1, [p.value for p in document_text.proposals.filter(path__startswith=prefix)]
    return rows[0]


def _decide(proposal, by, decision="accept", value=None):
    return proposals.proposal_decide(proposal=proposal, decision=decision, value=value, by=by)


@pytest.fixture
def parties_accepted(loan, counsel):
    for path in ("parties.0", "parties.1"):
        _decide(loan.proposals.get(path=path), counsel)


def test_accepting_a_grant_records_the_security_interest_with_its_parties_and_clause(loan, counsel, agreement,
                                                                                    parties_accepted):
    _decide(loan.proposals.get(path="dated_as_of"), counsel)
    proposal = _path(loan, "security.")
    _decide(proposal, counsel)
    si = SecurityInterest.objects.get()
    assert (si.matter, si.granting_agreement, si.clause_reference, si.priority) == (
        agreement.matter, agreement, "§5", "first")
    assert (si.debtor.legal_name, si.secured_party.legal_name) == ("NORTHWIND TILE COMPANY", "LAKESHORE BANK, N.A.")
    assert si.collateral == ("all of the Borrower's accounts, inventory, equipment and general intangibles, whether "
                             "now owned or hereafter acquired")
    assert si.granted_on == date(2023, 3, 15) and si.all_assets is False
    assert si.granting_clause.startswith("To secure the Obligations, the Borrower hereby grants to the Lender")
    assert si.events.count() == 1  # pghistory: written through the model's tracked save
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_a_grant_whose_parties_are_not_accepted_is_refused_and_saves_nothing(loan, counsel):
    proposal = _path(loan, "security.")
    with pytest.raises(ValidationError) as error:
        _decide(proposal, counsel)
    assert error.value.message_dict == {"value": [applying_lender.NO_SIDE.format(term="Borrower", side="debtor")]}
    proposal.refresh_from_db()
    assert (SecurityInterest.objects.count(), proposal.status) == (0, ProposalStatus.PROPOSED)


def test_an_edit_naming_a_party_outside_the_agreement_is_refused(loan, counsel, parties_accepted):
    stranger = Party.objects.create(legal_name="Somebody Else Capital LLC")
    proposal = _path(loan, "security.")
    with pytest.raises(ValidationError) as error:
        _decide(proposal, counsel, decision="edit", value={"secured_party": stranger.pk})
    assert error.value.message_dict == {"value": [applying_lender.NOT_THIS_AGREEMENTS]}
    assert SecurityInterest.objects.count() == 0


def test_an_edit_to_the_same_party_on_both_sides_is_the_services_field_error(loan, counsel, parties_accepted):
    borrower = Party.objects.get(legal_name="NORTHWIND TILE COMPANY")
    proposal = _path(loan, "security.")
    with pytest.raises(ValidationError) as error:
        _decide(proposal, counsel, decision="edit", value={"secured_party": borrower.pk})
    assert error.value.message_dict == {"value": ["The debtor and the secured party must be different parties."]}
    proposal.refresh_from_db()
    assert (SecurityInterest.objects.count(), proposal.status) == (0, ProposalStatus.PROPOSED)


def test_an_edited_collateral_description_is_what_is_recorded(loan, counsel, parties_accepted):
    _decide(_path(loan, "security."), counsel, decision="edit", value="All accounts and inventory.")
    assert SecurityInterest.objects.get().collateral == "All accounts and inventory."


@pytest.fixture
def spring_2023():
    with time_machine.travel(datetime(2023, 3, 20, 9, 0, tzinfo=NY), tick=False):
        yield


def test_accepting_a_reporting_covenant_schedules_its_reports_from_the_first_quarter_end(
        loan, counsel, agreement, parties_accepted, spring_2023):
    _decide(_path(loan, "covenants.", kind="reporting", trigger="fiscal_quarter_end"), counsel)
    covenant = Covenant.objects.get()
    assert (covenant.kind, covenant.deliverable, covenant.frequency, covenant.clause) == (
        CovenantKind.REPORTING, Deliverable.FINANCIAL_STATEMENTS, Frequency.QUARTERLY, "§6.1(a)")
    assert (covenant.days_after_period, covenant.days_after_year_end, covenant.first_period_end) == (
        45, 90, date(2023, 3, 31))
    assert covenant.party.legal_name == "NORTHWIND TILE COMPANY" and covenant.agreement == agreement
    due = list(Obligation.objects.filter(kind=ObligationKind.REPORTING).order_by("nominal_due_date")
               .values_list("nominal_due_date", flat=True))
    assert due[:4] == [date(2023, 5, 15), date(2023, 8, 14), date(2023, 11, 14), date(2024, 3, 30)]


def test_accepting_a_financial_covenant_records_its_test(loan, counsel, parties_accepted, spring_2023):
    _decide(_path(loan, "covenants.", kind="financial"), counsel)
    covenant = Covenant.objects.get()
    assert (covenant.kind, covenant.metric, covenant.operator, covenant.threshold, covenant.unit) == (
        CovenantKind.FINANCIAL, "Debt Service Coverage Ratio", "at_least", Decimal("1.25"), "ratio")
    assert (covenant.frequency, covenant.first_period_end, covenant.clause) == (
        Frequency.QUARTERLY, date(2023, 3, 31), "§6.2")


def test_a_threshold_edited_to_words_is_a_field_error_and_nothing_is_saved(loan, counsel, parties_accepted):
    proposal = _path(loan, "covenants.", kind="financial")
    with pytest.raises(ValidationError) as error:
        _decide(proposal, counsel, decision="edit", value="one and a quarter")
    assert error.value.message_dict == {"value": [applying_lender.NOT_A_NUMBER]}
    proposal.refresh_from_db()
    assert (Covenant.objects.count(), proposal.status) == (0, ProposalStatus.PROPOSED)


def test_an_edited_threshold_is_recorded(loan, counsel, parties_accepted, spring_2023):
    _decide(_path(loan, "covenants.", kind="financial"), counsel, decision="edit", value="1.50 to 1.00")
    assert Covenant.objects.get().threshold == Decimal("1.50")


def test_a_covenant_needs_the_company_accepted_first(loan, counsel):
    proposal = _path(loan, "covenants.", kind="financial")
    with pytest.raises(ValidationError) as error:
        _decide(proposal, counsel)
    assert error.value.message_dict == {"value": [applying_lender.NO_OBLIGOR]}
    assert Covenant.objects.count() == 0


def test_a_covenant_edited_to_be_given_by_a_stranger_is_refused(loan, counsel, parties_accepted):
    stranger = Party.objects.create(legal_name="Somebody Else Capital LLC")
    with pytest.raises(ValidationError) as error:
        _decide(_path(loan, "covenants.", kind="financial"), counsel, decision="edit", value={"party": stranger.pk})
    assert error.value.message_dict == {"value": [applying_lender.NOT_THIS_AGREEMENTS]}
    assert Covenant.objects.count() == 0


def test_a_notice_of_default_becomes_an_undertaking_of_the_borrower(loan, counsel, parties_accepted, spring_2023):
    _decide(_path(loan, "covenants.", trigger="default"), counsel)
    covenant = Covenant.objects.get()
    assert (covenant.kind, covenant.title, covenant.clause) == (
        CovenantKind.AFFIRMATIVE, "Notice of default, within 5 business days", "§6.1(b)")


def test_the_review_screen_shows_the_grant_and_covenants_in_words(loan, client_as, counsel):
    html = client_as(counsel).get(f"/documents/{loan.document_id}/proposals/").content.decode()
    assert "Security interest" in html and "Covenant" in html
    assert ("NORTHWIND TILE COMPANY (the Borrower) grants LAKESHORE BANK, N.A. (the Lender) a first priority security "
            "interest in: all of the Borrower&#x27;s accounts") in html
    assert ("Financial covenant: Debt Service Coverage Ratio at least 1.25 to 1.00, tested each fiscal quarter end "
            "(§6.2)") in html
    assert ("Report: its consolidated financial statements, within 45 days after the end of each fiscal quarter "
            "(90 days after the fiscal year end) (§6.1(a))") in html
    assert "Notice of default: within 5 business days after a Default or Event of Default (§6.1(b))" in html
    for code in ("fiscal_quarter_end", "notice_of_default", "at_least", "financial_statements", "grant_clause"):
        assert code not in html
