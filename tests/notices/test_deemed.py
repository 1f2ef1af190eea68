"""Deemed-given moments and notice clocks, as pure functions, against hand-checked dates (DOMAIN.md §4)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from deadlines.calendars import NY_BANKS, US_FEDERAL, WEEKENDS
from notices.deemed import Rule, clock_due, deemed_given, effective_date

NEW_YORK = ZoneInfo("America/New_York")
FAX = Rule("Telecopy", "on_transmission", clause="§7.2")
PERSONAL = Rule("Personal delivery", "on_delivery", clause="§7.2")
MAIL = Rule("Certified mail", "on_receipt", clause="§7.2")
COURIER = Rule("Overnight courier", "after_dispatch", offset_days=1, business_days=True, clause="§9.3")
FAX_BY_FIVE = Rule("Telecopy", "on_transmission", cutoff_time=time(17, 0), clause="§9.3")
AFTER_CUTOFF = "; after the cut-off or on a non-business day, the next business day"


def given(rule, dispatched_at, delivered_at=None, calendar=NY_BANKS, zone=NEW_YORK):
    return deemed_given(rule, dispatched_at=dispatched_at, delivered_at=delivered_at, calendar=calendar, zone=zone)


def test_a_telecopy_is_given_when_transmitted_citing_the_clause():
    deemed = given(FAX, datetime(2026, 3, 2, 10, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 2, 10, tzinfo=NEW_YORK)
    assert deemed.rule == "§7.2: Telecopy, deemed given when transmitted"


def test_without_a_clause_or_a_cut_off_the_rule_is_plain_and_a_saturday_transmission_counts_on_saturday():
    deemed = given(Rule("Telecopy", "on_transmission"), datetime(2026, 3, 7, 10, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 7, 10, tzinfo=NEW_YORK)
    assert deemed.rule == "Telecopy, deemed given when transmitted"


def test_personal_delivery_is_given_when_delivered_and_pending_until_then():
    dispatched = datetime(2026, 3, 2, 9, tzinfo=NEW_YORK)
    pending = given(PERSONAL, dispatched)
    assert pending.at is None
    assert pending.rule == "§7.2: Personal delivery, deemed given when delivered: pending until delivery is recorded"
    delivered = given(PERSONAL, dispatched, datetime(2026, 3, 2, 15, 30, tzinfo=NEW_YORK))
    assert delivered.at == datetime(2026, 3, 2, 15, 30, tzinfo=NEW_YORK)
    assert delivered.rule == "§7.2: Personal delivery, deemed given when delivered"


def test_certified_mail_is_given_upon_receipt_and_pending_until_then():
    dispatched = datetime(2026, 3, 2, 9, tzinfo=NEW_YORK)
    pending = given(MAIL, dispatched)
    assert pending.at is None
    assert pending.rule == "§7.2: Certified mail, deemed given upon receipt: pending until delivery is recorded"
    received = given(MAIL, dispatched, datetime(2026, 3, 5, 11, tzinfo=NEW_YORK))
    assert received.at == datetime(2026, 3, 5, 11, tzinfo=NEW_YORK)
    assert received.rule == "§7.2: Certified mail, deemed given upon receipt"


def test_a_courier_is_given_one_business_day_after_dispatch_counted_from_the_day_in_the_notices_zone():
    # Thursday Mar 5, 2026 at 9 p.m. in New York is already Friday in UTC: the next business day
    # after Thursday is Friday Mar 6 (not Monday Mar 9).
    deemed = given(COURIER, datetime(2026, 3, 6, 2, tzinfo=UTC))
    assert deemed.at == datetime(2026, 3, 6, 0, 0, tzinfo=NEW_YORK)
    assert deemed.rule == "§9.3: Overnight courier, deemed given 1 business days after dispatch"


def test_mail_three_business_days_after_dispatch_skips_thanksgiving_and_the_weekend():
    rule = Rule("Certified mail", "after_dispatch", offset_days=3, business_days=True)
    deemed = given(rule, datetime(2026, 11, 24, 16, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 11, 30, tzinfo=NEW_YORK)
    assert deemed.rule == "Certified mail, deemed given 3 business days after dispatch"


def test_calendar_days_after_dispatch_may_end_on_a_sunday():
    rule = Rule("Mail", "after_dispatch", offset_days=3)
    deemed = given(rule, datetime(2026, 3, 5, 16, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 8, tzinfo=NEW_YORK)
    assert deemed.rule == "Mail, deemed given 3 days after dispatch"


def test_an_after_dispatch_rule_without_an_offset_counts_on_the_dispatch_day_at_midnight():
    deemed = given(Rule("Mail", "after_dispatch"), datetime(2026, 3, 7, 16, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 7, tzinfo=NEW_YORK)
    assert deemed.rule == "Mail, deemed given 0 days after dispatch"


def test_business_days_after_dispatch_follow_the_agreements_calendar():
    # Friday Dec 31, 2021: a New York bank business day, a federal holiday (New Year's Day observed).
    dispatched = datetime(2021, 12, 30, 12, tzinfo=NEW_YORK)
    assert given(COURIER, dispatched, calendar=NY_BANKS).at == datetime(2021, 12, 31, tzinfo=NEW_YORK)
    assert given(COURIER, dispatched, calendar=US_FEDERAL).at == datetime(2022, 1, 3, tzinfo=NEW_YORK)


def test_a_telecopy_by_the_cut_off_on_a_business_day_counts_when_transmitted():
    at_five = datetime(2026, 3, 4, 17, 0, tzinfo=NEW_YORK)
    deemed = given(FAX_BY_FIVE, at_five)
    assert deemed.at == at_five
    assert deemed.rule == "§9.3: Telecopy, deemed given when transmitted"


def test_a_telecopy_after_the_cut_off_counts_at_nine_the_next_business_day():
    deemed = given(FAX_BY_FIVE, datetime(2026, 3, 4, 17, 1, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 5, 9, 0, tzinfo=NEW_YORK)
    assert deemed.rule == "§9.3: Telecopy, deemed given when transmitted" + AFTER_CUTOFF


def test_a_telecopy_after_the_cut_off_on_the_eve_of_thanksgiving_counts_on_friday():
    deemed = given(FAX_BY_FIVE, datetime(2026, 11, 25, 18, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 11, 27, 9, 0, tzinfo=NEW_YORK)


def test_a_telecopy_on_a_saturday_or_on_thanksgiving_morning_counts_at_nine_the_next_business_day():
    assert given(FAX_BY_FIVE, datetime(2026, 3, 7, 10, tzinfo=NEW_YORK)).at == datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)
    assert given(FAX_BY_FIVE, datetime(2026, 11, 26, 10, tzinfo=NEW_YORK)).at == datetime(2026, 11, 27, 9, tzinfo=NEW_YORK)


def test_the_cut_off_and_the_holiday_follow_the_agreements_calendar():
    morning = datetime(2021, 12, 31, 10, tzinfo=NEW_YORK)
    assert given(FAX_BY_FIVE, morning, calendar=NY_BANKS).at == morning
    assert given(FAX_BY_FIVE, morning, calendar=US_FEDERAL).at == datetime(2022, 1, 3, 9, tzinfo=NEW_YORK)


def test_the_cut_off_is_read_on_the_notices_clock_not_in_utc():
    # 9:30 p.m. UTC on Wednesday Mar 4, 2026 is 4:30 p.m. in New York: before the 5 p.m. cut-off.
    delivered = datetime(2026, 3, 4, 21, 30, tzinfo=UTC)
    deemed = given(Rule("Personal delivery", "on_delivery", cutoff_time=time(17, 0)),
                   datetime(2026, 3, 4, 9, tzinfo=NEW_YORK), delivered)
    assert deemed.at == delivered
    # In London it is 9:30 p.m., after the cut-off: Thursday 9 a.m. London time.
    london = ZoneInfo("Europe/London")
    assert given(FAX_BY_FIVE, delivered, zone=london).at == datetime(2026, 3, 5, 9, tzinfo=london)


def test_calendar_days_ending_on_a_sunday_with_a_cut_off_move_to_monday_morning():
    rule = Rule("Mail", "after_dispatch", offset_days=3, cutoff_time=time(17, 0))
    deemed = given(rule, datetime(2026, 3, 5, 16, tzinfo=NEW_YORK))
    assert deemed.at == datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)
    assert deemed.rule == "Mail, deemed given 3 days after dispatch" + AFTER_CUTOFF


def test_a_notice_counts_on_its_day_in_its_own_zone():
    # 3 a.m. UTC on Monday Mar 9, 2026 is still Sunday Mar 8 in New York (11 p.m. EDT).
    assert effective_date(datetime(2026, 3, 9, 3, tzinfo=UTC), NEW_YORK) == date(2026, 3, 8)
    assert effective_date(datetime(2026, 3, 9, 3, tzinfo=UTC), ZoneInfo("Europe/London")) == date(2026, 3, 9)


def test_a_clock_after_a_notice_counts_calendar_or_business_days_from_its_day_in_its_zone():
    deemed = datetime(2026, 11, 25, 10, tzinfo=NEW_YORK)
    assert clock_due(deemed, 30, business=False, calendar=NY_BANKS, zone=NEW_YORK) == date(2026, 12, 25)
    assert clock_due(deemed, 3, business=True, calendar=NY_BANKS, zone=NEW_YORK) == date(2026, 12, 1)
    # 2 a.m. UTC on Nov 25 is 9 p.m. on Tuesday Nov 24 in New York: one business day later is Wednesday.
    late = datetime(2026, 11, 25, 2, tzinfo=UTC)
    assert clock_due(late, 1, business=True, calendar=NY_BANKS, zone=NEW_YORK) == date(2026, 11, 25)


def test_a_business_day_clock_follows_the_agreements_calendar():
    deemed = datetime(2021, 12, 30, 10, tzinfo=NEW_YORK)
    assert clock_due(deemed, 1, business=True, calendar=NY_BANKS, zone=NEW_YORK) == date(2021, 12, 31)
    assert clock_due(deemed, 1, business=True, calendar=US_FEDERAL, zone=NEW_YORK) == date(2022, 1, 3)


def test_days_after_dispatch_count_from_the_dispatch_day_in_the_notices_zone_not_the_servers():
    # 2 a.m. UTC on Friday Mar 6, 2026: Friday in London, still Thursday in New York (the firm's zone).
    london = ZoneInfo("Europe/London")
    deemed = given(COURIER, datetime(2026, 3, 6, 2, tzinfo=UTC), zone=london)
    assert deemed.at == datetime(2026, 3, 9, tzinfo=london)


def test_a_clock_counts_from_the_notices_day_in_its_zone_not_the_servers():
    # 2 a.m. UTC on Nov 25, 2026: Wednesday in London, Tuesday evening in New York.
    london = ZoneInfo("Europe/London")
    deemed = datetime(2026, 11, 25, 2, tzinfo=UTC)
    assert clock_due(deemed, 1, business=True, calendar=NY_BANKS, zone=london) == date(2026, 11, 27)


def test_after_the_cut_off_the_next_business_day_is_on_the_agreements_calendar():
    # After 5 p.m. on Thursday Dec 30, 2021: Friday Dec 31 for New York banks, Monday Jan 3, 2022
    # on the federal calendar (New Year's Day observed on Friday).
    evening = datetime(2021, 12, 30, 18, tzinfo=NEW_YORK)
    assert given(FAX_BY_FIVE, evening, calendar=NY_BANKS).at == datetime(2021, 12, 31, 9, tzinfo=NEW_YORK)
    assert given(FAX_BY_FIVE, evening, calendar=US_FEDERAL).at == datetime(2022, 1, 3, 9, tzinfo=NEW_YORK)


def test_after_the_cut_off_on_a_day_open_on_the_agreements_calendar_the_next_business_day_is_the_day_after():
    # Thanksgiving 2026 is a business day on a weekends-only calendar: a telecopy at 6 p.m. counts on
    # Friday at 9 a.m., never on the same Thursday morning.
    deemed = given(FAX_BY_FIVE, datetime(2026, 11, 26, 18, tzinfo=NEW_YORK), calendar=WEEKENDS)
    assert deemed.at == datetime(2026, 11, 27, 9, tzinfo=NEW_YORK)
