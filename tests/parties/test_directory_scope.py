"""The firm's people read the whole directory; a client's finance user reads only the parties of
the matters it may open."""

import pytest

from agreements.services import agreement_create
from tests.factories import MatterFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(matter):
    lender = PartyFactory(legal_name="Petty Lender LLC")
    agreement_create(matter=matter, data={"kind": "note_purchase", "title": "NPA"},
                     parties=[{"party": matter.client, "role": "company"}, {"party": lender, "role": "purchaser"}])
    stranger = PartyFactory(legal_name="Other Client Holdings")
    MatterFactory(name="Another client's matter", client=stranger)
    return {"lender": lender, "stranger": stranger, "unlinked": PartyFactory(legal_name="Nobody's Party")}


def test_the_cfo_reads_only_the_parties_of_its_matters(directory, cfo, api_as, client_as, matter):
    names = {row["legal_name"] for row in api_as(cfo).get("/api/v1/parties/?page_size=100").json()["results"]}
    assert names == {"ROO Group, Inc.", "Petty Lender LLC"}
    page = client_as(cfo).get("/parties/")
    assert b"Petty Lender LLC" in page.content and b"Other Client Holdings" not in page.content
    assert client_as(cfo).get(f"/parties/{directory['stranger'].pk}/").status_code == 404
    assert api_as(cfo).get(f"/api/v1/parties/{directory['stranger'].pk}/").status_code == 404
    assert client_as(cfo).get(f"/parties/{directory['lender'].pk}/").status_code == 200
    hits = client_as(cfo).get("/search/?q=Other+Client")
    assert b"Other Client Holdings" not in hits.content


def test_counsel_reads_the_whole_directory(directory, counsel, api_as):
    names = {row["legal_name"] for row in api_as(counsel).get("/api/v1/parties/?page_size=100").json()["results"]}
    assert {"ROO Group, Inc.", "Petty Lender LLC", "Other Client Holdings", "Nobody's Party"} <= names
