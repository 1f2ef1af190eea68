"""Counsel record a real mail clause in Chromium, choosing every value in words, and read it back."""

import pytest

from tests.factories import PartyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsel_enter_an_earlier_of_mail_rule_in_the_browser_and_it_reads_back_as_the_clause(
        live_server, login_page, counsel, matter):
    bank = PartyFactory(legal_name="Wells Fargo Bank, National Association")
    page = login_page(counsel)
    page.goto(f"{live_server.url}/agreements/matter/{matter.pk}/new/")
    page.get_by_label("Title").fill("Credit Agreement")
    page.get_by_label("Kind").select_option(label="Other")
    page.locator('[name="parties-0-party"]').select_option(label=bank.legal_name)
    page.locator('[name="parties-0-role"]').select_option(label="Holder")
    page.locator('[name="rules-0-method"]').select_option(label="First-class mail")
    page.locator('[name="rules-0-method_words"]').fill("sent by mail, first class and postage prepaid")
    page.locator('[name="rules-0-deemed_given"]').select_option(label="Upon receipt")
    page.locator('[name="rules-0-combine"]').select_option(label="The earlier of the two")
    page.locator('[name="rules-0-also_deemed_given"]').select_option(label="A number of days after dispatch")
    page.locator('[name="rules-0-also_offset_days"]').fill("3")
    page.locator('[name="rules-0-clause"]').fill("§7.2")
    page.get_by_label("Business days: every one of these calendars is open").select_option(
        label=["New York banks (Federal Reserve holidays)", "U.S. state: Washington"])
    page.get_by_role("button", name="Save agreement").click()
    page.get_by_test_id("rules-read-back").wait_for()
    assert page.get_by_test_id("rules-read-back").inner_text() == (
        "Notices sent by mail, first class and postage prepaid are deemed given the earlier of upon receipt and "
        "3 days after dispatch (§7.2).")
    assert "New York banks (Federal Reserve holidays) and U.S. state: Washington" in page.content()
