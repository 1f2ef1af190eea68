from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from agreements.models import Agreement
from core.bounds import DATE_OUT_OF_RANGE, DAY_COUNT_OUT_OF_RANGE
from deadlines.models import Obligation
from matters.access import OTHER_MATTER
from notices.models import Notice
from notices.services import notice_dispatch
from tests.factories import MatterFactory, MembershipFactory

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


@override_settings(TIME_ZONE="America/Chicago")
def test_a_notice_counted_in_new_york_keeps_its_new_york_date_on_a_chicago_server(send, deal):
    # Courier: one business day after dispatch. Dispatched Friday Mar 6 in New York: deemed given Monday
    # Mar 9 00:00 New York, which is Sunday Mar 8 23:00 in Chicago.
    body = send(method="courier", time_zone="America/New_York", dispatched_at="2026-03-06T16:00:00-05:00",
                period_days=10).json()
    assert body["deemed_given_at"] == "2026-03-08T23:00:00-05:00"  # the API answers in the server's zone
    notice = Notice.objects.get(pk=body["id"])
    assert notice.deemed_given_at == datetime(2026, 3, 9, tzinfo=NEW_YORK)
    obligation = Obligation.objects.get(source_id=notice.pk, source_key="clock")
    assert obligation.nominal_due_date == date(2026, 3, 19)  # 10 days after Mar 9, not after Mar 8
    assert "after Mar 09, 2026" in obligation.title


@override_settings(TIME_ZONE="America/Chicago")
def test_a_notice_takes_the_firms_zone_when_none_is_given(send):
    body = send(method="courier", dispatched_at="2026-03-06T16:00:00-06:00").json()
    assert body["time_zone"] == "America/Chicago"
    assert Notice.objects.get(pk=body["id"]).deemed_given_at == datetime(2026, 3, 9, tzinfo=ZoneInfo("America/Chicago"))


def test_an_unknown_zone_is_refused_naming_the_field(send):
    response = send(time_zone="Mars/Olympus_Mons")
    assert response.status_code == 400
    assert "time_zone" in response.json()
    assert Notice.objects.count() == 0


def test_a_cure_period_ending_on_a_sunday_rolls_to_monday(send):
    body = send(method="personal", delivered_at="2026-03-02T15:00:00-05:00", period_days=13).json()  # Mar 15 is a Sunday
    obligation = Obligation.objects.get(source_id=body["id"], source_key="clock")
    assert (obligation.nominal_due_date, obligation.due_date) == (date(2026, 3, 15), date(2026, 3, 16))


def test_a_cure_period_the_clause_does_not_move_stays_on_the_sunday(send):
    body = send(method="personal", delivered_at="2026-03-02T15:00:00-05:00", period_days=13,
                business_day_convention="none").json()
    assert Obligation.objects.get(source_id=body["id"], source_key="clock").due_date == date(2026, 3, 15)


def test_a_cure_period_of_billions_of_days_and_a_dispatch_in_year_1000_are_refused(send):
    assert send(period_days=2147483647).json()["period_days"] == [DAY_COUNT_OUT_OF_RANGE]
    assert send(dispatched_at="1000-01-01T10:00:00-05:00").json()["dispatched_at"] == [DATE_OUT_OF_RANGE]
    assert Notice.objects.count() == 0


def test_the_service_refuses_an_agreement_of_another_matter(deal, matter):
    other = MatterFactory()
    with pytest.raises(ValidationError) as raised:
        notice_dispatch(matter=other, agreement=deal["agreement"], by=None, data={
            "sender": deal["lender"], "recipient": deal["borrower"], "method": "personal",
            "dispatched_at": datetime(2026, 3, 2, 10, tzinfo=NEW_YORK)})
    assert raised.value.message_dict == {"agreement": [OTHER_MATTER.format(label="agreement", pk=deal["agreement"].pk)]}


def test_the_page_refuses_an_agreement_of_another_matter_like_a_missing_one(client_as, counsel, deal, matter):
    other = MatterFactory()
    MembershipFactory(matter=other, user=counsel)
    foreign = Agreement.objects.create(matter=other, kind="note_purchase", title="Other NPA")
    form = {"sender": deal["lender"].pk, "recipient": deal["borrower"].pk, "kind": "general", "method": "personal",
            "dispatched_at": "2026-03-02T10:00", "time_zone": "America/New_York", "business_day_convention": "following"}
    client = client_as(counsel)
    foreign_errors = client.post(f"/notices/matter/{matter.pk}/new/", {**form, "agreement": foreign.pk}).context["form"].errors
    missing_errors = client.post(f"/notices/matter/{matter.pk}/new/", {**form, "agreement": 999999}).context["form"].errors
    assert foreign_errors["agreement"] == missing_errors["agreement"]
    assert Notice.objects.count() == 0


def test_the_page_shows_a_field_error_for_a_date_out_of_range(client_as, counsel, deal, matter):
    response = client_as(counsel).post(f"/notices/matter/{matter.pk}/new/", {
        "agreement": deal["agreement"].pk, "sender": deal["lender"].pk, "recipient": deal["borrower"].pk,
        "kind": "general", "method": "personal", "dispatched_at": "9996-01-01T10:00", "time_zone": "America/New_York",
        "business_day_convention": "following", "period_days": "2147483647"})
    assert response.status_code == 400
    assert response.context["form"].errors["dispatched_at"] == [DATE_OUT_OF_RANGE]
    assert response.context["form"].errors["period_days"] == [DAY_COUNT_OUT_OF_RANGE]


@time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=NEW_YORK), tick=False)
def test_the_page_reads_typed_times_in_the_notices_zone(client_as, counsel, deal, matter):
    with override_settings(TIME_ZONE="America/Chicago"):
        response = client_as(counsel).post(f"/notices/matter/{matter.pk}/new/", {
            "agreement": deal["agreement"].pk, "sender": deal["lender"].pk, "recipient": deal["borrower"].pk,
            "kind": "general", "method": "personal", "dispatched_at": "2026-03-02T09:00",
            "delivered_at": "2026-03-02T11:00", "time_zone": "America/New_York", "business_day_convention": "following"})
    assert response.status_code == 302
    assert Notice.objects.get().deemed_given_at == datetime(2026, 3, 2, 11, tzinfo=NEW_YORK)
