"""The closing checklist from the keyboard (static/js/checklist-keys.js): counsel moves between
rows with j/k and sets a status with one key, through the row's own inline form; the CFO, who
edits nothing, gets neither the hint nor the keys."""

import pytest

from closings.models import Deliverable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = "document.activeElement.id"


def test_counsel_presses_j_twice_and_r_and_the_second_row_is_received_in_the_page_and_the_database(
        live_server, login_page, counsel, deal):
    page = login_page(counsel)
    page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    progress = page.get_by_test_id("checklist-progress")
    before = progress.locator("strong").inner_text()
    second = page.locator("tr[data-checklist-row]").nth(1).get_attribute("id")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate(FOCUSED) == second
    page.keyboard.press("r")
    page.locator(f"#{second} small", has_text="by casey").wait_for()
    assert page.locator(f"#{second} select[name=status]").input_value() == "received"
    assert Deliverable.objects.get(pk=second.removeprefix("deliverable-")).status == "received"
    assert (before, progress.locator("strong").inner_text()) == ("0 of 3", "1 of 3")
    assert page.evaluate(FOCUSED) == second  # focus comes back to the swapped-in row
    assert page.get_by_test_id("checklist-keys-hint").is_visible()


def test_a_key_typed_in_a_field_is_text_and_w_asks_for_the_reason_before_saving(live_server, login_page, counsel, deal):
    page = login_page(counsel)
    page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    first = page.locator("tr[data-checklist-row]").first
    reason = first.locator("input[name=waiver_reason]")
    reason.press("r")
    reason.press("k")
    assert (reason.input_value(), first.locator("select[name=status]").input_value()) == ("rk", "outstanding")
    reason.fill("")
    page.locator("h2").first.click()
    page.keyboard.press("j")
    page.keyboard.press("w")
    page.keyboard.type("Delivered at signing")
    page.keyboard.press("Enter")
    row_id = first.get_attribute("id")
    page.locator(f"#{row_id} small", has_text="by casey").wait_for()
    item = Deliverable.objects.get(pk=row_id.removeprefix("deliverable-"))
    assert (item.status, item.waiver_reason) == ("waived", "Delivered at signing")


def test_the_cfo_gets_no_keyboard_hint_and_the_keys_change_nothing(live_server, login_page, cfo, deal):
    page = login_page(cfo)
    page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    for key in ("j", "j", "r", "w"):
        page.keyboard.press(key)
    assert page.get_by_test_id("checklist-keys-hint").count() == 0
    assert page.locator("tr[data-checklist-row], script[src*='checklist-keys']").count() == 0
    assert set(Deliverable.objects.filter(closing=deal["closing"]).values_list("status", flat=True)) == {"outstanding"}
