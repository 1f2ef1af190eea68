"""Deadlines dated from other deadlines, and series counted from a fiscal year end (issue 13 item 4)."""

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import services
from deadlines.models import Obligation, ObligationStatus
from deadlines.recurrence import fiscal_occurrence_date, is_month_end, period_date, periods_between
from tests.deadlines.factories import ObligationFactory
from tests.factories import MatterFactory, PartyFactory

NY = ZoneInfo("America/New_York")


def _ten_k(matter, due=date(2027, 3, 31)):
    return services.obligation_create(matter=matter, data={"title": "File the 10-K", "nominal_due_date": due}, by=None)


def _five_days_after(matter, trigger, **extra):
    return services.obligation_create(matter=matter, data={
        "title": "Deliver the compliance certificate", "trigger": trigger, "trigger_days": 5, **extra}, by=None)


def test_a_deadline_five_days_after_the_10k_counts_from_its_due_date_until_it_is_filed(db):
    matter = MatterFactory()
    certificate = _five_days_after(matter, _ten_k(matter))
    # 31 Mar 2027 (Wednesday) + 5 days = Monday 5 April 2027.
    assert (certificate.nominal_due_date, certificate.due_date) == (date(2027, 4, 5), date(2027, 4, 5))


@time_machine.travel(datetime(2027, 3, 24, 15, 0, tzinfo=NY), tick=False)
def test_it_moves_to_five_days_after_the_day_the_10k_is_filed(db):
    matter = MatterFactory()
    ten_k = _ten_k(matter)
    certificate = _five_days_after(matter, ten_k)
    services.obligation_complete(obligation=ten_k, by_name="Counsel", evidence="EDGAR accession 0001")
    certificate.refresh_from_db()
    # Filed Wednesday 24 March 2027; + 5 days = Monday 29 March 2027.
    assert certificate.due_date == date(2027, 3, 29)
    assert certificate.sequence == 1


def test_business_days_after_a_trigger_skip_weekends_and_holidays(db):
    matter = MatterFactory()
    ten_k = _ten_k(matter, due=date(2027, 5, 28))
    certificate = _five_days_after(matter, ten_k, trigger_business_days=True)
    # Fri 28 May 2027; business days: Tue 1 Jun (Mon 31 May is Memorial Day), Wed 2, Thu 3, Fri 4, Mon 7 June.
    assert certificate.due_date == date(2027, 6, 7)


@time_machine.travel(datetime(2027, 3, 24, 15, 0, tzinfo=NY), tick=False)
def test_reopening_the_trigger_moves_the_deadline_back_to_its_due_date(db):
    matter = MatterFactory()
    ten_k = _ten_k(matter)
    certificate = _five_days_after(matter, ten_k)
    services.obligation_complete(obligation=ten_k, by_name="Counsel")
    services.obligation_reopen(obligation=ten_k)
    certificate.refresh_from_db()
    assert certificate.due_date == date(2027, 4, 5)


@time_machine.travel(datetime(2027, 3, 24, 15, 0, tzinfo=NY), tick=False)
def test_a_chain_moves_down_every_open_link(db):
    matter = MatterFactory()
    ten_k = _ten_k(matter)
    certificate = _five_days_after(matter, ten_k)
    review = services.obligation_create(matter=matter, data={
        "title": "Lender reviews the certificate", "trigger": certificate, "trigger_days": 10}, by=None)
    # Until the 10-K is filed: 31 Mar + 5 = 5 Apr, + 10 = 15 Apr 2027.
    assert review.due_date == date(2027, 4, 15)
    services.obligation_complete(obligation=ten_k, by_name="Counsel")
    review.refresh_from_db()
    # Filed 24 Mar: certificate 29 Mar, review 8 Apr 2027.
    assert review.due_date == date(2027, 4, 8)
    assert [link.title for link in services.trigger_chain(review)] == ["File the 10-K", "Deliver the compliance certificate"]


@time_machine.travel(datetime(2027, 3, 24, 15, 0, tzinfo=NY), tick=False)
def test_a_recomputation_never_changes_a_deadline_a_person_completed(db):
    matter = MatterFactory()
    ten_k = _ten_k(matter)
    certificate = _five_days_after(matter, ten_k)
    services.obligation_complete(obligation=certificate, by_name="CFO", evidence="Delivered by email")
    services.obligation_complete(obligation=ten_k, by_name="Counsel")
    certificate.refresh_from_db()
    assert (certificate.status, certificate.due_date, certificate.evidence) == (
        ObligationStatus.DONE, date(2027, 4, 5), "Delivered by email")


