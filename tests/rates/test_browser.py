import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsel_records_a_prime_change_and_looks_up_prime_minus_one(live_server, login_page, counsel, index_with):
    prime = index_with("Prime (WSJ)", ("2024-12-19", "7.50"))
    page = login_page(counsel)
    page.goto(f"{live_server.url}/rates/")
    page.get_by_role("link", name="Prime (WSJ)").click()
    page.get_by_label("Effective from").fill("2025-09-18")
    page.get_by_label("Rate (% a year)").fill("7.25")
    page.get_by_role("button", name="Record value").click()
    page.get_by_text("Recorded Prime (WSJ) 7.25% from 2025-09-18.").wait_for()
    page.locator("#id_day").fill("2025-10-01")
    page.get_by_label("Spread (% a year)").fill("-1")
    page.get_by_role("button", name="Look up").click()
    assert page.get_by_test_id("rate-explanation").inner_text().startswith("Prime (WSJ) 7.25% - 1.00% = 6.25%")
    assert prime.values.count() == 2
