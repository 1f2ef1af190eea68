"""Recording covenants, reports owed and compliance certificates; a breach's default workflow."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from covenants import services
from covenants.models import CovenantTest
from deadlines.models import Obligation, ObligationKind, ObligationStatus
from deadlines.services import fiscal_year_end_set, obligation_complete
from tests.covenants.factories import fixed_charge_coverage, loan_agreement, quarterly_statements
from tests.factories import MatterFactory, PartyFactory

NY = ZoneInfo("America/New_York")


def _record(agreement, covenant, value, period_end=date(2026, 12, 31), delivered_on=date(2027, 3, 31)):
    return services.certificate_record(matter=agreement.matter, data={
        "agreement": agreement, "period_end": period_end, "delivered_on": delivered_on,
        "signed_by": "Chief Financial Officer"}, figures=[(covenant, Decimal(value))])


def test_a_financial_covenant_needs_its_threshold(matter):
    agreement = loan_agreement(matter)
    with pytest.raises(ValidationError) as error:
        fixed_charge_coverage(agreement, threshold=None)
    assert error.value.message_dict["threshold"] == ["Enter this for a financial covenant."]


def test_a_first_test_date_that_is_not_a_fiscal_quarter_end_is_refused(matter):
    agreement = loan_agreement(matter)
    fiscal_year_end_set(party=matter.client, month=6, day=30)
    with pytest.raises(ValidationError) as error:
        fixed_charge_coverage(agreement, first_period_end=date(2026, 10, 31))
    assert error.value.message_dict["first_period_end"] == [
        "October 31, 2026 is not a fiscal quarter end of ROO Group, Inc. (its fiscal year ends 30 June); "
        "record its fiscal year end first, or enter a period end."]


def test_the_covenanting_party_must_be_a_party_to_the_agreement(matter):
    agreement = loan_agreement(matter)
    with pytest.raises(ValidationError) as error:
        fixed_charge_coverage(agreement, party=PartyFactory(legal_name="Stranger LLC"))
    assert error.value.message_dict["party"] == ["Stranger LLC is not a party to Credit Agreement."]


def test_statements_are_due_45_days_after_each_quarter_end_and_90_after_the_year_end(matter):
    statements = quarterly_statements(loan_agreement(matter))
    due = list(Obligation.objects.filter(source_id=statements.pk, kind=ObligationKind.REPORTING)
               .order_by("nominal_due_date").values_list("title", "nominal_due_date", "due_date"))
    assert [(row[1], row[2]) for row in due] == [
        (date(2026, 11, 14), date(2026, 11, 16)),  # 30 Sep + 45; Saturday -> Monday 16 Nov
        (date(2027, 3, 31), date(2027, 3, 31)),    # 31 Dec 2026 + 90 (Jan 31 + Feb 28 + Mar 31)
        (date(2027, 5, 15), date(2027, 5, 17)),    # 31 Mar + 45; Saturday -> Monday
        (date(2027, 8, 14), date(2027, 8, 16)),    # 30 Jun + 45; Saturday -> Monday
        (date(2027, 11, 14), date(2027, 11, 15)),  # 30 Sep 2027 + 45; Sunday -> Monday
    ]
    assert due[0][0] == "Financial statements for the period ended September 30, 2026"


def test_a_compliance_certificate_due_five_days_after_the_statements_follows_them(matter):
    agreement = loan_agreement(matter)
    statements = quarterly_statements(agreement)
    certificate = quarterly_statements(agreement, title="Compliance certificate", deliverable="compliance_certificate",
                                       days_after_period=None, days_after_year_end=None, delivered_after=statements,
                                       days_after_delivery=5)
    first = Obligation.objects.get(source_id=certificate.pk, source_key="period:2026-09-30", title__startswith="Compliance")
    # The statements' due date (Monday 16 Nov 2026, rolled) + 5 days = Saturday 21 Nov -> Monday 23 Nov 2026.
    assert (first.trigger.title, first.nominal_due_date, first.due_date) == (
        "Financial statements for the period ended September 30, 2026", date(2026, 11, 21), date(2026, 11, 23))


@time_machine.travel(datetime(2026, 11, 10, 12, 0, tzinfo=NY), tick=False)
def test_delivering_the_statements_early_moves_the_certificate_deadline(matter):
    agreement = loan_agreement(matter)
    statements = quarterly_statements(agreement)
    quarterly_statements(agreement, title="Compliance certificate", deliverable="compliance_certificate",
                         days_after_period=None, days_after_year_end=None, delivered_after=statements,
                         days_after_delivery=5)
    obligation_complete(obligation=Obligation.objects.get(source_id=statements.pk, source_key="period:2026-09-30",
                                                          title__startswith="Financial"), by_name="CFO")
    certificate_due = Obligation.objects.get(source_key="period:2026-09-30", title__startswith="Compliance")
    # Statements delivered Tuesday 10 Nov 2026; + 5 days = Sunday 15 Nov -> Monday 16 Nov 2026.
    assert certificate_due.due_date == date(2026, 11, 16)


def test_a_passing_figure_is_recorded_with_its_headroom_and_opens_nothing(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement)
    certificate = _record(agreement, covenant, "1.40")
    test = certificate.tests.get()
    # 1.40 - 1.25 = 0.15; 0.15 / 1.25 = 12.00%.
    assert (test.result, test.headroom, test.headroom_percent) == ("pass", Decimal("0.15"), Decimal("12.00"))
    assert not Obligation.objects.filter(kind=ObligationKind.CURE_PERIOD).exists()


def test_a_breach_opens_the_cure_deadline_and_a_draft_notice_of_default_in_one_step(matter, counsel):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement)
    certificate = _record(agreement, covenant, "1.10")
    test = CovenantTest.objects.get(certificate=certificate)
    cure = Obligation.objects.get(kind=ObligationKind.CURE_PERIOD)
    # Reported on Wednesday 31 Mar 2027; 30 days from then = Friday 30 April 2027.
    assert (test.result, test.headroom, test.headroom_percent) == ("breach", Decimal("-0.15"), Decimal("-12.00"))
    assert (cure.due_date, cure.critical, list(cure.assignees.all())) == (date(2027, 4, 30), True, [counsel])
    assert cure.title == "Cure period ends: Fixed charge coverage ratio (30 days from the day the breach is reported)"
    assert (test.notice_sender.legal_name, test.notice_recipient.legal_name) == ("First Harbor Bank, N.A.", "ROO Group, Inc.")
    assert "reports Fixed Charge Coverage Ratio of 1.10 to 1.00. §6.1(a) requires at least 1.25 to 1.00." in test.notice_body


def test_a_cure_period_in_business_days_from_the_test_date(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement, cure_days=10, cure_business_days=True, cure_from="test_date")
    _record(agreement, covenant, "1.00")
    # From Thursday 31 Dec 2026: Fri 1 Jan 2027 is New Year's Day; business days Jan 4-8 (5), Jan 11-15 (10).
    assert Obligation.objects.get(kind=ObligationKind.CURE_PERIOD).due_date == date(2027, 1, 15)


@time_machine.travel(datetime(2027, 4, 6, 12, 0, tzinfo=NY), tick=False)
def test_a_cure_period_from_notice_counts_from_the_day_the_notice_is_given(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement, cure_days=15, cure_from="notice")
    _record(agreement, covenant, "1.00")
    notice = Obligation.objects.get(source_key="notice")
    cure = Obligation.objects.get(kind=ObligationKind.CURE_PERIOD)
    # Until the notice is given: its due date (31 Mar 2027) + 15 = 15 April 2027.
    assert (cure.trigger, cure.due_date) == (notice, date(2027, 4, 15))
    obligation_complete(obligation=notice, by_name="Counsel", evidence="Sent by courier")
    cure.refresh_from_db()
    # Given Tuesday 6 April 2027: + 15 days = Wednesday 21 April 2027.
    assert cure.due_date == date(2027, 4, 21)


def test_no_cure_period_makes_the_breach_an_event_of_default_at_once(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement, cure_days=None)
    _record(agreement, covenant, "1.00")
    cure = Obligation.objects.get(kind=ObligationKind.CURE_PERIOD)
    assert (cure.title, cure.due_date) == ("Event of Default: Fixed charge coverage ratio breached, no cure period (§8.1(c))",
                                           date(2027, 3, 31))


def test_a_stepped_threshold_applies_the_step_in_force_on_the_period_end(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement)
    services.threshold_step_add(covenant=covenant, effective_from=date(2026, 12, 31), threshold=Decimal("1.50"))
    test = _record(agreement, covenant, "1.40").tests.get()
    # 1.40 - 1.50 = -0.10; -0.10 / 1.50 = -6.67%.
    assert (test.threshold, test.result, test.headroom_percent) == (Decimal("1.5000"), "breach", Decimal("-6.67"))


def test_recording_a_certificate_marks_the_periods_certificate_deliverable_done(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement)
    quarterly_statements(agreement, title="Compliance certificate", deliverable="compliance_certificate")
    _record(agreement, covenant, "1.40")
    done = Obligation.objects.get(source_key="period:2026-12-31")
    assert (done.status, done.evidence) == (ObligationStatus.DONE, "Compliance certificate recorded in Covenant")


def test_a_second_certificate_for_the_same_period_is_refused_and_nothing_is_saved(matter):
    agreement = loan_agreement(matter)
    covenant = fixed_charge_coverage(agreement)
    _record(agreement, covenant, "1.40")
    with pytest.raises(ValidationError) as error:
        _record(agreement, covenant, "1.00")
    assert error.value.message_dict["period_end"] == [
        "A certificate for the period ended December 31, 2026 is already recorded for this agreement."]
    assert CovenantTest.objects.count() == 1


def test_a_covenant_of_another_matter_is_refused(matter):
    agreement = loan_agreement(matter)
    foreign = fixed_charge_coverage(loan_agreement(MatterFactory(client=PartyFactory())))
    with pytest.raises(ValidationError) as error:
        _record(agreement, foreign, "1.40")
    assert "covenants" in error.value.message_dict


def test_the_daily_task_extends_an_open_ended_report_a_year_ahead_without_duplicates(matter):
    from covenants.tasks import extend_reports

    agreement = loan_agreement(matter)
    with time_machine.travel(datetime(2026, 10, 1, 12, 0, tzinfo=NY), tick=False):
        statements = quarterly_statements(agreement, last_period_end=None)
    # Recorded 1 Oct 2026: period ends to 2 Oct 2027 (366 days ahead): Sep 30 2026 ... Sep 30 2027.
    assert Obligation.objects.filter(source_id=statements.pk).count() == 5
    with time_machine.travel(datetime(2027, 1, 2, 12, 0, tzinfo=NY), tick=False):
        extend_reports()
        extend_reports()
    # On 2 Jan 2027 the horizon is 3 Jan 2028: December 31, 2027 is added, once.
    keys = list(Obligation.objects.filter(source_id=statements.pk).order_by("nominal_due_date")
                .values_list("source_key", flat=True))
    assert keys[-1] == "period:2027-12-31" and len(keys) == 6
