from decimal import Decimal

import pghistory.models
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from rates.models import RateIndex, RateValue

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def prime(index_with):
    return index_with("Prime (WSJ)", ("2023-07-27", "8.50"), ("2024-09-19", "8.00"), ("2024-12-19", "7.50"))


def test_counsel_creates_an_index_and_reads_it_back(api_as, counsel):
    api = api_as(counsel)
    created = api.post("/api/v1/rate-indexes/", {"name": "SOFR", "kind": "published", "source": "NY Fed"}, format="json")
    assert created.status_code == 201
    body = api.get(f"/api/v1/rate-indexes/{created.json()['id']}/").json()
    assert {k: body[k] for k in ("name", "kind", "unit", "latest_date", "latest_rate")} == {
        "name": "SOFR", "kind": "published", "unit": "percent_per_annum", "latest_date": None, "latest_rate": None,
    }


def test_the_list_gives_each_index_latest_value(api_as, cfo, prime):
    body = api_as(cfo).get("/api/v1/rate-indexes/").json()
    assert [(i["name"], i["latest_date"], i["latest_rate"]) for i in body["results"]] == [
        ("Prime (WSJ)", "2024-12-19", "7.500000")
    ]


def test_counsel_renames_an_index(api_as, counsel, prime):
    response = api_as(counsel).patch(f"/api/v1/rate-indexes/{prime.pk}/", {"name": "WSJ Prime"}, format="json")
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["latest_rate"]) == ("WSJ Prime", "7.500000")


def test_a_taken_name_or_a_bad_kind_is_a_400_naming_the_fields(api_as, counsel, prime):
    response = api_as(counsel).post("/api/v1/rate-indexes/", {"name": "prime (WSJ)", "kind": "lunar"}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()) == ["kind"]
    response = api_as(counsel).post("/api/v1/rate-indexes/", {"name": "prime (WSJ)", "kind": "bank"}, format="json")
    assert (response.status_code, response.json()) == (400, {"name": ["An index with this name already exists."]})


def test_the_values_are_listed_newest_first_and_filtered_by_from_and_to(api_as, cfo, prime):
    body = api_as(cfo).get(f"/api/v1/rate-indexes/{prime.pk}/values/", {"from": "2024-01-01", "to": "2024-12-19"}).json()
    assert [(v["date"], v["rate"]) for v in body["results"]] == [("2024-12-19", "7.500000"), ("2024-09-19", "8.000000")]


def test_a_malformed_from_or_to_is_a_400_naming_it(api_as, cfo, prime):
    response = api_as(cfo).get(f"/api/v1/rate-indexes/{prime.pk}/values/", {"from": "yesterday", "to": "2400-01-01"})
    assert response.status_code == 400
    assert sorted(response.json()) == ["from", "to"]


def test_posting_a_value_creates_it_and_posting_its_date_again_updates_it(api_as, counsel, prime):
    api = api_as(counsel)
    created = api.post(f"/api/v1/rate-indexes/{prime.pk}/values/", {"date": "2025-09-18", "rate": "7.25"}, format="json")
    assert (created.status_code, created.json()["rate"], created.json()["recorded_by"]) == (201, "7.250000", "casey")
    updated = api.post(f"/api/v1/rate-indexes/{prime.pk}/values/", {"date": "2025-09-18", "rate": "7.20"}, format="json")
    assert (updated.status_code, updated.json()["id"], updated.json()["rate"]) == (200, created.json()["id"], "7.200000")
    value = RateValue.objects.get(pk=created.json()["id"])
    assert [e.pgh_label for e in pghistory.models.Events.objects.tracks(value).order_by("pgh_id")] == ["insert", "update"]


def test_a_bad_value_is_a_400_naming_each_field_and_saves_nothing(api_as, counsel, prime):
    response = api_as(counsel).post(
        f"/api/v1/rate-indexes/{prime.pk}/values/", {"date": "2400-01-01", "rate": "250"}, format="json"
    )
    assert response.status_code == 400
    assert sorted(response.json()) == ["date", "rate"]
    assert prime.values.count() == 3


def test_a_value_of_an_index_that_does_not_exist_is_a_404(api_as, counsel):
    response = api_as(counsel).post("/api/v1/rate-indexes/999999/values/", {"date": "2025-01-02", "rate": "5"}, format="json")
    assert response.status_code == 404


def test_a_csv_import_records_every_line(api_as, counsel, prime):
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n2025-09-18,7.25%\n2024-12-19,7.50\n")
    response = api_as(counsel).post(f"/api/v1/rate-indexes/{prime.pk}/values/import/", {"file": upload}, format="multipart")
    assert (response.status_code, response.json()) == (201, {"added": 1, "changed": 0, "unchanged": 1})


def test_a_csv_import_with_a_bad_line_is_a_400_with_the_line_and_saves_nothing(api_as, counsel, prime):
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n2025-09-18,7.25\n2025-02-30,7\n")
    response = api_as(counsel).post(f"/api/v1/rate-indexes/{prime.pk}/values/import/", {"file": upload}, format="multipart")
    assert (response.status_code, response.json()) == (
        400, {"file": ["Line 3: '2025-02-30' is not a date; use YYYY-MM-DD or MM/DD/YYYY."]}
    )
    assert prime.values.count() == 3


def test_a_csv_import_without_a_file_is_a_400(api_as, counsel, prime):
    response = api_as(counsel).post(f"/api/v1/rate-indexes/{prime.pk}/values/import/", {}, format="multipart")
    assert (response.status_code, list(response.json())) == (400, ["file"])


def test_finance_reads_but_gets_403_on_every_write(api_as, cfo, prime):
    api = api_as(cfo)
    upload = SimpleUploadedFile("prime.csv", b"date,rate\n2025-09-18,7.25\n")
    assert api.get(f"/api/v1/rate-indexes/{prime.pk}/values/").status_code == 200
    assert [
        api.post("/api/v1/rate-indexes/", {"name": "SOFR", "kind": "published"}, format="json").status_code,
        api.patch(f"/api/v1/rate-indexes/{prime.pk}/", {"name": "X"}, format="json").status_code,
        api.post(f"/api/v1/rate-indexes/{prime.pk}/values/", {"date": "2025-09-18", "rate": "7.25"}, format="json").status_code,
        api.post(f"/api/v1/rate-indexes/{prime.pk}/values/import/", {"file": upload}, format="multipart").status_code,
    ] == [403, 403, 403, 403]
    assert (RateIndex.objects.count(), RateValue.objects.count()) == (1, 3)


def test_anonymous_requests_get_401(prime):
    api = APIClient()
    assert [
        api.get("/api/v1/rate-indexes/").status_code,
        api.get(f"/api/v1/rate-indexes/{prime.pk}/values/").status_code,
        api.post(f"/api/v1/rate-indexes/{prime.pk}/values/", {"date": "2025-09-18", "rate": "7.25"}).status_code,
    ] == [401, 401, 401]


def test_the_openapi_schema_documents_the_values_and_the_import(api_as, cfo):
    schema = api_as(cfo).get("/api/v1/schema/", {"format": "json"}).json()
    assert {"/api/v1/rate-indexes/", "/api/v1/rate-indexes/{index_pk}/values/",
            "/api/v1/rate-indexes/{index_pk}/values/import/"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/v1/rate-indexes/{index_pk}/values/"]["get"]["parameters"]}
    assert {"from", "to"} <= params
