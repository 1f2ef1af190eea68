"""The demo's covenants from the Zumiez / Wells Fargo credit agreement of August 29, 2011, and the
breach its illustrative certificate reports, with the arithmetic written out."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from covenants.demo import ZUMIEZ_MATTER
from covenants.models import Covenant, CovenantTest
from deadlines.models import Obligation, ObligationKind, ObligationStatus
from matters.access import visible_matters
from notes.demo import LINE_MATTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_quick_ratio_breach_opens_a_cure_deadline_20_days_from_the_quarter_end(demo):
    test = CovenantTest.objects.get(covenant__title="Quick ratio")
    cure = Obligation.objects.get(matter__name=ZUMIEZ_MATTER, kind=ObligationKind.CURE_PERIOD)
    # Reported 1.10 against "not less than 1.25": 1.10 - 1.25 = -0.15; -0.15 / 1.25 = -12.00%.
    assert (test.result, test.headroom, test.headroom_percent) == ("breach", Decimal("-0.15"), Decimal("-12.00"))
    # §6.1(c): 20 days from its occurrence, the quarter end October 31, 2011: November 20, 2011, a
    # Sunday; the following business day is Monday, November 21, 2011.
    assert (cure.nominal_due_date, cure.due_date, cure.critical) == (date(2011, 11, 20), date(2011, 11, 21), True)
    assert [u.username for u in cure.assignees.all()] == ["counsel"]
    assert (test.notice_sender.legal_name, test.notice_recipient.legal_name) == (
        "Wells Fargo Bank, National Association", "Zumiez Inc.")


def test_the_other_zumiez_covenants_pass_with_their_headroom(demo):
    rows = dict(CovenantTest.objects.filter(certificate__matter__name=ZUMIEZ_MATTER, result="pass")
                .values_list("covenant__title", "headroom"))
    # 1.0 - 0.45 = 0.55; $32,500,000.00 - $1.00 = $32,499,999.00.
    assert rows == {"Total liabilities to tangible net worth": Decimal("0.55"),
                    "Net profit after taxes": Decimal("32499999.00")}


def test_the_statements_fall_due_45_days_after_each_fiscal_quarter_and_90_after_the_year(demo):
    due = dict(Obligation.objects.filter(matter__name=ZUMIEZ_MATTER, title__startswith="Financial statements")
               .values_list("source_key", "due_date"))
    # July 31, 2011 + 45 = September 14, 2011; January 31, 2012 + 90 = April 30, 2012 (Feb 29 + Mar 31 + Apr 30).
    assert (due["period:2011-07-31"], due["period:2012-01-31"]) == (date(2011, 9, 14), date(2012, 4, 30))


def test_the_certificate_deliverable_follows_the_statements_and_is_done_for_the_certified_quarter(demo):
    rows = Obligation.objects.filter(matter__name=ZUMIEZ_MATTER, title__startswith="Officer's")
    done = rows.get(source_key="period:2011-10-31")
    assert (done.status, done.trigger.title) == (
        ObligationStatus.DONE, "Financial statements for the period ended October 31, 2011")
    assert rows.get(source_key="period:2012-01-31").due_date == date(2012, 4, 30)


def test_the_zumiez_cfo_sees_the_matter_and_the_sei_covenants_are_recorded(demo):
    from accounts.models import User

    assert visible_matters(User.objects.get(username="zumiez-cfo")).filter(name=ZUMIEZ_MATTER).exists()
    assert list(Covenant.objects.filter(matter__name=LINE_MATTER, kind="financial").values_list("title", flat=True)) == [
        "Minimum consolidated net worth", "Fixed charges coverage ratio", "Leverage ratio"]


def test_loading_the_demo_again_changes_nothing(demo):
    before = (Covenant.objects.count(), CovenantTest.objects.count(), Obligation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Covenant.objects.count(), CovenantTest.objects.count(), Obligation.objects.count()) == before
