"""The representations register: counsel records each representation, flags a breach, and the flag
drafts the notice of breach (through the Notices drafts) with a deadline to give it."""

from io import BytesIO

import pytest
import time_machine
from pypdf import PdfReader

from deadlines.models import Obligation, ObligationKind
from representations.models import BreachFlag, Representation
from representations.services import NOT_A_PARTY, representation_create
from tests.covenants.factories import loan_agreement
from tests.factories import NoticeAddressFactory, PartyFactory

pytestmark = pytest.mark.django_db
POWER = ("The Company has the requisite corporate power and authority to execute and deliver this Agreement and the "
         "Note.")


@pytest.fixture
def representation(matter):
    agreement = loan_agreement(matter)
    return representation_create(matter=matter, data={
        "agreement": agreement, "clause": "§4.2", "party": matter.client, "title": "Power and Authority",
        "text": POWER})


@time_machine.travel("2026-12-07 15:00:00-05:00", tick=False)
def test_flagging_a_breach_drafts_the_notice_of_breach_to_the_party_that_gave_it(representation, counsel, client_as):
    NoticeAddressFactory(party=representation.party, street_lines="62 White Street, Suite 3A", city="New York",
                         state="NY", postal_code="10013")
    web = client_as(counsel)
    response = web.post(f"/representations/{representation.pk}/flag-breach/",
                        {"description": "The board had not authorized the <Note>."})
    assert response.status_code == 302
    flag = BreachFlag.objects.get()
    # Given by the Company, given to nobody named: the notice goes from the agreement's other party.
    assert (flag.notice_sender.legal_name, flag.notice_recipient.legal_name) == ("First Harbor Bank, N.A.",
                                                                                 "ROO Group, Inc.")
    assert flag.notice_subject == "Notice of breach of representation and warranty: §4.2 Power and Authority"
    assert flag.notice_body.startswith('In §4.2 (Power and Authority) of the Credit Agreement dated as of June 30, '
                                       '2026, ROO Group, Inc. represented and warranted: "The Company has')
    reminder = Obligation.objects.get(kind=ObligationKind.MANUAL)
    assert (reminder.title, reminder.due_date.isoformat(), [u.username for u in reminder.assignees.all()]) == (
        "Give notice of breach: §4.2 Power and Authority (draft ready)", "2026-12-07", ["casey"])
    page = web.get(representation.get_absolute_url()).content.decode()
    assert "Breach flagged (review with counsel)" in page and "&lt;Note&gt;" in page
    assert "kind=breach" in page and "not stated" in page
    letter = web.get(f"/representations/{representation.pk}/breaches/{flag.pk}/notice.pdf")
    text = PdfReader(BytesIO(letter.content)).pages[0].extract_text()
    assert "Re: Notice of breach under the Credit Agreement" in text and "62 White Street, Suite 3A" in text


def test_a_breach_without_words_and_a_representation_by_a_stranger_are_refused(representation, counsel, client_as,
                                                                              api_as):
    assert client_as(counsel).post(f"/representations/{representation.pk}/flag-breach/",
                                   {"description": "  "}).status_code == 400
    api = api_as(counsel)
    stranger = PartyFactory(legal_name="Stranger LLC")
    response = api.post("/api/v1/representations/", {
        "matter": representation.matter_id, "agreement": representation.agreement_id, "clause": "§4.4",
        "party": stranger.pk, "title": "Capitalization", "text": "..."}, format="json")
    assert (response.status_code, response.json()) == (400, {"party": [NOT_A_PARTY.format(
        party=stranger, agreement=representation.agreement)]})
    assert (BreachFlag.objects.count(), Representation.objects.count()) == (0, 1)


def test_the_api_lists_the_register_and_flags_a_breach_the_cfo_may_read_but_not_flag(representation, counsel, cfo,
                                                                                    outsider, api_as):
    row = api_as(cfo).get("/api/v1/representations/", {"matter": representation.matter_id}).json()["results"][0]
    assert (row["clause"], row["survival_words"], row["brought_down_by_certificate"]) == ("§4.2", "not stated", False)
    url = f"/api/v1/representations/{representation.pk}/flag-breach/"
    assert api_as(cfo).post(url, {"description": "Untrue."}, format="json").status_code == 403
    assert api_as(outsider).post(url, {"description": "Untrue."}, format="json").status_code == 404
    flagged = api_as(counsel).post(url, {"description": "Untrue."}, format="json")
    assert (flagged.status_code, flagged.json()["notice_recipient"]) == (201, representation.party_id)
    assert Representation.objects.get().status == "breach_flagged"


def test_the_register_lists_each_representation_with_its_survival_and_bring_down(representation, cfo, counsel,
                                                                                client_as):
    page = client_as(cfo).get(f"/representations/matter/{representation.matter_id}/").content.decode()
    assert "§4.2" in page and "Power and Authority" in page and "not stated" in page
    web = client_as(counsel)
    response = web.post(f"/representations/{representation.pk}/edit/", {
        "agreement": representation.agreement_id, "clause": "§4.2", "party": representation.party_id,
        "title": "Power and Authority", "text": POWER, "survival": "18 months after the Closing",
        "brought_down_by_certificate": "on"})
    assert response.status_code == 302
    representation.refresh_from_db()
    assert (representation.survival_words, representation.brought_down_by_certificate) == (
        "18 months after the Closing", True)
    assert "Yes, by certificate" in web.get(f"/representations/matter/{representation.matter_id}/").content.decode()
