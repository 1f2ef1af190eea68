"""A margin (pricing) grid: the margin over the index set by the level of a reported ratio, from
each report's date; refused grids and ratios say why and save nothing."""

from datetime import date
from decimal import Decimal

import pytest

from notes.facility_services import margin_grid_set, margin_ratio_record
from notes.margins import Level
from notes.models import MarginLevel, MarginRatio, NoteSnapshot
from notes.selectors import note_position, rate_explanation
from rates.models import RateIndex, RateValue
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal

# The grid of a leverage-priced credit agreement: < 1.50 to 1.00: 1.75%; >= 1.50 and < 2.25: 2.00%;
# >= 2.25: 2.50%.
GRID = [Level("Level I", None, D("1.50"), D("1.75")), Level("Level II", D("1.50"), D("2.25"), D("2.00")),
        Level("Level III", D("2.25"), None, D("2.50"))]


@pytest.fixture
def prime():
    index = RateIndex.objects.create(name="Prime")
    RateValue.objects.create(index=index, effective_date=date(2025, 12, 1), rate=D("7.25"))
    return index


@pytest.fixture
def loan(matter, prime):
    return NoteFactory(matter=matter, interest_rate=None, rate_index=prime, spread=D("2.00"), day_count="ACT/360",
                       principal=D("1000000.00"), purchase_price=D("1000000.00"), issue_date=date(2026, 1, 1),
                       maturity_date=date(2029, 1, 1))


def test_each_reported_ratio_sets_the_margin_from_its_date_to_the_cent(loan):
    margin_grid_set(note=loan, levels=GRID)
    margin_ratio_record(note=loan, effective_date=date(2026, 4, 1), ratio=D("2.40"), source="Q4 2025 certificate")
    margin_ratio_record(note=loan, effective_date=date(2026, 7, 1), ratio=D("1.20"), source="Q1 2026 certificate")
    # Jan 1 - Apr 1, 90 days, before any report: the note's spread, 7.25% + 2.00% = 9.25%:
    #   1,000,000 x 9.25% x 90/360 = 23,125.00
    # Apr 1 - Jul 1, 91 days, ratio 2.40 (Level III): 7.25% + 2.50% = 9.75%:
    #   1,000,000 x 9.75% x 91/360 = 24,645.833...
    # Jul 1 - Aug 1, 31 days, ratio 1.20 (Level I): 7.25% + 1.75% = 9.00%:
    #   1,000,000 x 9.00% x 31/360 = 7,750.00
    # 23,125.00 + 24,645.833... + 7,750.00 = 55,520.833... -> 55,520.83
    position = note_position(loan, date(2026, 8, 1))
    assert position.accrued_interest.quantize(D("0.01")) == D("55520.83")
    assert note_position(loan, date(2026, 5, 1)).current_rate == D("9.75")
    assert rate_explanation(loan, date(2026, 5, 1)) == (
        "Prime 7.25% + 2.50% = 9.75% (margin of Level III: ratio 2.4 from Apr 01, 2026)")
    assert not NoteSnapshot.objects.get(note=loan).stale


def test_a_ratio_changed_outside_the_services_marks_the_snapshot_stale(loan):
    margin_grid_set(note=loan, levels=GRID)
    margin_ratio_record(note=loan, effective_date=date(2026, 4, 1), ratio=D("2.40"))
    MarginRatio.objects.filter(note=loan).update(ratio=D("1.60"))
    assert NoteSnapshot.objects.get(note=loan).stale
    # Read from the ledger: Level II from Apr 1, 7.25% + 2.00%.
    assert note_position(loan, date(2026, 5, 1)).current_rate == D("9.25")


def test_overlapping_levels_a_ratio_in_no_level_and_a_grid_on_a_fixed_note_are_refused(matter, loan):
    with pytest.raises(Exception, match="Level I and Level II overlap: a ratio of 1.40 would fall in both"):
        margin_grid_set(note=loan, levels=[Level("Level I", None, D("1.60"), D("1.75")),
                                           Level("Level II", D("1.40"), None, D("2.00"))])
    with pytest.raises(Exception, match="Enter the note's margin grid before recording a ratio"):
        margin_ratio_record(note=loan, effective_date=date(2026, 4, 1), ratio=D("1.00"))
    margin_grid_set(note=loan, levels=[Level("Low", None, D("1.00"), D("1.50")), Level("High", D("2.00"), None, D("3.00"))])
    with pytest.raises(Exception, match="A ratio of 1.50 falls in no level of the grid"):
        margin_ratio_record(note=loan, effective_date=date(2026, 4, 1), ratio=D("1.50"))
    with pytest.raises(Exception, match="before the issue date"):
        margin_ratio_record(note=loan, effective_date=date(2025, 12, 1), ratio=D("0.50"))
    fixed = NoteFactory(matter=matter, interest_rate=D("8"))
    with pytest.raises(Exception, match="make the note floating first"):
        margin_grid_set(note=fixed, levels=GRID)
    assert MarginRatio.objects.count() == 0
    assert list(MarginLevel.objects.filter(note=loan).values_list("name", flat=True)) == ["Low", "High"]


