"""Email links: opening one (GET or HEAD, as mail-security scanners do) changes nothing; the
confirmation page's POST acts; a used link shows who used it and when, with an undo for 24 hours."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines.links import action_url
from deadlines.models import EmailActionUse, Obligation, ObligationStatus, Snooze
from tests.deadlines.factories import ObligationFactory

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def _path(obligation, action="done", email="holder@example.net"):
    url = action_url(obligation_id=obligation.pk, email=email, action=action)
    return url[url.index("/a/"):]


def test_opening_a_mark_done_link_with_get_or_head_changes_nothing(client, matter):
    obligation = ObligationFactory(matter=matter, kind="note_maturity", critical=True)
    path = _path(obligation)
    page = client.get(path)
    head = client.head(path)
    assert (page.status_code, head.status_code) == (200, 200)
    assert "Nothing has changed yet" in page.content.decode()
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN
    assert EmailActionUse.objects.count() == 0


def test_opening_a_snooze_link_with_get_or_head_changes_nothing(client, matter):
    obligation = ObligationFactory(matter=matter)
    path = _path(obligation, action="snooze")
    client.get(path)
    client.head(path)
    assert Snooze.objects.count() == 0
    assert EmailActionUse.objects.count() == 0


def test_the_confirmation_post_marks_done_and_the_link_then_shows_who_and_when(client, matter):
    obligation = ObligationFactory(matter=matter)
    path = _path(obligation)
    with time_machine.travel(datetime(2026, 6, 10, 9, 30, tzinfo=NY), tick=False):
        assert client.post(path).status_code == 200
        page = client.get(path).content.decode()
    obligation.refresh_from_db()
    assert (obligation.status, obligation.completed_by_name) == (ObligationStatus.DONE, "holder@example.net")
    assert "This link was used by holder@example.net on Wed 10 Jun 2026 09:30" in page
    assert 'data-testid="undo"' in page


def test_the_person_who_used_the_link_can_undo_it_within_24_hours(client, matter):
    obligation = ObligationFactory(matter=matter)
    path = _path(obligation)
    with time_machine.travel(datetime(2026, 6, 10, 9, tzinfo=NY), tick=False):
        client.post(path)
    with time_machine.travel(datetime(2026, 6, 11, 8, tzinfo=NY), tick=False):
        response = client.post(path, {"undo": "1"})
    assert response.status_code == 200
    assert "Undone on Thu 11 Jun 2026" in response.content.decode()
    obligation.refresh_from_db()
    assert (obligation.status, obligation.completed_by_name, obligation.completed_at) == (ObligationStatus.OPEN, "", None)


def test_an_undo_after_24_hours_is_refused_and_changes_nothing(client, matter):
    obligation = ObligationFactory(matter=matter)
    path = _path(obligation)
    with time_machine.travel(datetime(2026, 6, 10, 9, tzinfo=NY), tick=False):
        client.post(path)
    with time_machine.travel(datetime(2026, 6, 11, 9, 1, tzinfo=NY), tick=False):
        page = client.get(path).content.decode()
        response = client.post(path, {"undo": "1"})
    assert 'data-testid="undo"' not in page
    assert response.status_code == 410
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.DONE


def test_undoing_a_recurring_deadline_withdraws_the_next_occurrence_it_created(client, matter):
    obligation = ObligationFactory(matter=matter, recurrence="quarterly", nominal_due_date=date(2027, 3, 31),
                                   due_date=date(2027, 3, 31))
    path = _path(obligation)
    client.post(path)
    following = Obligation.objects.exclude(pk=obligation.pk).get()
    client.post(path, {"undo": "1"})
    following.refresh_from_db()
    obligation.refresh_from_db()
    assert (obligation.status, following.status) == (ObligationStatus.OPEN, ObligationStatus.SUPERSEDED)


def test_undoing_a_snooze_resumes_the_reminders(client, matter):
    obligation = ObligationFactory(matter=matter)
    path = _path(obligation, action="snooze")
    client.post(path)
    assert Snooze.objects.count() == 1
    client.post(path, {"undo": "1"})
    assert Snooze.objects.count() == 0
