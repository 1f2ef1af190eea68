from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deadlines.models import Obligation, ObligationKind, ObligationStatus
from security_interests import services, ucc
from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    SecurityInterestStatus,
)
from tests.factories import PartyFactory
from tests.security_interests.factories import FinancingStatementFactory, SecurityInterestFactory
from tests.security_interests.notes import note_repay, secured_note

pytestmark = pytest.mark.django_db

TODAY_NOON = datetime(2026, 11, 24, 12, tzinfo=ZoneInfo("America/New_York"))

FILED = {"filing_office": "Delaware", "file_number": "2022 4817203", "filing_date": date(2022, 6, 10)}


def _open(kind: str) -> list[Obligation]:
    return list(Obligation.objects.filter(kind=kind, status=ObligationStatus.OPEN))


def _filed(matter, **data):
    si = SecurityInterestFactory(matter=matter, granted_on=date(2022, 6, 1))
    services.security_interest_sync(security_interest=si)
    return si, services.financing_statement_create(security_interest=si, data={**FILED, **data})


def test_a_security_interest_without_a_financing_statement_asks_for_a_ucc1_in_the_debtors_state(matter):
    si = SecurityInterestFactory(matter=matter, granted_on=date(2005, 5, 18))
    services.security_interest_sync(security_interest=si)
    [filing] = _open(ObligationKind.UCC_FILING)
    assert filing.title == "File UCC-1 with the Delaware Secretary of State"
    assert filing.due_date == date(2005, 5, 18)
    assert filing.critical is True


def test_recording_the_ucc1_stores_the_lapse_perfects_and_replaces_the_filing_obligation(matter):
    si, statement = _filed(matter)
    statement.refresh_from_db()
    si.refresh_from_db()
    assert statement.lapse_date == date(2027, 6, 10)
    assert si.status == SecurityInterestStatus.PERFECTED
    assert Obligation.objects.get(kind=ObligationKind.UCC_FILING).status == ObligationStatus.DONE
    [continuation] = _open(ObligationKind.UCC_CONTINUATION)
    assert (continuation.window_opens, continuation.window_closes) == (date(2026, 12, 10), date(2027, 6, 10))
    assert continuation.due_date == date(2027, 6, 10)  # a Thursday: no business-day move
    assert continuation.critical is True
    [lapse] = _open(ObligationKind.UCC_LAPSE)
    assert lapse.due_date == date(2027, 6, 10)


def test_the_filing_office_defaults_to_the_debtors_state_and_another_state_draws_a_warning(matter):
    si = SecurityInterestFactory(matter=matter)
    home = services.financing_statement_create(security_interest=si, data={**FILED, "filing_office": ""})
    away = services.financing_statement_create(
        security_interest=si, data={**FILED, "filing_office": "New York", "file_number": "NY-1"}
    )
    assert home.filing_office == "Delaware"
    assert services.filing_office_warning(home) is None
    assert "9-307(e)" in services.filing_office_warning(away)


def test_a_blank_file_number_is_refused_at_the_field_and_nothing_is_saved(matter):
    si = SecurityInterestFactory(matter=matter)
    with pytest.raises(ValidationError) as refused:
        services.financing_statement_create(security_interest=si, data={**FILED, "file_number": "  "})
    assert refused.value.message_dict == {"file_number": [services.FILE_NUMBER_REQUIRED]}
    assert FinancingStatement.objects.count() == 0


def test_the_database_refuses_a_blank_file_number_too(matter):
    with pytest.raises(IntegrityError), transaction.atomic():
        FinancingStatementFactory(security_interest=SecurityInterestFactory(matter=matter), file_number="")


def test_a_continuation_the_day_before_the_window_is_refused_and_nothing_changes(matter):
    _, statement = _filed(matter)
    with pytest.raises(ValidationError) as refused:
        services.financing_statement_amend(statement=statement, kind="continuation", filing_date=date(2026, 12, 9))
    assert refused.value.message_dict == {
        "filing_date": [ucc.CONTINUATION_TOO_EARLY.format(opens=date(2026, 12, 10))]
    }
    statement.refresh_from_db()
    assert statement.lapse_date == date(2027, 6, 10)
    assert FinancingStatementAmendment.objects.count() == 0


def test_a_continuation_on_the_first_day_of_the_window_moves_the_lapse_five_years_from_the_old_lapse(matter):
    _, statement = _filed(matter)
    amendment = services.financing_statement_amend(
        statement=statement, kind="continuation", filing_date=date(2026, 12, 10), file_number="2026 0001"
    )
    statement.refresh_from_db()
    assert (amendment.lapse_date_before, amendment.lapse_date_after) == (date(2027, 6, 10), date(2032, 6, 10))
    assert statement.lapse_date == date(2032, 6, 10)
    done = Obligation.objects.get(source_key="continuation:2027-06-10")
    assert done.status == ObligationStatus.DONE
    [continuation] = _open(ObligationKind.UCC_CONTINUATION)
    assert (continuation.window_opens, continuation.window_closes) == (date(2031, 12, 10), date(2032, 6, 10))
    assert [o.due_date for o in _open(ObligationKind.UCC_LAPSE)] == [date(2032, 6, 10)]