def test_a_negative_margin_that_makes_the_rate_negative_without_a_floor_saves_nothing(loan, prime):
    RateValue.objects.create(index=prime, effective_date=date(2026, 3, 1), rate=D("0.25"))
    margin_grid_set(note=loan, levels=[Level("A", None, D("2"), D("-1.00")), Level("B", D("2"), None, D("1.00"))])
    with pytest.raises(Exception) as refused:
        margin_ratio_record(note=loan, effective_date=date(2026, 4, 1), ratio=D("1.50"))
    assert "ratio" in refused.value.message_dict
    assert MarginRatio.objects.count() == 0


def test_the_api_records_the_grid_and_a_ratio_and_refuses_bad_ones_with_field_errors(loan, api_as, counsel, cfo):
    api = api_as(counsel)
    grid = {"levels": [{"name": "Level I", "ratio_below": "1.50", "margin": "1.75"},
                       {"name": "Level II", "ratio_from": "1.50", "margin": "2.25"}]}
    assert api.post(f"/api/v1/notes/{loan.pk}/margin-grid/", grid, format="json").status_code == 201
    made = api.post(f"/api/v1/notes/{loan.pk}/margin-ratios/", {"effective_date": "2026-02-01", "ratio": "1.80",
                                                                  "source": "Certificate"}, format="json")
    assert made.status_code == 201
    assert made.json() == {"effective_date": "2026-02-01", "ratio": "1.8000", "source": "Certificate",
                           "margin": "2.250000", "level": "Level II"}
    position = api.get(f"/api/v1/notes/{loan.pk}/position/?as_of=2026-03-01").json()
    assert position["current_rate"] == "9.500000"  # 7.25% + 2.25%
    overlap = api.post(f"/api/v1/notes/{loan.pk}/margin-grid/", {"levels": [
        {"ratio_below": "2", "margin": "1"}, {"ratio_from": "1", "margin": "2"}]}, format="json")
    assert overlap.status_code == 400 and "levels" in overlap.json()
    assert api.get(f"/api/v1/notes/{loan.pk}/margin-grid/").json()[1]["margin"] == "2.250000"
    cfo_api = api_as(cfo)
    assert cfo_api.get(f"/api/v1/notes/{loan.pk}/margin-ratios/").status_code == 200
    assert cfo_api.post(f"/api/v1/notes/{loan.pk}/margin-ratios/", {"effective_date": "2026-03-01", "ratio": "1"},
                        format="json").status_code == 403


def test_counsel_enters_the_grid_and_a_ratio_on_the_page(loan, client_as, counsel):
    client = client_as(counsel)
    form = {"levels-TOTAL_FORMS": "5", "levels-INITIAL_FORMS": "0", "levels-0-name": "Level I",
            "levels-0-ratio_below": "1.50", "levels-0-margin": "1.75", "levels-1-name": "Level II",
            "levels-1-ratio_from": "1.50", "levels-1-margin": "2.50"}
    assert client.post(f"/notes/{loan.pk}/margin-grid/", form).status_code == 302
    assert client.post(f"/notes/{loan.pk}/margin-ratios/", {"effective_date": "2026-03-01", "ratio": "1.70",
                                                             "source": "Q4 <b>certificate</b>"}).status_code == 302
    page = client.get(f"/notes/{loan.pk}/?as_of=2026-04-01").content.decode()
    assert "at least 1.5" in page and "Level II" in page
    assert "Prime 7.25% + 2.50% = 9.75% (margin of Level II: ratio 1.7 from Mar 01, 2026)" in page
    refused = client.post(f"/notes/{loan.pk}/margin-ratios/", {"effective_date": "2026-03-01", "ratio": ""})
    assert refused.status_code == 400 and "This field is required" in refused.content.decode()
    overlap = dict(form, **{"levels-1-ratio_from": "1.00"})
    response = client.post(f"/notes/{loan.pk}/margin-grid/", overlap)
    assert response.status_code == 400
    assert "Level I and Level II overlap" in response.content.decode()
