import pytest
from django.core.management import call_command

from deadlines.models import Obligation, ObligationKind, ObligationStatus
from matters.demo import ROO_MATTER
from security_interests.models import FinancingStatement, SecurityInterest

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_seeds_all_assets_lien_with_its_ucc1_still_to_file_and_runs_twice():
    call_command("load_demo")
    call_command("load_demo")
    si = SecurityInterest.objects.get(matter__name=ROO_MATTER)
    assert (si.debtor.legal_name, si.secured_party.legal_name, si.all_assets) == ("ROO Group, Inc.", "Robert Petty", True)
    assert si.granting_clause == "a general security interest in and to any and all assets of the Company"
    filing = Obligation.objects.get(matter=si.matter, kind=ObligationKind.UCC_FILING)
    assert (filing.title, filing.status) == ("File UCC-1 with the Delaware Secretary of State", ObligationStatus.OPEN)
    assert [note.title for note in si.notes.all()] == ["Exhibit A: $600,000 Secured Promissory Note"]


def test_the_current_demo_matter_carries_a_ucc1_whose_continuation_window_opens_soon():
    call_command("load_demo")
    statement = FinancingStatement.objects.exclude(security_interest__matter__name=ROO_MATTER).get()
    assert (statement.filing_date.isoformat(), statement.lapse_date.isoformat()) == ("2022-06-10", "2027-06-10")
    continuation = Obligation.objects.get(kind=ObligationKind.UCC_CONTINUATION, status=ObligationStatus.OPEN)
    assert continuation.window_opens.isoformat() == "2026-12-10"
