from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail, signing

from deadlines import delivery
from deadlines.links import action_url, make_token
from deadlines.models import Delivery, DeliveryStatus, ObligationStatus, ReminderPreference
from deadlines.reminders import Policy, occasion_for
from tests.deadlines.factories import ObligationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=NY)


def test_the_nearest_reached_offset_applies_and_overdue_days_each_get_one():
    due = date(2026, 6, 12)
    assert occasion_for(due, date(2026, 5, 1), Policy()) is None
    assert occasion_for(due, date(2026, 5, 13), Policy()) == "before:30:2026-06-12"
    assert occasion_for(due, date(2026, 6, 7), Policy()) == "before:7:2026-06-12"
    assert occasion_for(due, date(2026, 6, 12), Policy()) == "before:0:2026-06-12"
    assert occasion_for(due, date(2026, 6, 14), Policy()) == "overdue:2026-06-14"


def test_a_sweep_creates_one_row_per_recipient_and_running_it_again_creates_none(matter, counsel):
    obligation = ObligationFactory(matter=matter, watcher_emails=["holders-counsel@example.net"])
    obligation.assignees.add(counsel)
    with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
        assert delivery.sweep() == 2
        assert delivery.sweep() == 0
    rows = sorted(Delivery.objects.values_list("recipient_email", "occasion"))
    assert rows == [("casey@example.org", "before:7:2026-06-12"), ("holders-counsel@example.net", "before:7:2026-06-12")]
    assert len(set(Delivery.objects.values_list("message_id", flat=True))) == 2


def test_an_obligation_with_nobody_assigned_reminds_the_lead_counsel(matter, counsel):
    ObligationFactory(matter=matter)
    with time_machine.travel(_at(date(2026, 6, 11)), tick=False):
        delivery.sweep()
    assert list(Delivery.objects.values_list("recipient_email", "occasion")) == [("casey@example.org", "before:1:2026-06-12")]


def test_an_overdue_obligation_is_escalated_to_lead_counsel_and_admins(matter, counsel, admin_user):
    with time_machine.travel(_at(date(2026, 6, 1)), tick=False):
        obligation = ObligationFactory(matter=matter, watcher_emails=["x@example.net"])
    with time_machine.travel(_at(date(2026, 6, 13)), tick=False):
        delivery.sweep()
    escalations = sorted(Delivery.objects.filter(kind="escalation").values_list("recipient_email", flat=True))
    assert escalations == ["ada@example.org", "casey@example.org"]
    assert Delivery.objects.filter(obligation=obligation, occasion="overdue:2026-06-13").count() == 1


def test_a_digest_user_gets_no_immediate_reminder_and_a_muted_non_critical_kind_is_skipped(matter):
    digest_user, muting_user = UserFactory(), UserFactory()
    ReminderPreference.objects.create(user=digest_user, mode="digest")
    ReminderPreference.objects.create(user=muting_user, muted_kinds=["manual", "ucc_lapse"])
    manual = ObligationFactory(matter=matter)
    lapse = ObligationFactory(matter=matter, kind="ucc_lapse", critical=True)
    for obligation in (manual, lapse):
        obligation.assignees.add(digest_user, muting_user)
    with time_machine.travel(_at(date(2026, 6, 12)), tick=False):
        delivery.sweep()
    reminders = Delivery.objects.filter(kind="reminder")
    assert list(reminders.values_list("obligation_id", "recipient_email")) == [(lapse.pk, muting_user.email)]


def test_a_claimed_row_is_sent_with_its_fixed_message_id_and_recorded(matter, counsel):
    obligation = ObligationFactory(matter=matter, title="Continuation of UCC-1 2005-1234567", clause="UCC 9-515(d)")
    obligation.assignees.add(counsel)
    with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
        delivery.sweep()
        row = Delivery.objects.get()
        assert delivery.claim(row.pk) is True
        assert delivery.claim(row.pk) is False
        assert delivery.send_claimed(row.pk) == "sent"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    message = mail.outbox[0]
    assert message.extra_headers["Message-ID"] == row.message_id
    assert message.subject == "Due in 7 days (Fri 12 Jun 2026): Continuation of UCC-1 2005-1234567 - ROO Group / Petty"
    assert "Why: UCC 9-515(d)" in message.body
    assert "/a/" in message.body


