"""A dispute as the seed's §7.8 runs it: written notice, a negotiation period counsel dates (with a
deadline), then arbitration before the named forum, costs as the arbitrators determine."""

from datetime import date

import pytest

from agreements.models import ClauseKind
from agreements.services import agreement_update, clause_add
from deadlines.models import Obligation, ObligationStatus
from disputes.models import Dispute
from disputes.services import ENDS_BEFORE_NOTICE, NEGOTIATION_FIRST, TOO_EARLY, dispute_open
from tests.covenants.factories import loan_agreement

pytestmark = pytest.mark.django_db
RULES = "Rules and procedures then in effect of the National Association of Securities Dealers, Inc."


@pytest.fixture
def agreement(matter):
    agreement = loan_agreement(matter)
    agreement_update(agreement=agreement, data={
        "dispute_resolution": "arbitration", "arbitration_rules": RULES,
        "successor_forum": "FINRA (the NASD became FINRA on July 30, 2007)",
        "arbitration_costs": "As determined by the arbitrators"})
    clause_add(agreement=agreement, data={"kind": ClauseKind.ARBITRATION, "clause": "§7.8", "text": "Any controversy..."})
    return agreement


@pytest.fixture
def dispute(agreement):
    bank = agreement.agreement_parties.get(role="purchaser").party
    return dispute_open(matter=agreement.matter, data={
        "agreement": agreement, "title": "Whether the 2026 fee is owed", "raised_by": bank,
        "other_party": agreement.matter.client, "notice_given_on": date(2026, 3, 2)})


def test_a_dispute_takes_the_forum_and_costs_from_its_agreement(dispute):
    assert (dispute.clause, dispute.forum, dispute.successor_forum, dispute.costs, dispute.stage) == (
        "§7.8", RULES, "FINRA (the NASD became FINRA on July 30, 2007)", "As determined by the arbitrators",
        "notice_given")


def test_the_negotiation_end_is_a_deadline_and_arbitration_comes_only_after_it(dispute, counsel, client_as):
    web = client_as(counsel)
    early = web.post(f"/disputes/{dispute.pk}/arbitration/", {"on": "2026-03-10"})
    assert early.status_code == 400 and NEGOTIATION_FIRST.format(clause="§7.8") in early.content.decode()
    before = web.post(f"/disputes/{dispute.pk}/negotiation/", {"ends_on": "2026-03-01"})
    assert before.status_code == 400 and ENDS_BEFORE_NOTICE.format(day=date(2026, 3, 2)) in before.content.decode()
    assert web.post(f"/disputes/{dispute.pk}/negotiation/", {"ends_on": "2026-04-01"}).status_code == 302
    deadline = Obligation.objects.get()
    assert (deadline.due_date, deadline.status) == (date(2026, 4, 1), ObligationStatus.OPEN)
    assert deadline.title.startswith("Negotiation period ends (§7.8): Whether the 2026 fee is owed")
    too_early = web.post(f"/disputes/{dispute.pk}/arbitration/", {"on": "2026-03-31"})
    assert too_early.status_code == 400 and TOO_EARLY.format(day=date(2026, 4, 1)) in too_early.content.decode()
    assert web.post(f"/disputes/{dispute.pk}/arbitration/", {"on": "2026-04-02"}).status_code == 302
    dispute.refresh_from_db()
    deadline.refresh_from_db()
    assert (dispute.stage, dispute.arbitration_demanded_on) == ("arbitration", date(2026, 4, 2))
    assert (deadline.status, deadline.evidence) == (ObligationStatus.DONE, "Arbitration demanded on April 2, 2026")
    assert "Arbitration demanded" in web.get(dispute.get_absolute_url()).content.decode()


def test_the_api_opens_a_dispute_and_moves_it_through_its_stages(agreement, counsel, cfo, api_as):
    api = api_as(counsel)
    bank = agreement.agreement_parties.get(role="purchaser").party
    opened = api.post("/api/v1/disputes/", {"matter": agreement.matter_id, "agreement": agreement.pk,
                                            "title": "Fee", "raised_by": bank.pk, "other_party": bank.pk,
                                            "notice_given_on": "2026-03-02"}, format="json")
    assert opened.status_code == 400
    opened = api.post("/api/v1/disputes/", {"matter": agreement.matter_id, "agreement": agreement.pk,
                                            "title": "Fee", "raised_by": bank.pk,
                                            "other_party": agreement.matter.client_id}, format="json")
    assert (opened.status_code, list(opened.json())) == (400, ["notice_given_on"])
    opened = api.post("/api/v1/disputes/", {"matter": agreement.matter_id, "agreement": agreement.pk, "title": "Fee",
                                            "raised_by": bank.pk, "other_party": agreement.matter.client_id,
                                            "notice_given_on": "2026-03-02"}, format="json")
    url = f"/api/v1/disputes/{opened.json()['id']}"
    assert api_as(cfo).post(f"{url}/negotiation/", {"ends_on": "2026-04-01"}, format="json").status_code == 403
    assert api.post(f"{url}/negotiation/", {"ends_on": "2026-04-01"}, format="json").json()["stage"] == "negotiation"
    resolved = api.post(f"{url}/resolution/", {"on": "2026-03-20", "resolution": "Fee waived."}, format="json")
    assert (resolved.json()["stage"], resolved.json()["resolved_on"]) == ("resolved", "2026-03-20")
    assert api.post(f"{url}/arbitration/", {"on": "2026-04-02"}, format="json").status_code == 400
    assert Dispute.objects.get().stage == "resolved"


def test_the_disputes_tab_lists_them_for_the_cfo_who_cannot_move_them(dispute, counsel, cfo, client_as):
    web = client_as(cfo)
    page = web.get(f"/disputes/matter/{dispute.matter_id}/").content.decode()
    assert "Whether the 2026 fee is owed" in page and "Notice of dispute given" in page
    assert web.post(f"/disputes/{dispute.pk}/negotiation/", {"ends_on": "2026-04-01"}).status_code == 403
    assert client_as(counsel).post(f"/disputes/{dispute.pk}/appeal/", {}).status_code == 404
    assert client_as(counsel).get(f"/disputes/matter/{dispute.matter_id}/new/").status_code == 200
