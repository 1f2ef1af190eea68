"""API conventions every endpoint shares: range errors are 400s, and the schema lists the error
answers every operation can give."""

import pytest
from django.db import DataError
from drf_spectacular.generators import SchemaGenerator

from core.api import OUT_OF_RANGE, exception_handler


def test_a_date_overflow_from_user_input_is_a_400_not_a_500():
    response = exception_handler(OverflowError("date value out of range"), {"view": None})
    assert (response.status_code, response.data) == (400, {"non_field_errors": [OUT_OF_RANGE]})


def test_a_database_range_error_from_user_input_is_a_400_not_a_500():
    response = exception_handler(DataError("numeric field overflow"), {"view": None})
    assert (response.status_code, response.data) == (400, {"non_field_errors": [OUT_OF_RANGE]})


@pytest.mark.django_db
def test_every_operation_documents_its_error_answers():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if not {"400", "401", "403", "404", "414"} <= set(operation["responses"])
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_write_documents_the_conflict_answer():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"post", "put", "patch", "delete"} and "409" not in operation["responses"]
    ]
    assert missing == []


@pytest.mark.django_db
def test_a_nul_character_in_a_search_is_a_400_with_an_object_body(api_as, counsel):
    response = api_as(counsel).get("/api/v1/rate-indexes/", {"search": "prime\x00"})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Null characters are not allowed."]}