def test_a_deadline_cannot_be_dated_from_another_matters_deadline(db):
    other = _ten_k(MatterFactory())
    with pytest.raises(ValidationError) as error:
        _five_days_after(MatterFactory(), other)
    assert "trigger" in error.value.message_dict


def test_a_synced_spec_dated_from_an_earlier_spec_moves_when_the_source_moves_it(db):
    matter = MatterFactory()
    source = PartyFactory()

    def specs(due):
        return [services.ObligationSpec(key="statements", title="Annual statements", kind="reporting", nominal_due_date=due),
                services.ObligationSpec(key="certificate", title="Certificate", kind="reporting", trigger_key="statements",
                                        trigger_days=5)]

    services.obligations_sync(matter=matter, source=source, specs=specs(date(2027, 3, 31)))
    services.obligations_sync(matter=matter, source=source, specs=specs(date(2027, 4, 30)))
    certificate = Obligation.objects.get(source_key="certificate")
    # 30 Apr 2027 + 5 days = Wednesday 5 May 2027.
    assert (certificate.due_date, certificate.trigger.source_key) == (date(2027, 5, 5), "statements")


def test_moving_a_synced_trigger_moves_a_deadline_dated_from_it_by_hand(db):
    matter = MatterFactory()
    source = PartyFactory()
    spec = services.ObligationSpec(key="10k", title="10-K", kind="reporting", nominal_due_date=date(2027, 3, 31))
    (ten_k,) = services.obligations_sync(matter=matter, source=source, specs=[spec])
    certificate = _five_days_after(matter, ten_k)
    moved = services.ObligationSpec(key="10k", title="10-K", kind="reporting", nominal_due_date=date(2027, 4, 15))
    services.obligations_sync(matter=matter, source=source, specs=[moved])
    certificate.refresh_from_db()
    # Thursday 15 Apr 2027 + 5 = Tuesday 20 April 2027.
    assert certificate.due_date == date(2027, 4, 20)


def test_45_days_after_each_fiscal_quarter_end_and_90_after_the_year_end():
    dates = [fiscal_occurrence_date(date(2026, 12, 31), recurrence="quarterly", n=n, days_after=45,
                                    year_end_days_after=90) for n in range(1, 6)]
    # 31 Mar + 45 = 15 May; 30 Jun + 45 = 14 Aug; 30 Sep + 45 = 14 Nov; 31 Dec + 90 = 30 Mar 2028 (2028 is a
    # leap year: Jan 31 + Feb 29 + Mar 30 = 90); 31 Mar 2028 + 45 = 15 May 2028.
    assert dates == [date(2027, 5, 15), date(2027, 8, 14), date(2027, 11, 14), date(2028, 3, 30), date(2028, 5, 15)]


def test_a_fiscal_year_ending_30_june_has_its_year_end_occurrence_every_fourth_quarter():
    dates = [fiscal_occurrence_date(date(2026, 6, 30), recurrence="quarterly", n=n, days_after=45,
                                    year_end_days_after=90) for n in (3, 4)]
    # 31 Mar 2027 + 45 = 15 May 2027; 30 Jun 2027 + 90 = 28 Sep 2027.
    assert dates == [date(2027, 5, 15), date(2027, 9, 28)]


def test_a_day_that_is_not_a_period_date_is_no_period_of_the_series():
    assert periods_between(date(2026, 12, 31), date(2027, 9, 30), months=3) == 3
    assert periods_between(date(2026, 12, 31), date(2027, 9, 29), months=3) is None
    assert periods_between(date(2026, 12, 31), date(2027, 8, 31), months=3) is None


