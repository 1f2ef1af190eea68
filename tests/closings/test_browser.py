"""Two counsel change the same deliverable in two browsers: the second sees the conflict."""

import pytest

from closings.models import Deliverable
from tests.closings.test_closings import deal  # noqa: F401 - the fixture
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_save_gets_the_conflict_and_the_first_change_survives(live_server, login_page, counsel, matter, deal):  # noqa: F811
    other = UserFactory(username="second")
    MembershipFactory(matter=matter, user=other)
    item = deal["items"][0]
    first, second = login_page(counsel), login_page(other)
    for page in (first, second):
        page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    row = f"#deliverable-{item.pk}"
    first.locator(f"{row} select").select_option("received")
    first.locator(f"{row} button").click()
    first.locator(f"{row} small", has_text="by casey").wait_for()
    second.locator(f"{row} select").select_option("waived")
    second.locator(f"{row} input[name=waiver_reason]").fill("Not needed")
    second.locator(f"{row} button").click()
    conflict = second.get_by_test_id("conflict")
    conflict.wait_for()
    assert "changed this deliverable first" in conflict.inner_text()
    assert Deliverable.objects.get(pk=item.pk).status == "received"
