import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration_rights.models import RegistrationRights

pytestmark = pytest.mark.django_db

TERMS = {"purchase_price": "500500.00", "filing_deadline_days": 30, "effectiveness_deadline_days": 90,
         "effectiveness_deadline_days_if_reviewed": 120, "business_day_convention": "following",
         "liquidated_damages_rate": "1", "liquidated_damages_period_days": 30, "liquidated_damages_cap": "10"}


def _rights(api, matter, closing="2026-06-04", **extra):
    response = api.post("/api/v1/registration-rights/", {"matter": matter.pk, "closing_date": closing, **TERMS, **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _position(api, pk, as_of):
    return api.get(f"/api/v1/registration-rights/{pk}/position/?as_of={as_of}").json()


def test_a_filing_deadline_on_saturday_july_4_rolls_to_monday(api_as, counsel, matter):
    api = api_as(counsel)
    body = _position(api, _rights(api, matter), "2026-06-10")
    assert (body["filing_deadline"], body["effectiveness_deadline"]) == ("2026-07-06", "2026-09-02")


def test_a_deadline_on_thanksgiving_rolls_to_the_friday(api_as, counsel, matter):
    api = api_as(counsel)
    assert _position(api, _rights(api, matter, closing="2026-10-27"), "2026-11-01")["filing_deadline"] == "2026-11-27"


def test_damages_for_a_partial_period(api_as, counsel, matter):
    api = api_as(counsel)
    body = _position(api, _rights(api, matter), "2026-08-20")  # 45 days after the July 6 deadline
    assert (body["days_in_default"], body["liquidated_damages_accrued"], body["cap_remaining"]) == (45, "7507.50", "42542.50")


def test_damages_stop_at_the_cap(api_as, counsel, matter):
    api = api_as(counsel)
    body = _position(api, _rights(api, matter), "2027-12-31")
    assert (body["liquidated_damages_accrued"], body["cap_remaining"]) == ("50050.00", "0.00")


def test_a_filing_cures_the_filing_default(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    assert api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-16"}, format="json").status_code == 201
    body = _position(api, pk, "2026-08-20")
    assert (body["days_in_default"], body["liquidated_damages_accrued"]) == (10, "1668.33")


def test_an_sec_review_switches_to_the_longer_effectiveness_period(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-01"}, format="json")
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "reviewed", "date": "2026-07-20"}, format="json")
    body = _position(api, pk, "2026-10-12")
    assert (body["effectiveness_deadline"], body["days_in_default"]) == ("2026-10-02", 10)


def test_overlapping_defaults_count_each_day_once(api_as, counsel, matter):
    api = api_as(counsel)
    body = _position(api, _rights(api, matter), "2026-09-12")  # filing missed since Jul 6; effectiveness since Sep 2
    assert body["days_in_default"] == 68


def test_an_effective_date_before_the_filing_date_is_refused(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-01"}, format="json")
    response = api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "effective", "date": "2026-06-30"}, format="json")
    assert response.status_code == 400
    assert "date" in response.json()
    assert RegistrationRights.objects.get(pk=pk).events.count() == 1


def test_a_cap_below_one_periods_rate_is_refused_naming_the_field(api_as, counsel, matter):
    response = api_as(counsel).post("/api/v1/registration-rights/", {
        "matter": matter.pk, "closing_date": "2026-06-04", **TERMS, "liquidated_damages_cap": "0.5"}, format="json")
    assert response.status_code == 400
    assert "liquidated_damages_cap" in response.json()
    assert RegistrationRights.objects.count() == 0


def test_deadlines_become_obligations_and_the_filing_one_is_done_when_filed(api_as, counsel, matter):
    from deadlines.models import Obligation

    api = api_as(counsel)
    pk = _rights(api, matter)
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-01"}, format="json")
    rows = {o.source_key: (o.due_date.isoformat(), o.status)
            for o in Obligation.objects.filter(source_id=pk, source_key__in=["filing", "effectiveness"])}
    assert rows == {"filing": ("2026-07-06", "done"), "effectiveness": ("2026-09-02", "open")}


def test_the_cfo_reads_but_cannot_record_events_and_an_outsider_gets_404(api_as, counsel, cfo, outsider, matter):
    pk = _rights(api_as(counsel), matter)
    assert api_as(cfo).get(f"/api/v1/registration-rights/{pk}/position/").status_code == 200
    assert api_as(cfo).post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-01"}, format="json").status_code == 403
    assert api_as(outsider).get(f"/api/v1/registration-rights/{pk}/").status_code == 404


def test_the_portfolio_page_runs_the_same_queries_for_2_and_30_records(client_as, counsel, api_as, matter):
    api = api_as(counsel)
    client = client_as(counsel)
    for _ in range(2):
        _rights(api, matter)
    with CaptureQueriesContext(connection) as few:
        client.get("/registration-rights/")
    for _ in range(28):
        _rights(api, matter)
    with CaptureQueriesContext(connection) as many:
        client.get("/registration-rights/")
    assert len(many) == len(few)


def test_an_open_suspension_must_end_within_the_allowed_days(api_as, counsel, matter):
    from deadlines.models import Obligation

    api = api_as(counsel)
    pk = _rights(api, matter, suspension_days_per_period=20)
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "filed", "date": "2026-07-01"}, format="json")
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "effective", "date": "2026-08-01"}, format="json")
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "suspended", "date": "2026-09-01"}, format="json")
    obligation = Obligation.objects.get(source_id=pk, kind="suspension_end")
    assert obligation.due_date.isoformat() == "2026-09-21"
    api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "resumed", "date": "2026-09-10"}, format="json")
    obligation.refresh_from_db()
    assert (obligation.status, obligation.evidence) == ("done", "Resumed on September 10, 2026.")


