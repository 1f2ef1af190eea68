"""Proofreading: the nine shared agreements report only slips their text shows; an error of
each kind injected into a copy is found; findings are stored per version and shown in the viewer."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench._proofreading_cases import EXPECTED, INJECTIONS, inject
from documents.models import Finding
from documents.proofreading import KINDS, proofread_json, words

# Copies of the nine agreements in ../shared/agreements (the clone may stand alone).
SHARED = Path(__file__).parent / "fixtures"

def _proves(text: str, proof: tuple[str, str]) -> bool:
    how, what = proof
    flat = words(text)
    return {
        "present": lambda: what in flat,
        "absent": lambda: re.search(what, text, re.MULTILINE | re.IGNORECASE) is None,
        "count1": lambda: flat.count(what) == 1,  # the definition itself is the only occurrence
    }[how]()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_original_agreement_reports_only_slips_its_text_shows(name):
    text = (SHARED / name).read_text(encoding="utf-8")
    found = [(f["kind"], f["line"], f["text"]) for f in proofread_json(text)]
    assert found == [(kind, line, shown) for kind, line, shown, _ in EXPECTED[name]]
    assert [proof for *_, proof in EXPECTED[name] if not _proves(text, proof)] == []


CASES = [(name, case) for name, cases in INJECTIONS.items() for case in cases]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{name[:8]}-{case.kind}" for name, case in CASES])
def test_an_error_injected_into_a_copy_is_found_with_its_words(name, case):
    original = (SHARED / name).read_text(encoding="utf-8")
    before = {(f["kind"], f["text"]) for f in proofread_json(original)}
    after = {(f["kind"], f["text"]) for f in proofread_json(inject(original, case))}
    assert after - before == {(case.kind, case.words)}


def test_every_kind_is_injected_into_the_seed_agreement():
    assert sorted(case.kind for case in INJECTIONS["roo-group-note-purchase-agreement-2005.txt"]) == sorted(KINDS)


def test_the_command_prints_the_findings_as_json_with_their_lines(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text('NOTE\n\nDated Monday, May 18, 2005.\nThe sum of Five Hundred Dollars\n($500,500) is due on\n'
                    'February 30, 2006.\n', encoding="utf-8")
    out = StringIO()
    call_command("proofread", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {"kind": "weekday_mismatch", "line": 3, "text": "Monday, May 18, 2005",
         "message": "May 18, 2005 was a Wednesday, not a Monday."},
        {"kind": "amount_words_mismatch", "line": 4, "text": "Five Hundred Dollars ($500,500)",
         "message": "The words say 500 but the numerals say $500,500."},
        {"kind": "impossible_date", "line": 6, "text": "February 30, 2006", "message": "February has no day 30 in 2006."},
    ]


def test_february_29_exists_in_a_leap_year_only():
    assert [f["text"] for f in proofread_json("on February 29, 2008 and February 29, 2009")] == ["February 29, 2009"]


def test_reading_stores_the_findings_and_the_viewer_links_to_each_escaped(read_document, client_as, counsel, upload):
    text = b'LOAN\n\n1. LOAN. The Lender <b>lends</b> Ten Dollars ($11) on June 31, 2010 under Section 9.\n'
    document_text = read_document(upload("loan.txt", text))
    findings = list(Finding.objects.filter(document_text=document_text).values_list("kind", "line", "words"))
    assert findings == [("amount_words_mismatch", 3, "Ten Dollars ($11)"), ("impossible_date", 3, "June 31, 2010")]
    first = Finding.objects.filter(document_text=document_text).first()
    page = client_as(counsel).get(f"/documents/{document_text.document_id}/").content.decode()
    assert f'href="#f{first.pk}"' in page and f'id="f{first.pk}"' in page
    assert f'<a href="#f{first.pk}">Amount in words disagrees with its numerals</a> · line 3 · §1 ·' in page
    assert "Amount in words disagrees with its numerals" in page and "amount_words_mismatch" not in page
    assert "&lt;b&gt;lends&lt;/b&gt;" in page and "<b>lends</b>" not in page


def test_reading_a_version_again_replaces_its_findings(read_document, upload):
    document_text = read_document(upload("loan.txt", b"Due on June 31, 2010.\n"))
    from documents import reading, services

    services.document_text_store(document_text=document_text, result=reading.read_txt(b"Due on June 30, 2010.\n"))
    assert Finding.objects.filter(document_text=document_text).count() == 0
