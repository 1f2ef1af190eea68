import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, live_server, username):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("covenant-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_counsel_records_a_payment_and_the_cfo_totals_change(live_server, browser):
    from notes.models import Note

    call_command("load_demo", verbosity=0)
    note = Note.objects.filter(title="Senior Secured Note No. 3").get()
    cfo = _login(browser, live_server, "cfo")
    # The demo CFO belongs to ROO Group; give the current matter's client a CFO view through admin-free setup:
    from accounts.models import User

    User.objects.filter(username="cfo").update(company=note.matter.client)
    cfo.goto(f"{live_server.url}/notes/")
    before = cfo.get_by_test_id(f"total-principal-{note.currency}").inner_text()
    counsel = _login(browser, live_server, "counsel")
    counsel.goto(f"{live_server.url}/notes/{note.pk}/")
    counsel.get_by_label("Kind").select_option("prepayment")
    counsel.get_by_label("Date").fill(note.transactions.order_by("-date").first().date.isoformat())
    counsel.get_by_label("Amount").fill("50000")
    counsel.get_by_role("button", name="Record transaction").click()
    counsel.get_by_text("Transaction recorded.").wait_for()
    cfo.reload()
    after = cfo.get_by_test_id(f"total-principal-{note.currency}").inner_text()
    assert before != after
    principal_before = float(before.removeprefix(f"{note.currency} ").replace(",", ""))
    principal_after = float(after.removeprefix(f"{note.currency} ").replace(",", ""))
    assert 0 < principal_before - principal_after <= 50000