def test_a_damages_payment_is_due_at_the_end_of_the_period_in_default(api_as, counsel, matter):
    import time_machine

    from deadlines.models import Obligation

    with time_machine.travel("2026-07-20 12:00:00-04:00", tick=False):
        pk = _rights(api_as(counsel), matter, damages_payable="within 5 business days after each 30-day period")
        obligation = Obligation.objects.get(source_id=pk, kind="damages_payment")
    assert obligation.due_date.isoformat() == "2026-08-05"  # July 7 + 30 days - 1
    assert "within 5 business days" in obligation.clause


def test_resuming_without_a_suspension_is_refused(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    response = api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": "resumed", "date": "2026-09-10"}, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()


def _events(api, pk, *events):
    for kind, when in events:
        response = api.post(f"/api/v1/registration-rights/{pk}/events/", {"kind": kind, "date": when}, format="json")
        assert response.status_code == 201, response.json()


def test_suspended_days_beyond_the_allowance_per_suspension_are_days_in_default(api_as, client_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter, suspension_days_per_period=20)
    _events(api, pk, ("filed", "2026-07-01"), ("effective", "2026-08-01"), ("suspended", "2026-09-01"))
    within = _position(api, pk, "2026-09-20")  # Sep 1-20: the 20 allowed days
    assert (within["suspended_days"], within["suspension_days_in_excess"], within["days_in_default"]) == (20, 0, 0)
    beyond = _position(api, pk, "2026-09-30")  # Sep 21-30 are beyond
    assert (beyond["suspension_days_in_excess"], beyond["days_in_default"], beyond["default_began"]) == (10, 10, "2026-09-21")
    assert beyond["liquidated_damages_accrued"] == "1668.33"  # 500,500 x 1% x 10 / 30
    page = client_as(counsel).get(f"/registration-rights/{pk}/?as_of=2026-09-30").content.decode()
    assert "10 beyond the allowance" in page and "(from Sep 21, 2026)" in page
    _events(api, pk, ("resumed", "2026-09-26"))
    cured = _position(api, pk, "2026-12-31")  # Sep 21-25 in default; the resumption day is not
    assert (cured["suspended_days"], cured["days_in_default"]) == (25, 5)


def test_suspensions_beyond_the_yearly_allowance_count_even_when_each_is_short(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter, suspension_days_per_period=20, suspension_days_per_year=30)
    _events(api, pk, ("filed", "2026-07-01"), ("effective", "2026-08-01"),
             ("suspended", "2026-09-01"), ("resumed", "2026-09-16"),  # 15 days
             ("suspended", "2026-10-01"), ("resumed", "2026-10-16"),  # 15 more: 30, still allowed
             ("suspended", "2026-11-01"), ("resumed", "2026-11-06"),  # 5 beyond the year's 30
             ("suspended", "2027-10-01"), ("resumed", "2027-10-06"))  # a year on: the window has moved
    body = _position(api, pk, "2027-12-31")
    assert (body["suspended_days"], body["suspension_days_in_excess"], body["days_in_default"]) == (40, 5, 5)
    assert body["default_began"] == "2026-11-01"


def test_suspensions_are_not_judged_when_no_allowance_is_recorded(api_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    _events(api, pk, ("filed", "2026-07-01"), ("effective", "2026-08-01"), ("suspended", "2026-09-01"))
    body = _position(api, pk, "2026-12-31")
    assert (body["suspended_days"], body["suspension_days_in_excess"], body["days_in_default"]) == (122, 0, 0)
