"""The foundation in a real browser: log in, search, find the client's notice address."""

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsel_logs_in_and_finds_roo_group_with_its_notice_address(live_server, browser):
    call_command("load_demo", verbosity=0)
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill("counsel")
    page.get_by_label("Password").fill("covenant-demo")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Search Covenant").fill("ROO Group")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="ROO Group, Inc.").first.click()
    address = page.get_by_test_id("current-address").inner_text()
    assert "62 White Street, Suite 3A" in address
    assert "Fax No.: (646) 619-4074" in address
    page.close()


def test_a_form_error_is_announced_next_to_its_field(live_server, browser):
    call_command("load_demo", verbosity=0)
    assert User.objects.filter(username="counsel").exists()
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/parties/new/")
    page.get_by_label("Username").fill("counsel")
    page.get_by_label("Password").fill("covenant-demo")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Save").click()  # the browser blocks an empty required field
    assert page.url.endswith("/parties/new/")
    page.get_by_label("Legal name").fill("   ")
    page.get_by_role("button", name="Save").click()
    error = page.locator("#error_1_id_legal_name")
    assert "This field is required." in error.inner_text()
    page.close()
