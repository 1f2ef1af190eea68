"""obligations_sync never deletes: met obligations stay done, owed ones stay open, and ones the
source no longer asks for are kept as superseded. The source is any model (here a Party)."""

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines import delivery, services
from deadlines.models import Delivery, Obligation, ObligationStatus
from deadlines.services import ObligationSpec, obligations_sync
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


def _spec(key, due, kind="manual"):
    return ObligationSpec(key=key, title=f"Obligation {key}", kind=kind, nominal_due_date=due, convention="none")


def test_a_completed_obligation_whose_spec_is_gone_stays_done_with_who_when_and_evidence(client_as, counsel, matter):
    source = PartyFactory()
    [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("deliverable:1", date(2027, 1, 15))])
    services.obligation_complete(obligation=obligation, by=counsel, evidence="Received the legal opinion")
    obligations_sync(matter=matter, source=source, specs=[])
    obligation.refresh_from_db()
    assert (obligation.status, obligation.completed_by, obligation.evidence) == (
        ObligationStatus.DONE, counsel, "Received the legal opinion")
    assert client_as(counsel).get(f"/deadlines/{obligation.pk}/").status_code == 200


def test_an_unpaid_past_due_obligation_stays_open_when_the_next_period_replaces_its_spec(matter):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=NY), tick=False):
        [first] = obligations_sync(matter=matter, source=source, specs=[
            _spec("damages:2027-01-30", date(2027, 1, 30), kind="damages_payment")])
    with time_machine.travel(datetime(2027, 2, 5, 9, tzinfo=NY), tick=False):
        obligations_sync(matter=matter, source=source, specs=[
            _spec("damages:2027-03-01", date(2027, 3, 1), kind="damages_payment")])
    first.refresh_from_db()
    assert first.status == ObligationStatus.OPEN
    assert Obligation.objects.count() == 2


def test_an_open_obligation_with_evidence_is_kept_open_when_its_spec_is_gone(matter):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=NY), tick=False):
        [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("a", date(2027, 6, 1))])
        Obligation.objects.filter(pk=obligation.pk).update(evidence="Draft sent to the trustee")
        obligations_sync(matter=matter, source=source, specs=[])
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN


def test_a_future_open_obligation_whose_spec_is_gone_is_superseded_and_kept_in_history(client_as, counsel, matter):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=NY), tick=False):
        [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("a", date(2027, 6, 1))])
        obligations_sync(matter=matter, source=source, specs=[])
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.SUPERSEDED
    assert client_as(counsel).get(f"/deadlines/{obligation.pk}/").status_code == 200


def test_a_superseded_obligation_whose_spec_comes_back_is_open_again(matter):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=NY), tick=False):
        [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("a", date(2027, 6, 1))])
        obligations_sync(matter=matter, source=source, specs=[])
        obligations_sync(matter=matter, source=source, specs=[_spec("a", date(2027, 6, 1))])
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN


def test_a_superseded_obligation_gets_no_reminders(matter, counsel):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 5, 25, 9, tzinfo=NY), tick=False):
        obligations_sync(matter=matter, source=source, specs=[_spec("a", date(2027, 6, 1))])
        obligations_sync(matter=matter, source=source, specs=[])
        delivery.sweep()
    assert Delivery.objects.count() == 0


def test_when_a_maturity_moves_the_reminders_for_the_new_date_are_sent(matter, counsel):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=NY), tick=False):
        obligations_sync(matter=matter, source=source, specs=[_spec("maturity", date(2027, 3, 31), "note_maturity")])
        delivery.sweep()
    with time_machine.travel(datetime(2027, 3, 10, 9, tzinfo=NY), tick=False):
        obligations_sync(matter=matter, source=source, specs=[_spec("maturity", date(2027, 6, 30), "note_maturity")])
    for day in (date(2027, 5, 31), date(2027, 6, 16), date(2027, 6, 23)):
        with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=NY), tick=False):
            delivery.sweep()
    occasions = list(Delivery.objects.order_by("id").values_list("occasion", flat=True))
    assert occasions == ["before:30:2027-03-31", "before:30:2027-06-30", "before:14:2027-06-30", "before:7:2027-06-30"]


def test_a_spec_the_source_records_as_met_marks_its_obligation_done_with_the_evidence(client_as, counsel, matter):
    source = PartyFactory()
    [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("deliverable:1", date(2027, 1, 15))])
    met = ObligationSpec(key="deliverable:1", title="Obligation deliverable:1", kind="manual",
                         nominal_due_date=date(2027, 1, 15), convention="none", met=True, evidence="Received 3 Jan 2027")
    obligations_sync(matter=matter, source=source, specs=[met])
    obligations_sync(matter=matter, source=source, specs=[met])
    obligation.refresh_from_db()
    assert (obligation.status, obligation.completed_by_name, obligation.evidence) == (
        ObligationStatus.DONE, "Recorded on its source", "Received 3 Jan 2027")
    assert client_as(counsel).get(f"/deadlines/{obligation.pk}/").status_code == 200


def test_a_withdrawn_spec_supersedes_its_past_due_obligation_and_creates_none(matter):
    source = PartyFactory()
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=NY), tick=False):
        [obligation] = obligations_sync(matter=matter, source=source, specs=[_spec("payment:2027-01-05", date(2027, 1, 5))])
        withdrawn = [
            dataclasses.replace(_spec("payment:2027-01-05", date(2027, 1, 5)), withdrawn=True),
            dataclasses.replace(_spec("payment:2027-04-05", date(2027, 4, 5)), withdrawn=True),
        ]
        assert obligations_sync(matter=matter, source=source, specs=withdrawn) == []
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.SUPERSEDED
    assert Obligation.objects.count() == 1
