from datetime import date

import pytest
from icalendar import Calendar

from deadlines.ics import calendar_token_regenerate
from deadlines.models import Obligation
from tests.deadlines.factories import ObligationFactory

pytestmark = pytest.mark.django_db


def test_counsel_creates_a_deadline_rolled_to_a_business_day_through_the_api(api_as, counsel, matter):
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "Deliver quarterly statements", "kind": "reporting",
        "nominal_due_date": "2026-07-04", "business_day_convention": "following"}, format="json")
    assert response.status_code == 201
    assert (response.json()["nominal_due_date"], response.json()["due_date"]) == ("2026-07-04", "2026-07-06")


def test_a_deadline_without_a_date_is_refused_with_the_field_named(api_as, counsel, matter):
    response = api_as(counsel).post("/api/v1/obligations/", {"matter": matter.pk, "title": "x"}, format="json")
    assert response.status_code == 400
    assert "nominal_due_date" in response.json()
    assert Obligation.objects.count() == 0


def test_the_obligations_api_filters_by_matter_status_and_dates(api_as, counsel, matter):
    ObligationFactory(matter=matter, due_date=date(2026, 6, 1))
    ObligationFactory(matter=matter, due_date=date(2026, 9, 1))
    body = api_as(counsel).get(f"/api/v1/obligations/?matter={matter.pk}&status=open&due_before=2026-07-01").json()
    assert [o["due_date"] for o in body["results"]] == ["2026-06-01"]


def test_complete_through_the_api_records_who(api_as, counsel, matter):
    obligation = ObligationFactory(matter=matter)
    response = api_as(counsel).post(f"/api/v1/obligations/{obligation.pk}/complete/", {"evidence": "Filed"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["completed_by_name"]) == ("done", "casey")


def test_the_cfo_cannot_complete_and_an_outsider_cannot_see(api_as, cfo, outsider, matter):
    obligation = ObligationFactory(matter=matter)
    assert api_as(cfo).post(f"/api/v1/obligations/{obligation.pk}/complete/", {}, format="json").status_code == 403
    assert api_as(outsider).get(f"/api/v1/obligations/{obligation.pk}/").status_code == 404


def test_waiving_needs_a_reason_shown_to_the_user(client_as, counsel, matter):
    obligation = ObligationFactory(matter=matter)
    response = client_as(counsel).post(f"/deadlines/{obligation.pk}/waive/", {"comment": ""}, follow=True)
    assert "Say why the obligation is waived." in response.content.decode()
    obligation.refresh_from_db()
    assert obligation.status == "open"


def test_my_deadlines_and_the_month_calendar_show_what_the_user_may_see(client_as, counsel, matter):
    ObligationFactory(matter=matter, title="File the UCC-1", due_date=date(2026, 11, 30))
    client = client_as(counsel)
    assert "File the UCC-1" in client.get("/deadlines/").content.decode()
    assert "File the UCC-1" in client.get("/deadlines/calendar/?year=2026&month=11").content.decode()


def test_the_private_feed_lists_every_visible_obligation_with_stable_uids_and_alarms(client, counsel, matter):
    obligation = ObligationFactory(matter=matter, title="Maturity")
    token = calendar_token_regenerate(user=counsel)
    calendar = Calendar.from_ical(client.get(f"/calendar/feed/{token}.ics").content)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"obligation-{obligation.pk}@covenant"]
    assert events[0].decoded("dtstart") == date(2026, 6, 12)
    assert len(events[0].walk("VALARM")) == 5
    new_token = calendar_token_regenerate(user=counsel)
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new_token}.ics").status_code == 200


def test_the_per_obligation_ics_raises_its_sequence_on_change(client_as, counsel, matter):
    obligation = ObligationFactory(matter=matter)
    client = client_as(counsel)
    first = Calendar.from_ical(client.get(f"/deadlines/{obligation.pk}.ics").content).walk("VEVENT")[0]
    client.post(f"/deadlines/{obligation.pk}/done/", {"evidence": "sent"})
    second = Calendar.from_ical(client.get(f"/deadlines/{obligation.pk}.ics").content).walk("VEVENT")[0]
    assert (first["sequence"], second["sequence"]) == (0, 1)


def test_critical_kinds_cannot_be_muted(client_as, counsel):
    response = client_as(counsel).post("/deadlines/preferences/", {
        "mode": "digest", "digest_time": "08:00", "time_zone": "America/New_York", "muted_kinds": ["manual", "ucc_lapse"]})
    assert response.status_code == 200
    assert "cannot be muted" in str(response.context["form"].errors["muted_kinds"])


def test_the_outbox_is_for_admins_and_retries_a_failed_reminder(client_as, counsel, admin_user, matter):
    from deadlines.models import Delivery

    obligation = ObligationFactory(matter=matter)
    row = Delivery.objects.create(obligation=obligation, recipient_email="x@example.net", occasion="before:0",
                                  due_at=obligation.created_at, status="failed", attempts=5, message_id="<m@x>")
    assert client_as(counsel).get("/deadlines/outbox/").status_code == 403
    client = client_as(admin_user)
    assert "x@example.net" in client.get("/deadlines/outbox/").content.decode()
    client.post(f"/deadlines/outbox/{row.pk}/retry/")
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 0)


def test_closing_a_quarterly_deadline_creates_the_next_one(matter, counsel):
    from deadlines.services import obligation_complete

    obligation = ObligationFactory(matter=matter, title="Quarterly statements", recurrence="quarterly",
                                   nominal_due_date=date(2026, 3, 31), due_date=date(2026, 3, 31))
    obligation.assignees.add(counsel)
    obligation_complete(obligation=obligation, by=counsel)
    following = Obligation.objects.exclude(pk=obligation.pk).get()
    assert (following.nominal_due_date, following.due_date, following.status) == (date(2026, 6, 30), date(2026, 6, 30), "open")
    assert list(following.assignees.all()) == [counsel]
