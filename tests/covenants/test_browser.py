"""The CFO records a compliance certificate in a real browser; the breach it reports shows its cure
deadline and the draft notice of default on the page, and counsel sees the same on the dashboard."""

import pytest

from tests.covenants.factories import fixed_charge_coverage, loan_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cfo_records_a_breach_and_counsel_sees_its_cure_deadline(live_server, login_page, counsel, cfo, matter):
    fixed_charge_coverage(loan_agreement(matter))
    page = login_page(cfo)
    page.goto(f"{live_server.url}/covenants/matter/{matter.pk}/")
    page.get_by_role("link", name="Record a compliance certificate").click()
    page.get_by_label("Agreement").select_option(label="Credit Agreement")
    page.get_by_label("For the fiscal period ended").fill("2026-12-31")
    page.get_by_label("Delivered on").fill("2027-03-31")
    page.get_by_label("Fixed charge coverage ratio as reported").fill("1.10")
    page.get_by_role("button", name="Record the certificate").click()
    page.get_by_test_id("test").wait_for()
    text = page.get_by_test_id("test").inner_text()
    assert "Reported 1.1 against 1.25: headroom -0.15 (-12.00%)" in text
    assert "Friday, April 30, 2027" in text
    counsel_page = login_page(counsel)
    counsel_page.goto(f"{live_server.url}/covenants/")
    assert "Fixed charge coverage ratio as of December 31, 2026" in counsel_page.get_by_test_id("breach").inner_text()
