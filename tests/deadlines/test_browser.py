"""Counsel sets a deadline for tomorrow with a one-day reminder; a day later the email reaches a
real SMTP server, and its "Mark done" link closes the deadline, which the page credits."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines import delivery
from deadlines.models import Obligation
from tests.deadlines.smtp import start_smtp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NY = ZoneInfo("America/New_York")


def test_the_reminder_arrives_and_its_mark_done_link_closes_the_deadline(live_server, login_page, counsel, matter, settings):
    controller, smtp = start_smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.SITE_URL = live_server.url
    start = datetime(2026, 6, 10, 9, tzinfo=NY)
    try:
        with time_machine.travel(start, tick=True):
            page = login_page(counsel)
            page.goto(f"{live_server.url}/deadlines/matter/{matter.pk}/new/")
            page.get_by_label("Title").fill("Deliver the officer's certificate")
            page.get_by_label("Due date").fill("2026-06-11")
            page.get_by_label("Watcher emails").fill("holders-counsel@example.net")
            page.get_by_label("Reminder offsets").fill("1")
            page.get_by_role("button", name="Save deadline").click()
            page.get_by_text("Deadline saved.").wait_for()
            assert smtp.message_ids == []
        with time_machine.travel(start + timedelta(minutes=2), tick=True):  # the next beat sweep
            delivery.sweep()
            for delivery_id in delivery.due_ids():
                assert delivery.claim(delivery_id)
                assert delivery.send_claimed(delivery_id) == "sent"
            assert smtp.subjects == ["Due tomorrow (Thu 11 Jun 2026): Deliver the officer's certificate - ROO Group / Petty"]
            link = re.search(r"Mark done \(no login needed; works once, for 7 days\): (\S+)", smtp.bodies[0]).group(1)
            outsider = page.context.browser.new_page()
            outsider.goto(link)
            outsider.get_by_role("button", name="Mark done").click()
            outsider.get_by_test_id("used").wait_for()
            assert "Marked done by holders-counsel@example.net." in outsider.content()
            obligation = Obligation.objects.get(title="Deliver the officer's certificate")
            page.goto(f"{live_server.url}/deadlines/{obligation.pk}/")
            status = page.get_by_test_id("status").inner_text()
            assert status.startswith("Done — by holders-counsel@example.net")
    finally:
        controller.stop()
