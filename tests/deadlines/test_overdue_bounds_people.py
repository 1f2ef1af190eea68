"""Overdue is visible everywhere; dates and counts are bounded; assignees and watchers must be able
to open the matter; nothing past due when recorded floods inboxes."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from core.bounds import DATE_OUT_OF_RANGE, DAY_COUNT_OUT_OF_RANGE
from deadlines import delivery
from deadlines.ics import calendar_for
from deadlines.models import Delivery, Obligation
from deadlines.services import CANNOT_OPEN_MATTER
from tests.deadlines.factories import ObligationFactory

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=NY)


def test_the_matter_tab_lists_overdue_first_marked_overdue_and_done_last(client_as, counsel, matter):
    today = timezone.localdate()
    ObligationFactory(matter=matter, title="Done one", due_date=today - timedelta(days=40), status="done")
    ObligationFactory(matter=matter, title="Upcoming one", due_date=today + timedelta(days=5))
    ObligationFactory(matter=matter, title="Late one", due_date=today - timedelta(days=3))
    page = client_as(counsel).get(f"/deadlines/matter/{matter.pk}/").content.decode()
    assert page.index("Late one") < page.index("Upcoming one") < page.index("Done one")
    assert page.count(">Overdue</span>") == 1


def test_the_api_says_overdue(api_as, counsel, matter):
    today = timezone.localdate()
    late = ObligationFactory(matter=matter, due_date=today - timedelta(days=3))
    body = api_as(counsel).get(f"/api/v1/obligations/{late.pk}/").json()
    assert (body["status"], body["overdue"], body["status_label"]) == ("open", True, "Overdue")


def test_the_calendar_feed_marks_overdue_and_done_events(matter):
    today = timezone.localdate()
    late = ObligationFactory(matter=matter, title="Late", due_date=today - timedelta(days=3))
    done = ObligationFactory(matter=matter, title="Met", due_date=today - timedelta(days=3), status="done")
    events = {e["uid"]: e for e in Calendar.from_ical(calendar_for([late, done])).walk("VEVENT")}
    late_event, done_event = events[f"obligation-{late.pk}@covenant"], events[f"obligation-{done.pk}@covenant"]
    assert (str(late_event["summary"]), str(late_event["x-covenant-status"])) == ("OVERDUE: Late - ROO Group / Petty", "OVERDUE")
    assert (str(done_event["summary"]), str(done_event["x-covenant-status"])) == ("Done: Met - ROO Group / Petty", "COMPLETED")


def test_a_due_date_in_year_9999_is_refused_by_the_api_with_the_field_named(api_as, counsel, matter):
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "x", "nominal_due_date": "9999-12-31"}, format="json")
    assert response.status_code == 400
    assert response.json()["nominal_due_date"] == [DATE_OUT_OF_RANGE]
    assert Obligation.objects.count() == 0


def test_a_window_date_in_year_9999_is_refused_by_the_api(api_as, counsel, matter):
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "x", "window_opens": "2026-01-01", "window_closes": "9999-12-31"}, format="json")
    assert response.status_code == 400
    assert response.json()["window_closes"] == [DATE_OUT_OF_RANGE]


def test_a_huge_or_endless_list_of_reminder_offsets_is_refused_by_the_api(api_as, counsel, matter):
    api = api_as(counsel)
    huge = api.post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "x", "nominal_due_date": "2026-06-01", "reminder_offsets": [2**63]}, format="json")
    many = api.post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "x", "nominal_due_date": "2026-06-01", "reminder_offsets": list(range(100))},
        format="json")
    assert (huge.status_code, many.status_code) == (400, 400)
    assert huge.json()["reminder_offsets"] == {"0": [DAY_COUNT_OUT_OF_RANGE]}
    assert "reminder_offsets" in many.json()
    assert Obligation.objects.count() == 0


def test_the_form_refuses_year_9999_and_a_huge_offset_with_field_errors(client_as, counsel, matter):
    response = client_as(counsel).post(f"/deadlines/matter/{matter.pk}/new/", {
        "title": "x", "kind": "manual", "nominal_due_date": "9999-12-31", "business_day_convention": "none",
        "recurrence": "none", "recurrence_days_after": "0", "reminder_offsets": str(2**63)})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["nominal_due_date"] == [DATE_OUT_OF_RANGE]
    assert DAY_COUNT_OUT_OF_RANGE in str(form.errors["reminder_offsets"])
    assert Obligation.objects.count() == 0


def test_a_stored_date_in_year_9999_does_not_break_the_calendar_feed(client, counsel, matter):
    from deadlines.ics import calendar_token_regenerate

    obligation = ObligationFactory(matter=matter)
    Obligation.objects.filter(pk=obligation.pk).update(due_date=date(9999, 12, 31), nominal_due_date=date(9999, 12, 31))
    token = calendar_token_regenerate(user=counsel)
    response = client.get(f"/calendar/feed/{token}.ics")
    assert response.status_code == 200
    assert b"DTSTART;VALUE=DATE:99991231" in response.content


def test_an_assignee_who_cannot_open_the_matter_and_an_unknown_id_get_the_same_api_error(api_as, counsel, outsider, matter):
    api = api_as(counsel)
    payload = {"matter": matter.pk, "title": "x", "nominal_due_date": "2026-06-01"}
    foreign = api.post("/api/v1/obligations/", {**payload, "assignees": [outsider.pk]}, format="json")
    unknown = api.post("/api/v1/obligations/", {**payload, "watchers": [999999]}, format="json")
    assert (foreign.status_code, unknown.status_code) == (400, 400)
    assert foreign.json()["assignees"] == [CANNOT_OPEN_MATTER.format(pk=outsider.pk)]
    assert unknown.json()["watchers"] == [CANNOT_OPEN_MATTER.format(pk=999999)]
    assert Obligation.objects.count() == 0


def test_the_api_accepts_the_cfo_and_counsel_of_the_matter_as_watchers(api_as, counsel, cfo, matter):
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "x", "nominal_due_date": "2026-06-01", "assignees": [counsel.pk],
        "watchers": [cfo.pk]}, format="json")
    assert response.status_code == 201
    assert (response.json()["assignees"], response.json()["watchers"]) == ([counsel.pk], [cfo.pk])


def test_the_form_offers_only_people_who_can_open_the_matter_and_refuses_others_alike(client_as, counsel, outsider, matter):
    data = {"title": "x", "kind": "manual", "nominal_due_date": "2026-06-01", "business_day_convention": "none",
            "recurrence": "none", "recurrence_days_after": "0"}
    client = client_as(counsel)
    foreign = client.post(f"/deadlines/matter/{matter.pk}/new/", {**data, "assignees": [outsider.pk]})
    unknown = client.post(f"/deadlines/matter/{matter.pk}/new/", {**data, "assignees": [999999]})
    assert str(foreign.context["form"].errors["assignees"]).replace(str(outsider.pk), "N") == \
        str(unknown.context["form"].errors["assignees"]).replace("999999", "N")
    assert "olive" not in client.get(f"/deadlines/matter/{matter.pk}/new/").content.decode()
    assert Obligation.objects.count() == 0


def test_an_obligation_already_past_due_when_recorded_gets_no_overdue_or_escalation_email(matter, counsel, admin_user):
    with time_machine.travel(_at(date(2026, 6, 20)), tick=False):
        ObligationFactory(matter=matter, due_date=date(2005, 3, 31))
        ObligationFactory(matter=matter, due_date=date(2026, 6, 1), remind_when_overdue=True)
        delivery.sweep()
    assert set(Delivery.objects.values_list("obligation__due_date", flat=True)) == {date(2026, 6, 1)}


def test_an_obligation_that_became_overdue_after_it_was_recorded_is_still_escalated(matter, counsel, admin_user):
    with time_machine.travel(_at(date(2026, 6, 1)), tick=False):
        obligation = ObligationFactory(matter=matter, due_date=date(2026, 6, 12))
    with time_machine.travel(_at(date(2026, 6, 14)), tick=False):
        delivery.sweep()
    assert Delivery.objects.filter(obligation=obligation, kind="escalation").count() == 2


def test_loading_the_demo_and_sweeping_sends_nothing_about_what_was_past_when_recorded():
    call_command("load_demo", verbosity=0)
    delivery.sweep()
    today = timezone.localdate()
    assert Obligation.objects.filter(due_date__lt=today, status="open").exists()
    assert list(Delivery.objects.filter(obligation__due_date__lt=today).values_list("occasion", flat=True)) == []


def test_the_month_view_of_year_9999_or_year_1_shows_the_current_month_instead_of_failing(client_as, counsel, matter):
    client = client_as(counsel)
    late = client.get("/deadlines/calendar/?year=9999&month=12")
    early = client.get("/deadlines/calendar/?year=1&month=1")
    assert (late.status_code, early.status_code) == (200, 200)
    assert late.context["first"] == timezone.localdate().replace(day=1)
