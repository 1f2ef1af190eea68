"""Counsel records the seed's UCC-1 and is refused an early continuation, in a real browser."""

import pytest
from django.core.management import call_command

from security_interests.models import FinancingStatement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsel_records_the_ucc1_and_sees_an_early_continuation_refused_at_its_field(live_server, browser):
    call_command("load_demo", verbosity=0)
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/matters/")
    page.get_by_label("Username").fill("counsel")
    page.get_by_label("Password").fill("covenant-demo")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="ROO Group, Inc.: $600,000 secured note to Robert Petty, May 2005").first.click()
    page.get_by_role("link", name="Security").click()
    assert "No UCC-1 recorded" in page.content()
    page.get_by_role("link", name="Record a UCC-1 filing").first.click()
    assert page.get_by_label("Filing office").input_value() == "Delaware"
    page.get_by_label("File number").fill("2005 4101234")
    page.get_by_label("Filing date").fill("2005-05-20")
    page.get_by_role("button", name="Record filing").click()
    assert "lapses on May 20, 2010" in page.content()
    page.get_by_role("link", name="Record a UCC-3").click()
    page.get_by_label("Kind").select_option("continuation")
    page.get_by_label("Filing date").fill("2009-11-19")
    page.get_by_role("button", name="Record amendment").click()
    error = page.locator("#error_1_id_filing_date")
    assert "9-515(d)" in error.inner_text()
    assert "November 20, 2009" in error.inner_text()
    assert FinancingStatement.objects.get(file_number="2005 4101234").lapse_date.isoformat() == "2010-05-20"
    page.close()