def test_a_send_failure_is_retried_with_backoff_and_then_failed(matter, counsel, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    ObligationFactory(matter=matter).assignees.add(counsel)
    with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
        delivery.sweep()
    row = Delivery.objects.get()
    for _ in range(delivery.MAX_ATTEMPTS):
        Delivery.objects.filter(pk=row.pk).update(next_attempt_at=None)
        assert delivery.claim(row.pk)
        assert delivery.send_claimed(row.pk) == "retry"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, delivery.MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in row.last_error


def test_the_reaper_returns_rows_whose_worker_died(matter, counsel):
    ObligationFactory(matter=matter).assignees.add(counsel)
    with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
        delivery.sweep()
    row = Delivery.objects.get()
    delivery.claim(row.pk)
    Delivery.objects.filter(pk=row.pk).update(claimed_at=row.created_at - timedelta(hours=1))
    assert delivery.reap() == 1
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING


def test_the_mark_done_link_works_once_without_login_and_records_who(client, matter):
    obligation = ObligationFactory(matter=matter)
    url = action_url(obligation_id=obligation.pk, email="outside@example.net", action="done")
    path = url[url.index("/a/"):]
    first = client.post(path)
    assert first.status_code == 200
    obligation.refresh_from_db()
    assert (obligation.status, obligation.completed_by_name) == (ObligationStatus.DONE, "outside@example.net")
    again = client.post(path)
    assert again.status_code == 410
    assert "Nothing was changed" in again.content.decode()


def test_a_tampered_link_changes_nothing(client, matter):
    obligation = ObligationFactory(matter=matter)
    token = make_token(obligation_id=obligation.pk, email="a@example.net", action="done")
    response = client.get(f"/a/{token[:-3]}xyz/")
    assert response.status_code == 400
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN


def test_an_expired_link_changes_nothing(client, matter):
    obligation = ObligationFactory(matter=matter)
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=NY), tick=False):
        token = make_token(obligation_id=obligation.pk, email="a@example.net", action="done")
    with time_machine.travel(datetime(2026, 6, 9, tzinfo=NY), tick=False):
        response = client.get(f"/a/{token}/")
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN


def test_the_snooze_link_pauses_that_recipients_reminders_for_a_week(client, matter):
    with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
        obligation = ObligationFactory(matter=matter, watcher_emails=["a@example.net"])
        token = make_token(obligation_id=obligation.pk, email="a@example.net", action="snooze")
        assert client.post(f"/a/{token}/").status_code == 200
        assert delivery.sweep() == 0
    with time_machine.travel(_at(date(2026, 6, 13)), tick=False):
        assert delivery.sweep() >= 1


def test_signing_rejects_a_link_for_another_salt():
    with pytest.raises(signing.BadSignature):
        from deadlines.links import read_token

        read_token(signing.TimestampSigner(salt="other").sign_object({"o": 1}))


def test_a_digest_user_gets_one_digest_a_day_at_their_local_time_grouped_by_matter(matter, counsel):
    counsel.time_zone = "Europe/London"
    counsel.save()
    ReminderPreference.objects.create(user=counsel, mode="digest", digest_time="08:00")
    ObligationFactory(matter=matter, title="File UCC-3", due_date=date(2026, 6, 20))
    ObligationFactory(matter=matter, title="Overdue certificate", due_date=date(2026, 6, 1))
    with time_machine.travel(datetime(2026, 6, 10, 7, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        delivery.sweep()
        assert not Delivery.objects.filter(kind="digest").exists()
    with time_machine.travel(datetime(2026, 6, 10, 8, 5, tzinfo=ZoneInfo("Europe/London")), tick=False):
        delivery.sweep()
        delivery.sweep()
        digest = Delivery.objects.get(kind="digest")
        assert delivery.claim(digest.pk)
        assert delivery.send_claimed(digest.pk) == "sent"
    message = mail.outbox[-1]
    assert message.subject == "Deadlines digest Wed 10 Jun 2026: 1 overdue, 1 due in 30 days"
    assert "ROO Group / Petty\n  - Overdue by 9 days (was due Mon 01 Jun 2026): Overdue certificate" in message.body
    assert "Due in 10 days (Sat 20 Jun 2026): File UCC-3" in message.body


def test_a_batch_of_claimed_reminders_goes_over_one_smtp_connection_with_one_message_id_each(matter, settings):
    from tests.deadlines.smtp import start_smtp

    controller, smtp = start_smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        with time_machine.travel(_at(date(2026, 6, 5)), tick=False):
            ObligationFactory(matter=matter, watcher_emails=[f"p{i}@example.net" for i in range(5)])
            delivery.sweep()
        assert delivery.send_batch(100) == 5
    finally:
        controller.stop()
    assert smtp.greetings == 1
    assert sorted(smtp.message_ids) == sorted(Delivery.objects.values_list("message_id", flat=True))
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