def test_a_fiscal_series_counts_from_the_companys_year_end_and_its_next_occurrence_keeps_the_rule(db):
    matter = MatterFactory()
    company = PartyFactory()
    services.fiscal_year_end_set(party=company, month=12, day=31)
    third_quarter = services.obligation_create(matter=matter, by=None, data={
        "title": "Quarterly statements", "kind": "reporting", "responsible_party": company,
        "nominal_due_date": date(2027, 11, 14), "recurrence": "quarterly", "recurrence_days_after": 45,
        "recurrence_year_end_days_after": 90})
    assert (third_quarter.recurrence_anchor, third_quarter.occurrence) == (date(2026, 12, 31), 3)
    services.obligation_complete(obligation=third_quarter, by_name="CFO")
    year_end = Obligation.objects.get(occurrence=4, recurrence_anchor=date(2026, 12, 31))
    # 31 Dec 2027 + 90 days = 30 March 2028 (a Thursday).
    assert year_end.due_date == date(2028, 3, 30)


def test_a_fiscal_series_refuses_a_first_due_date_that_follows_no_quarter_end(db):
    company = PartyFactory()
    services.fiscal_year_end_set(party=company, month=12, day=31)
    with pytest.raises(ValidationError) as error:
        services.obligation_create(matter=MatterFactory(), by=None, data={
            "title": "Quarterly statements", "responsible_party": company, "nominal_due_date": date(2027, 11, 20),
            "recurrence": "quarterly", "recurrence_days_after": 45, "recurrence_year_end_days_after": 90})
    assert "is not a fiscal quarter end" in error.value.message_dict["nominal_due_date"][0]


def test_a_fiscal_year_end_on_31_february_is_refused(db):
    with pytest.raises(ValidationError) as error:
        services.fiscal_year_end_set(party=PartyFactory(), month=2, day=31)
    assert error.value.message_dict["day"] == ["February has at most 28 days."]


def test_the_deadline_page_shows_the_chain_it_came_from(db, client_as, counsel, matter):
    ten_k = _ten_k(matter)
    certificate = _five_days_after(matter, ten_k)
    page = client_as(counsel).get(certificate.get_absolute_url()).content.decode()
    assert "File the 10-K</a>: due March 31, 2027 (open)" in page
    assert "this deadline: 5 days after its due date, until it is completed" in page


def test_the_api_creates_a_deadline_dated_from_another_and_lists_its_chain(db, api_as, counsel, matter):
    ten_k = _ten_k(matter)
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "Certificate", "trigger": ten_k.pk, "trigger_days": 5}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["due_date"], response.json()["chain"][0]["id"]) == ("2027-04-05", ten_k.pk)


def test_the_api_refuses_a_trigger_of_a_matter_the_user_cannot_open(db, api_as, counsel, matter):
    foreign = ObligationFactory()
    response = api_as(counsel).post("/api/v1/obligations/", {
        "matter": matter.pk, "title": "Certificate", "trigger": foreign.pk, "trigger_days": 5}, format="json")
    assert response.status_code == 400
    assert "trigger" in response.json()


@settings(max_examples=200, deadline=None)
@given(year_end=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(
           lambda d: d.replace(day=calendar.monthrange(d.year, d.month)[1])),
       quarter_days=st.integers(min_value=0, max_value=120), year_days=st.integers(min_value=0, max_value=180))
def test_a_fiscal_series_never_drifts_and_uses_the_year_end_days_every_fourth_quarter(year_end, quarter_days, year_days):
    dates = [fiscal_occurrence_date(year_end, recurrence="quarterly", n=n, days_after=quarter_days,
                                    year_end_days_after=year_days) for n in range(100)]
    period_ends = [period_date(year_end, months=3, n=n) for n in range(100)]
    expected = [end + timedelta(days=year_days if n % 4 == 0 else quarter_days) for n, end in enumerate(period_ends)]
    assert dates == expected
    assert all(is_month_end(end) for end in period_ends)
    assert [periods_between(year_end, end, months=3) for end in period_ends] == list(range(100))


def test_counsel_dates_a_deadline_from_another_through_the_form(db, client_as, counsel, matter):
    ten_k = _ten_k(matter)
    response = client_as(counsel).post(f"/deadlines/matter/{matter.pk}/new/", {
        "title": "Deliver the compliance certificate", "kind": "reporting", "trigger": ten_k.pk, "trigger_days": "5",
        "business_day_convention": "following", "recurrence": "none", "recurrence_days_after": "0"})
    certificate = Obligation.objects.get(title="Deliver the compliance certificate")
    assert response.status_code == 302
    assert (certificate.trigger, certificate.due_date) == (ten_k, date(2027, 4, 5))