def test_a_second_continuation_is_measured_from_the_new_lapse(matter):
    _, statement = _filed(matter)
    services.financing_statement_amend(statement=statement, kind="continuation", filing_date=date(2027, 6, 10))
    with pytest.raises(ValidationError):
        services.financing_statement_amend(statement=statement, kind="continuation", filing_date=date(2031, 12, 9))
    services.financing_statement_amend(statement=statement, kind="continuation", filing_date=date(2031, 12, 10))
    statement.refresh_from_db()
    assert statement.lapse_date == date(2037, 6, 10)


def test_a_continuation_after_lapse_is_refused(matter):
    _, statement = _filed(matter)
    with pytest.raises(ValidationError) as refused:
        services.financing_statement_amend(statement=statement, kind="continuation", filing_date=date(2027, 6, 11))
    assert "9-515(c)" in refused.value.message_dict["filing_date"][0]
    assert FinancingStatementAmendment.objects.count() == 0


@time_machine.travel(TODAY_NOON, tick=False)
def test_paying_off_the_secured_note_replaces_the_continuation_with_a_termination(matter):
    si = SecurityInterestFactory(matter=matter)
    note = secured_note(matter=matter, issuer=si.debtor, holder=si.secured_party)
    si.notes.add(note)
    statement = services.financing_statement_create(security_interest=si, data=FILED)
    assert len(_open(ObligationKind.UCC_CONTINUATION)) == 1
    note_repay(note, on=date(2026, 11, 20))
    si.refresh_from_db()
    assert si.paid_off_on == date(2026, 11, 20)
    assert _open(ObligationKind.UCC_CONTINUATION) == []
    assert _open(ObligationKind.UCC_LAPSE) == []
    [termination] = _open(ObligationKind.UCC_TERMINATION)
    assert termination.source_id == statement.pk
    assert termination.due_date == date(2026, 12, 10)  # Nov 20 + 20 days, a Thursday
    assert termination.clause == "UCC 9-513(c)"


@time_machine.travel(TODAY_NOON, tick=False)
def test_the_debtors_demand_restarts_the_twenty_days_and_the_termination_filing_closes_it(matter):
    si = SecurityInterestFactory(matter=matter)
    note = secured_note(matter=matter, issuer=si.debtor, holder=si.secured_party)
    si.notes.add(note)
    statement = services.financing_statement_create(security_interest=si, data=FILED)
    note_repay(note, on=date(2026, 11, 20))
    si.refresh_from_db()
    services.security_interest_record_demand(security_interest=si, demanded_on=date(2026, 12, 1))
    assert _open(ObligationKind.UCC_TERMINATION)[0].due_date == date(2026, 12, 21)
    services.financing_statement_amend(statement=statement, kind="termination", filing_date=date(2026, 12, 2))
    assert _open(ObligationKind.UCC_TERMINATION) == []
    assert Obligation.objects.get(kind=ObligationKind.UCC_TERMINATION).status == ObligationStatus.DONE


def test_a_demand_before_payoff_is_refused(matter):
    si = SecurityInterestFactory(matter=matter)
    with pytest.raises(ValidationError) as refused:
        services.security_interest_record_demand(security_interest=si, demanded_on=date(2026, 12, 1))
    assert refused.value.message_dict == {"termination_demanded_on": [services.DEMAND_BEFORE_PAYOFF]}


def test_the_same_party_cannot_be_debtor_and_secured_party(matter):
    party = PartyFactory()
    with pytest.raises(ValidationError) as refused:
        services.security_interest_create(
            matter=matter, data={"debtor": party, "secured_party": party, "collateral": "Inventory"}
        )
    assert refused.value.message_dict == {"secured_party": [services.SAME_PARTY]}


def test_the_lapse_sweep_marks_only_statements_past_their_lapse_date(matter):
    si = SecurityInterestFactory(matter=matter)
    old = FinancingStatementFactory(security_interest=si, filing_date=date(2021, 11, 23))
    current = FinancingStatementFactory(security_interest=si, filing_date=date(2021, 11, 24))
    assert services.financing_statements_mark_lapsed(today=date(2026, 11, 24)) == 1
    old.refresh_from_db()
    current.refresh_from_db()
    assert (old.status, current.status) == ("lapsed", "active")
