from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rates.models import RateIndex, RateValue
from tests.rates.factories import RateIndexFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def prime(index_with):
    return index_with("Prime (WSJ)", ("2023-07-27", "8.50"), ("2024-12-19", "7.50"))


def test_the_list_shows_each_index_with_its_latest_rate_and_date(client_as, cfo, prime):
    html = client_as(cfo).get("/rates/").content.decode()
    assert "Prime (WSJ)" in html
    assert '<td class="text-end" data-testid="latest-rate">7.50%</td><td>2024-12-19</td>' in html


def test_counsel_creates_an_index_and_is_sent_to_it(client_as, counsel):
    response = client_as(counsel).post("/rates/new/", {"name": "SOFR", "kind": "published", "source": "NY Fed"})
    index = RateIndex.objects.get(name="SOFR")
    assert response.status_code == 302
    assert response["Location"] == f"/rates/{index.pk}/"
    assert index.created_by == counsel


def test_a_taken_name_is_shown_at_the_field(client_as, counsel, prime):
    response = client_as(counsel).post("/rates/new/", {"name": "PRIME (wsj)", "kind": "published"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["An index with this name already exists."]}


def test_counsel_records_a_value_and_sees_it_newest_first(client_as, counsel, prime):
    client = client_as(counsel)
    response = client.post(f"/rates/{prime.pk}/values/new/", {"effective_date": "2025-09-18", "rate": "7.25"})
    assert response.status_code == 302
    value = prime.values.get(effective_date=date(2025, 9, 18))
    assert (value.rate, value.recorded_by) == (D("7.25"), counsel)
    rows = client.get(f"/rates/{prime.pk}/").context["page"].object_list
    assert [v.effective_date for v in rows] == [date(2025, 9, 18), date(2024, 12, 19), date(2023, 7, 27)]


def test_bad_value_input_is_shown_at_each_field_and_nothing_is_saved(client_as, counsel, prime):
    response = client_as(counsel).post(
        f"/rates/{prime.pk}/values/new/", {"effective_date": "2400-01-01", "rate": "101"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "effective_date": ["Enter a date between 1 January 1900 and 31 December 2200."],
        "rate": ["Enter a rate between -100% and 100% a year."],
    }
    html = response.content.decode()
    assert 'id="error_1_id_effective_date"' in html
    assert 'id="error_1_id_rate"' in html
    assert prime.values.count() == 2


def test_a_rate_that_is_not_a_number_is_shown_at_the_field(client_as, counsel, prime):
    response = client_as(counsel).post(f"/rates/{prime.pk}/values/new/", {"effective_date": "2025-01-02", "rate": "NaN"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["rate"]


def test_finance_reads_the_index_page_without_the_record_form(client_as, cfo, prime):
    response = client_as(cfo).get(f"/rates/{prime.pk}/")
    assert response.status_code == 200
    assert response.context["value_form"] is None


@pytest.mark.parametrize("path", ["/rates/new/", "/rates/{pk}/edit/", "/rates/{pk}/values/new/", "/rates/{pk}/import/"])
def test_finance_gets_403_on_every_write(client_as, cfo, prime, path):
    response = client_as(cfo).post(path.format(pk=prime.pk), {"name": "X", "effective_date": "2025-01-02", "rate": "1"})
    assert response.status_code == 403
    assert (RateIndex.objects.count(), RateValue.objects.count()) == (1, 2)


def test_finance_cannot_delete_a_value(client_as, cfo, prime):
    value = prime.values.first()
    response = client_as(cfo).post(f"/rates/{prime.pk}/values/{value.pk}/delete/")
    assert response.status_code == 403
    assert prime.values.count() == 2


def test_counsel_deletes_a_value_by_post_only(client_as, counsel, prime):
    value = prime.values.get(effective_date=date(2024, 12, 19))
    client = client_as(counsel)
    assert client.get(f"/rates/{prime.pk}/values/{value.pk}/delete/").status_code == 405
    assert client.post(f"/rates/{prime.pk}/values/{value.pk}/delete/").status_code == 302
    assert list(prime.values.values_list("effective_date", flat=True)) == [date(2023, 7, 27)]


def test_an_import_with_a_bad_line_shows_the_line_errors_and_saves_nothing(client_as, counsel, prime):
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n2025-09-18,7.25\n2025-10-30,seven\n")
    response = client_as(counsel).post(f"/rates/{prime.pk}/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["Line 3: 'seven' is not a rate; write percent a year, e.g. 7.25 or 7.25%."]
    }
    assert "Line 3: &#x27;seven&#x27; is not a rate" in response.content.decode()
    assert prime.values.count() == 2


def test_a_good_import_records_every_line(client_as, counsel, prime):
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n9/18/2025,7.25%\n10/30/2025,7.00%\n")
    response = client_as(counsel).post(f"/rates/{prime.pk}/import/", {"file": upload}, follow=True)
    assert "Imported 2 new values and changed 0; 0 were already recorded." in response.content.decode()
    assert prime.values.count() == 4


def test_the_lookup_explains_prime_minus_one_percent(client_as, cfo, prime):
    response = client_as(cfo).get(f"/rates/{prime.pk}/lookup/", {"day": "2025-01-15", "spread": "-1.00"})
    assert response.context["answer"]["words"] == "Prime (WSJ) 7.50% - 1.00% = 6.50%"
    assert "Prime (WSJ) 7.50% - 1.00% = 6.50%" in response.content.decode()


def test_the_lookup_says_when_the_floor_applies(client_as, cfo, prime):
    response = client_as(cfo).get(
        f"/rates/{prime.pk}/lookup/", {"day": "2025-01-15", "spread": "-5", "floor": "3"}
    )
    assert response.context["answer"]["words"] == "Prime (WSJ) 7.50% - 5.00% = 2.50%; floor 3.00% applies: 3.00%"


def test_the_lookup_before_the_first_value_says_so_at_the_date(client_as, cfo, prime):
    response = client_as(cfo).get(f"/rates/{prime.pk}/lookup/", {"day": "2020-01-15"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "day": ["Prime (WSJ) has no value on or before 2020-01-15; record the rate in effect on that day."]
    }


def test_a_negative_all_in_rate_without_floor_is_shown_at_the_floor(client_as, cfo, prime):
    response = client_as(cfo).get(f"/rates/{prime.pk}/lookup/", {"day": "2025-01-15", "spread": "-9"})
    assert list(response.context["form"].errors) == ["floor"]


def test_a_malformed_lookup_is_shown_at_the_fields(client_as, cfo, prime):
    response = client_as(cfo).get(
        f"/rates/{prime.pk}/lookup/", {"day": "15/15/2025", "spread": "x", "lookback": "99", "calendar": "MARS"}
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["calendar", "day", "lookback", "spread"]


def test_the_lookup_with_a_lookback_names_the_fixing_day(client_as, cfo, index_with):
    sofr = index_with("SOFR", ("2024-07-03", "5.33"), ("2024-07-05", "5.32"))
    response = client_as(cfo).get(
        f"/rates/{sofr.pk}/lookup/", {"day": "2024-07-08", "lookback": "2", "calendar": "NY_BANKS", "spread": "2.5"}
    )
    assert response.context["answer"]["fixing"] == date(2024, 7, 3)
    assert response.context["answer"]["words"] == "SOFR 5.33% + 2.50% = 7.83%"
    assert "Fixed on 2024-07-03, 2 business days before 2024-07-08: SOFR 5.33%" in response.content.decode()


def test_an_index_name_is_escaped_on_its_page(client_as, cfo):
    index = RateIndexFactory(name="<script>alert(1)</script>")
    html = client_as(cfo).get(f"/rates/{index.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_anonymous_visitors_are_sent_to_log_in(client, prime):
    response = client.get("/rates/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_index_page_shows_a_changed_value_with_its_earlier_rate_and_who_changed_it(client_as, counsel):
    index = RateIndexFactory(name="SOFR")
    client = client_as(counsel)
    client.post(f"/rates/{index.pk}/values/new/", {"effective_date": "2024-07-03", "rate": "5.35"})
    client.post(f"/rates/{index.pk}/values/new/", {"effective_date": "2024-07-03", "rate": "5.33"})
    changes = client.get(f"/rates/{index.pk}/").context["value_changes"]
    assert [(c.action, c.effective_date, c.rate, c.who) for c in changes] == [
        ("changed", date(2024, 7, 3), D("5.33"), counsel.display_name),
        ("recorded", date(2024, 7, 3), D("5.35"), counsel.display_name),
    ]
