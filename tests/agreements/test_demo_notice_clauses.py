"""The notice clauses of three real agreements in the demo (shared agreements), and the moments
notices under them are deemed given, with the arithmetic written out."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from accounts.models import User
from agreements.demo_notices import ZUMIEZ_MATTER
from agreements.models import Agreement
from deadlines.models import Obligation
from notices.services import notice_dispatch
from parties.models import Party

pytestmark = pytest.mark.django_db
PACIFIC = ZoneInfo("America/Los_Angeles")
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return User.objects.get(username="counsel")


def _agreement(party: str) -> Agreement:
    return Agreement.objects.get(agreement_parties__party__legal_name=party, parent__isnull=True)


def _send(by, agreement, sender, recipient, **data):
    return notice_dispatch(matter=agreement.matter, agreement=agreement, by=by, data={
        "sender": Party.objects.get(legal_name=sender), "recipient": Party.objects.get(legal_name=recipient),
        "kind": "default", **data})


def _zumiez(by, **data):
    return _send(by, _agreement("Zumiez Inc."), "Wells Fargo Bank, National Association", "Zumiez Inc.",
                 time_zone="America/Los_Angeles", **data)


def test_the_demo_reads_back_each_clause_as_recorded(demo):
    assert _agreement("Zumiez Inc.").matter.name == ZUMIEZ_MATTER
    assert [r.reads_as() for r in _agreement("Zumiez Inc.").notice_rules.all()] == [
        "Notices sent by hand delivery are deemed given when delivered (§7.2).",
        "Notices sent by mail, first class and postage prepaid are deemed given the earlier of upon receipt and "
        "3 days after dispatch (§7.2).",
        "Notices sent by telecopy are deemed given upon receipt (§7.2).",
    ]
    assert _agreement("SEI Investments Company").notice_rules.count() == 4
    assert _agreement("State Automobile Mutual Insurance Company").notice_clause_ref == "§8.01"


def test_zumiez_a_friday_mailing_over_labor_day_weekend_counts_on_labor_day(demo):
    # Mailed Friday Sep 2, 2011 in Everett; three days after deposit: Sep 3, 4, 5 -> Monday Sep 5,
    # Labor Day. The clause counts calendar days and does not move them off a holiday.
    notice = _zumiez(demo, method="first_class_mail", dispatched_at=datetime(2011, 9, 2, 16, tzinfo=PACIFIC))
    assert notice.deemed_given_on == date(2011, 9, 5)
    assert notice.deemed_given_rule.endswith("3 days after dispatch applied unless received earlier")


def test_zumiez_earlier_of_with_the_receipt_first(demo):
    # Received Saturday Sep 3, 2011, before the third day (Monday Sep 5): Sep 3.
    notice = _zumiez(demo, method="first_class_mail", dispatched_at=datetime(2011, 9, 2, 16, tzinfo=PACIFIC),
                     delivered_at=datetime(2011, 9, 3, 10, tzinfo=PACIFIC), period_days=10)
    assert notice.deemed_given_on == date(2011, 9, 3)
    # A 10-day period: Sep 3 + 10 = Tuesday Sep 13.
    assert Obligation.objects.get(source_id=notice.pk, source_key="clock").due_date == date(2011, 9, 13)


def test_zumiez_earlier_of_with_the_days_first(demo):
    # Received Wednesday Sep 7, 2011, after the third day: Monday Sep 5.
    notice = _zumiez(demo, method="first_class_mail", dispatched_at=datetime(2011, 9, 2, 16, tzinfo=PACIFIC),
                     delivered_at=datetime(2011, 9, 7, 10, tzinfo=PACIFIC))
    assert notice.deemed_given_on == date(2011, 9, 5)
    assert notice.deemed_given_rule.endswith("3 days after dispatch applied")


def test_zumiez_an_after_hours_telecopy_counts_on_the_friday_it_was_received_in_everett(demo):
    # 9:30 p.m. Friday Sep 9, 2011 in Everett is 12:30 a.m. Saturday Sep 10 in New York (the firm).
    notice = _zumiez(demo, method="fax", dispatched_at=datetime(2011, 9, 9, 21, 30, tzinfo=PACIFIC),
                     delivered_at=datetime(2011, 9, 9, 21, 30, tzinfo=PACIFIC))
    assert notice.recipient_time_zone == "America/Los_Angeles"
    assert notice.deemed_given_on == date(2011, 9, 9)
    assert notice.deemed_given_firm == datetime(2011, 9, 10, 0, 30, tzinfo=EASTERN)


def test_sei_an_email_late_on_a_saturday_counts_on_receipt_that_saturday(demo):
    # §12: effective upon receipt, no business-hours rule: 11:15 p.m. Saturday Dec 22, 2001 in Oaks, PA.
    sent = datetime(2001, 12, 22, 23, 15, tzinfo=EASTERN)
    notice = _send(demo, _agreement("SEI Investments Company"), "PNC Bank, National Association",
                   "SEI Investments Company", method="email", dispatched_at=sent, delivered_at=sent)
    assert notice.deemed_given_on == date(2001, 12, 22)
    assert notice.defects == []


def test_sei_a_fax_without_its_first_class_mail_copy_is_flagged(demo):
    sent = datetime(2001, 12, 24, 10, tzinfo=EASTERN)
    agreement = _agreement("SEI Investments Company")
    bare = _send(demo, agreement, "PNC Bank, National Association", "SEI Investments Company", method="fax",
                 dispatched_at=sent, delivered_at=sent)
    assert bare.defects == ["§12 allows telecopy / fax only with a confirming copy by another method; none is recorded."]
    copied = _send(demo, agreement, "PNC Bank, National Association", "SEI Investments Company", method="fax",
                   dispatched_at=sent, delivered_at=sent, confirmation_method="first_class_mail")
    assert copied.defects == []


def test_state_auto_a_friday_mailing_over_memorial_day_counts_on_its_tuesday_receipt(demo):
    # §8.01: "on the date of receipt". Mailed Friday May 22, 2009; Memorial Day Monday May 25;
    # received Tuesday May 26. A 30-day cure period: May 26 + 30 = Thursday Jun 25 (5 days to May 31, 25 more).
    notice = _send(demo, _agreement("State Automobile Mutual Insurance Company"),
                   "State Auto Property & Casualty Insurance Company", "State Automobile Mutual Insurance Company",
                   method="certified_mail", dispatched_at=datetime(2009, 5, 22, 15, tzinfo=EASTERN),
                   delivered_at=datetime(2009, 5, 26, 10, tzinfo=EASTERN), period_days=30)
    assert notice.deemed_given_on == date(2009, 5, 26)
    assert Obligation.objects.get(source_id=notice.pk, source_key="clock").due_date == date(2009, 6, 25)


def test_state_auto_an_after_hours_telecopy_counts_on_the_date_received(demo):
    sent = datetime(2009, 6, 12, 19, tzinfo=EASTERN)  # Friday, 7 p.m. in Columbus
    notice = _send(demo, _agreement("State Automobile Mutual Insurance Company"),
                   "State Auto Property & Casualty Insurance Company", "State Automobile Mutual Insurance Company",
                   method="fax", dispatched_at=sent, delivered_at=sent)
    assert notice.deemed_given_on == date(2009, 6, 12)
