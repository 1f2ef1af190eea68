"""Every numbered section of the seed (the ROO Group note purchase agreement of May 18, 2005) is
held by a structured record in the demo: parsed from the agreement's text here, each section is
mapped to the records that hold it. Free text (the executed copy, a description) does not count."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from agreements.models import Agreement, Clause, NoticeRule
from closings.models import Closing, Deliverable
from covenants.models import Covenant
from matters.demo import ROO_MATTER
from notes.models import Note
from notices.letter import _signature_block
from notices.models import Notice
from representations.models import Representation
from security_interests.models import SecurityInterest

pytestmark = pytest.mark.django_db
SEED = Path("/work/shared/agreements/roo-group-note-purchase-agreement-2005.txt")
SEED_COPY = Path(__file__).parents[2] / "agreements" / "demo_files" / SEED.name
# "      4.1 Due Organization..." or "      7.    Miscellaneous": an indented number with a dot.
NUMBERED = re.compile(r"^ {2,10}(\d+\.(?:\d+)?)\s", re.MULTILINE)


def _seed_numbers() -> list[str]:
    text = (SEED if SEED.exists() else SEED_COPY).read_text()
    return [number.rstrip(".") for number in NUMBERED.findall(text)]


def _holders(npa: Agreement) -> dict[str, object]:
    """For each section, a query of the structured records that hold it."""
    matter = npa.matter
    reps = Representation.objects.filter(agreement=npa)
    clauses = Clause.objects.filter(agreement=npa)
    deliverables = Deliverable.objects.filter(closing__matter=matter)
    return {
        # §1: the Note, sold to Petty, secured by a general security interest in all assets.
        "1": [Note.objects.filter(agreement__parent=npa, principal=Decimal("600000.00"), secured=True),
              SecurityInterest.objects.filter(matter=matter, clause_reference="§1")],
        # §2: the purchase price, $500,500.
        "2": Note.objects.filter(agreement__parent=npa, purchase_price=Decimal("500500.00")),
        "3": Closing.objects.filter(matter=matter, clause__startswith="§3"),
        "3.1": Closing.objects.filter(matter=matter, clause="§3.1", simultaneous_with_signing=True),
        "3.2": deliverables.filter(clause__startswith="§3.2"),
        "3.3": deliverables.filter(clause="§3.3", amount=Decimal("500500.00")),
        "4": reps.filter(clause__startswith="§4."),
        "5": reps.filter(clause__startswith="§5."),
        **{n: reps.filter(clause=f"§{n}") for n in ("4.1", "4.2", "4.3", "5.1", "5.2")},
        "6": Covenant.objects.filter(agreement=npa, kind="post_closing"),
        "6.1": Covenant.objects.filter(agreement=npa, kind="post_closing", clause="§6.1", consents__isnull=False),
        "7": clauses.filter(clause__startswith="§7."),
        **{f"7.{n}": clauses.filter(clause=f"§7.{n}") for n in range(1, 10)},
    }


def test_every_numbered_section_of_the_seed_is_held_by_a_structured_record_in_the_demo():
    call_command("load_demo", verbosity=0)
    npa = Agreement.objects.get(matter__name=ROO_MATTER, kind="note_purchase")
    numbers = _seed_numbers()
    holders = _holders(npa)
    # 1, 2, 3 (3.1-3.3), 4 (4.1-4.3), 5 (5.1, 5.2), 6 (6.1), 7 (7.1-7.9): 25 sections.
    assert len(numbers) == 25
    assert sorted(numbers) == sorted(holders)
    empty = [n for n in numbers
             if not all(q.exists() for q in (holders[n] if isinstance(holders[n], list) else [holders[n]]))]
    assert empty == []

    # The register: three by the Company to Petty, two by Petty to the Company, none with a survival
    # period stated, none brought down by certificate (the closing was simultaneous with signing).
    register = list(Representation.objects.filter(agreement=npa).values_list(
        "clause", "party__legal_name", "given_to__legal_name", "survival", "brought_down_by_certificate"))
    assert register == [
        ("§4.1", "ROO Group, Inc.", "Robert Petty", "", False), ("§4.2", "ROO Group, Inc.", "Robert Petty", "", False),
        ("§4.3", "ROO Group, Inc.", "Robert Petty", "", False), ("§5.1", "Robert Petty", "ROO Group, Inc.", "", False),
        ("§5.2", "Robert Petty", "ROO Group, Inc.", "", False)]
    assert Representation.objects.get(agreement=npa, clause="§5.2").text == (
        "Petty has sufficient knowledge and experience of financial and business matters, is able to evaluate the "
        "merits and risks of purchasing the Note and has had substantial experience in previous private and public "
        "purchases of securities.")
    assert list(Clause.objects.filter(agreement=npa, clause="§7.1").values_list("kind", flat=True)) == [
        "binding_effect", "assignment", "no_third_party"]
    assert NoticeRule.objects.filter(agreement=npa, clause="§7.2").count() == 4
    assert (npa.governing_law, npa.governing_law_clause) == ("New York", "§7.6")
    assert "as determined by the arbitrators" in npa.arbitration_costs
    consent = Covenant.objects.get(agreement=npa, clause="§6.1").consents.get()
    assert (consent.due_date.isoformat(), consent.obtained_on.isoformat()) == ("2005-05-18", "2005-05-18")

    # Letters from the Company are signed by Robin Smyth, Chief Financial Officer; Petty signs for himself.
    roo, petty = npa.agreement_parties.get(role="company").party, npa.agreement_parties.get(role="purchaser").party
    assert _signature_block(Notice(agreement=npa, sender=roo))[-2:] == ["Name: Robin Smyth",
                                                                         "Title: Chief Financial Officer"]
    assert _signature_block(Notice(agreement=npa, sender=petty))[-2:] == ["Name: Robert Petty", "Title: "]

