from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from closings.models import Closing
from deadlines.models import Obligation, ObligationKind, ObligationStatus
from notes.models import TransactionKind
from notes.services import note_transaction_record
from security_interests import services
from security_interests.obligations import DATE_NOT_KNOWN
from tests.security_interests.factories import SecurityInterestFactory
from tests.security_interests.notes import note_repay, secured_note

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
TODAY_NOON = datetime(2026, 11, 24, 12, tzinfo=NEW_YORK)
FILED = {"filing_office": "Delaware", "file_number": "2022 4817203", "filing_date": date(2022, 6, 10)}


def _secured_and_filed(matter, notes=1):
    si = SecurityInterestFactory(matter=matter)
    made = [secured_note(matter=matter, issuer=si.debtor, holder=si.secured_party) for _ in range(notes)]
    si.notes.add(*made)
    services.financing_statement_create(security_interest=si, data=FILED)
    return si, made


def _termination_due() -> list[date]:
    return [o.due_date for o in Obligation.objects.filter(kind=ObligationKind.UCC_TERMINATION, status=ObligationStatus.OPEN)]


@time_machine.travel(TODAY_NOON, tick=False)
def test_converting_the_secured_note_starts_the_termination_deadline(matter):
    _, [note] = _secured_and_filed(matter)
    note_transaction_record(note=note, kind=TransactionKind.CONVERSION, date=date(2026, 11, 20))
    assert _termination_due() == [date(2026, 12, 10)]


@time_machine.travel(TODAY_NOON, tick=False)
def test_writing_off_the_secured_note_starts_the_termination_deadline(matter):
    _, [note] = _secured_and_filed(matter)
    note_transaction_record(note=note, kind=TransactionKind.WRITE_OFF, date=date(2026, 11, 18))
    assert _termination_due() == [date(2026, 12, 8)]


@time_machine.travel(TODAY_NOON, tick=False)
def test_one_note_repaid_and_one_converted_end_the_secured_obligation_on_the_later_day(matter):
    _, [first, second] = _secured_and_filed(matter, notes=2)
    note_repay(first, on=date(2026, 11, 2))
    assert _termination_due() == []
    note_transaction_record(note=second, kind=TransactionKind.CONVERSION, date=date(2026, 11, 20))
    assert _termination_due() == [date(2026, 12, 10)]


def test_without_a_grant_date_the_ucc1_is_due_on_the_closing_date_and_does_not_move(matter):
    Closing.objects.create(matter=matter, status="closed", closed_on=date(2026, 6, 4))
    with time_machine.travel(TODAY_NOON, tick=False):
        si = services.security_interest_create(matter=matter, data={
            "debtor": matter.client, "secured_party": SecurityInterestFactory(matter=matter).secured_party,
            "collateral": "All assets", "all_assets": True})
    with time_machine.travel(datetime(2026, 12, 24, 12, tzinfo=NEW_YORK), tick=False):
        services.security_interest_sync(security_interest=si)
    obligation = Obligation.objects.get(source_id=si.pk, source_key="ucc1")
    assert obligation.due_date == date(2026, 6, 4)
    assert "closing date" in obligation.description


@time_machine.travel(TODAY_NOON, tick=False)
def test_without_a_grant_or_closing_date_the_ucc1_date_is_not_known_and_flagged(client_as, counsel, matter):
    si = services.security_interest_create(matter=matter, data={
        "debtor": matter.client, "secured_party": SecurityInterestFactory(matter=matter).secured_party,
        "collateral": "All assets", "all_assets": True})
    assert not Obligation.objects.filter(source_id=si.pk, source_key="ucc1").exists()  # never "today"
    page = client_as(counsel).get(f"/security-interests/{si.pk}/").content.decode()
    assert "date not known" in page and DATE_NOT_KNOWN in page
