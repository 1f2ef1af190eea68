"""Business-day calendars as agreements name them: several at once, U.S. states, London, TARGET2,
each with its source; the page and the API list the holidays each produces for a year."""

from datetime import date

import pytest

from deadlines import catalog
from deadlines.calendars import add_business_days, is_business_day


def test_banks_in_new_york_and_london_are_both_open_only_when_neither_has_a_holiday():
    # Five business days after Friday Mar 30, 2007. New York banks alone: Apr 2, 3, 4, 5, 6 (Good
    # Friday is not a Federal Reserve holiday) -> Friday Apr 6. New York and London: Good Friday
    # Apr 6 and Easter Monday Apr 9 are English bank holidays: Apr 2, 3, 4, 5, 10 -> Tuesday Apr 10.
    assert add_business_days(date(2007, 3, 30), 5, "NY_BANKS") == date(2007, 4, 6)
    assert add_business_days(date(2007, 3, 30), 5, catalog.combine(["NY_BANKS", "GB-ENG"])) == date(2007, 4, 10)


def test_a_colorado_state_holiday_closes_colorado_but_not_new_york_banks():
    # Cesar Chavez Day, Monday Mar 31, 2025, is a Colorado state holiday.
    assert is_business_day(date(2025, 3, 31), "US-CO") is False
    assert is_business_day(date(2025, 3, 31), "NY_BANKS") is True
    assert add_business_days(date(2025, 3, 28), 1, "US-CO") == date(2025, 4, 1)


def test_minnesota_keeps_no_columbus_day_while_new_york_banks_close_for_it():
    # Monday Oct 14, 2024: Columbus Day for the Federal Reserve; not a Minnesota state holiday.
    assert is_business_day(date(2024, 10, 14), "US-MN") is True
    assert is_business_day(date(2024, 10, 14), "NY_BANKS") is False
    assert is_business_day(date(2024, 10, 14), "NY_BANKS+US-MN") is False


def test_target2_closes_on_labour_day_and_the_nyse_on_good_friday():
    assert is_business_day(date(2025, 5, 1), "TARGET2") is False
    assert is_business_day(date(2025, 4, 18), "NYSE") is False
    assert is_business_day(date(2025, 4, 18), "NY_BANKS") is True


def test_every_calendar_has_a_name_a_source_and_a_last_review_date():
    assert catalog.info("KY").name == "Cayman Islands"
    assert catalog.info("US-MN").name == "U.S. state: Minnesota"
    assert catalog.info("MX").last_reviewed == date(2026, 12, 6)
    assert "holidays package" in catalog.info("CA").source
    assert catalog.name_of("GB-ENG+NY_BANKS") == ("United Kingdom: England and Wales (bank holidays) and "
                                                  "New York banks (Federal Reserve holidays)")


def test_an_unknown_calendar_is_not_known():
    assert catalog.is_known("US-XX") is False
    assert catalog.is_known("NY_BANKS+ATLANTIS") is False
    with pytest.raises(ValueError, match="ATLANTIS is not a business-day calendar"):
        catalog.info("ATLANTIS")


@pytest.mark.django_db
def test_the_page_lists_the_holidays_a_calendar_produces_for_a_year(client_as, counsel):
    page = client_as(counsel).get("/deadlines/calendars/GB-ENG/", {"year": 2007}).content.decode()
    assert "Apr 9, 2007" in page and "Easter Monday" in page
    assert "Last reviewed Dec 6, 2026" in page


@pytest.mark.django_db
def test_the_calendar_list_page_names_each_calendar_and_its_source(client_as, counsel):
    page = client_as(counsel).get("/deadlines/calendars/").content.decode()
    assert "TARGET2 (euro payments)" in page and "Cayman Islands" in page and "U.S. state: Colorado" in page


@pytest.mark.django_db
def test_an_unknown_calendar_page_is_404(client_as, counsel):
    assert client_as(counsel).get("/deadlines/calendars/ATLANTIS/").status_code == 404


@pytest.mark.django_db
def test_the_api_lists_calendars_and_a_years_holidays(api_as, counsel):
    api = api_as(counsel)
    listed = api.get("/api/v1/calendars/").json()
    assert {"key": "TARGET2", "name": "TARGET2 (euro payments)"}.items() <= listed["results"][5].items()
    year = api.get("/api/v1/calendars/US-CO/", {"year": 2025}).json()
    assert {"date": "2025-03-31", "name": "Cesar Chavez Day"} in year["holidays"]
    assert year["last_reviewed"] == "2026-12-06"


@pytest.mark.django_db
def test_the_api_refuses_a_year_out_of_range_and_an_unknown_calendar(api_as, counsel):
    api = api_as(counsel)
    assert api.get("/api/v1/calendars/US-CO/", {"year": 99999}).status_code == 400
    assert api.get("/api/v1/calendars/ATLANTIS/").status_code == 404
    assert api.get("/api/v1/calendars/", {"mater": 1}).status_code == 400
