"""The matter timeline and every History tab: in words, with labels and rendered values."""

import csv
import io
from decimal import Decimal

import pytest

from closings.services import deliverable_update
from tests.closings.conftest import make_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_deal(matter, counsel, client_as):
    counsel.first_name, counsel.last_name, counsel.time_zone = "Casey", "Counsel", "Europe/London"
    counsel.save()
    deal = make_deal(matter)
    item = deal["items"][0]
    response = client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                                       {"status": "received", "version": item.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    funds = deal["items"][1]
    deliverable_update(deliverable=funds, data={"amount": Decimal("500000.50")}, version=funds.version, by=counsel)
    return deal


def test_the_timeline_says_in_words_who_did_what(worked_deal, client_as, counsel, matter):
    page = client_as(counsel).get(f"/matters/{matter.pk}/timeline/")
    html = page.content.decode()
    assert "Casey Counsel marked The Note received (§3.2(a))" in html
    # The amount is money with its currency, labelled, before and after; no column name.
    assert "Casey Counsel changed the amount of deliverable $500,500 (§3.3)" in html
    assert "<del>USD 500,500.00</del> → USD 500,000.50" in html
    # Party names, not ids; the counsel's own zone (London: GMT in winter).
    assert "From party:</span> ROO Group, Inc." in html
    assert "GMT" in html
    assert "from_party" not in html and "client_id" not in html


def test_the_timeline_filters_by_kind_and_person(worked_deal, client_as, counsel, matter):
    client = client_as(counsel)
    deliverables = client.get(f"/matters/{matter.pk}/timeline/?kind=Deliverable").context["history"]
    assert {row.kind for row in deliverables} == {"Deliverable"}
    # 3 deliverables added, one received, one amount changed
    assert len(deliverables) == 5
    by_casey = client.get(f"/matters/{matter.pk}/timeline/?person={counsel.pk}").context["history"]
    assert [row.summary for row in by_casey] == ["Casey Counsel changed the amount of deliverable $500,500 (§3.3)",
                                                 "Casey Counsel marked The Note received (§3.2(a))"]


def test_the_timeline_exports_escape_user_text(worked_deal, client_as, counsel, matter):
    counsel.first_name = "=Casey"
    counsel.save()
    matter.client.legal_name = "Petty & <Co"  # unescaped, ReportLab's markup parser would refuse it
    matter.client.save()
    client = client_as(counsel)
    response = client.get(f"/matters/{matter.pk}/timeline.csv?person={counsel.pk}")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Who", "Kind", "What happened", "Details"]
    assert rows[2][1:4] == ["'=Casey Counsel", "Deliverable", "'=Casey Counsel marked The Note received (§3.2(a))"]
    assert rows[2][4] == "Status: Outstanding → Received"
    assert rows[1][4] == "Amount: USD 500,500.00 → USD 500,000.50"
    assert rows[1][0].endswith("GMT")
    pdf = client.get(f"/matters/{matter.pk}/timeline.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_another_matter_s_timeline_is_not_found(worked_deal, client_as, outsider, matter):
    assert client_as(outsider).get(f"/matters/{matter.pk}/timeline/").status_code == 404
    assert client_as(outsider).get(f"/matters/{matter.pk}/timeline.csv").status_code == 404


def test_the_closing_history_tab_shows_the_deliverable_changes(worked_deal, client_as, counsel):
    html = client_as(counsel).get(f"/closings/{worked_deal['closing'].pk}/").content.decode()
    assert "Casey Counsel marked The Note received (§3.2(a))" in html
