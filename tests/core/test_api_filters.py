"""Every API list, enumerated from the OpenAPI schema: `?matter=` filters it, and a query
parameter it does not know is a 400 naming the parameter, never a silently unfiltered list."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from accounts.models import User
from notes.models import Note
from rates.models import RateIndex
from security_interests.models import FinancingStatement
from tests.factories import MatterFactory

pytestmark = pytest.mark.django_db
# Lists that are not of records inside a matter: matters, parties, rate indexes and business-day
# calendars themselves (the firm's reference data), and lists already inside one record: a note's ledger, an index's values,
# a note's schedule and lenders, a financing statement's amendments.
NOT_IN_A_MATTER = {"/api/v1/matters/", "/api/v1/parties/", "/api/v1/notes/{note_pk}/transactions/",
                   "/api/v1/notes/{note_pk}/schedule/", "/api/v1/notes/{note_pk}/lenders/",
                   "/api/v1/notes/{note_pk}/margin-grid/", "/api/v1/notes/{note_pk}/margin-ratios/",
                   "/api/v1/rate-indexes/", "/api/v1/rate-indexes/{index_pk}/values/", "/api/v1/calendars/",
                   "/api/v1/financing-statements/{id}/amendments/"}
# The demo data has no notice, no dispute and no reminder delivery yet: those lists only show the filter empties.
EMPTY_IN_DEMO = {"/api/v1/deliveries/", "/api/v1/notices/", "/api/v1/disputes/"}


def _list_operations() -> dict[str, list[str]]:
    """{path: [query parameter names]} for every list operation in the schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
        for path, item in schema["paths"].items()
        if "get" in item and item["get"]["operationId"].endswith("_list")
    }


@pytest.fixture
def demo_admin(db):
    call_command("load_demo", verbosity=0)
    return User.objects.get(username="admin")


def _url(path: str) -> str:
    first = {
        "{note_pk}": Note.objects.values_list("pk", flat=True),
        "{index_pk}": RateIndex.objects.values_list("pk", flat=True),
        "{id}": FinancingStatement.objects.values_list("pk", flat=True),
    }
    for placeholder, pks in first.items():
        path = path.replace(placeholder, str(pks[0]))
    return path


def test_the_schema_has_the_lists_this_test_expects():
    assert {"/api/v1/deliverables/", "/api/v1/financing-statements/", "/api/v1/notes/{note_pk}/transactions/",
            "/api/v1/deliveries/"} <= set(_list_operations())


def test_every_list_of_records_in_a_matter_documents_the_matter_filter():
    missing = [path for path, params in _list_operations().items()
               if path not in NOT_IN_A_MATTER and "matter" not in params]
    assert missing == []


def test_every_list_of_records_in_a_matter_returns_only_that_matters_records(demo_admin, api_as):
    api = api_as(demo_admin)
    empty_matter = MatterFactory()
    paths = sorted(set(_list_operations()) - NOT_IN_A_MATTER)
    unfiltered = {path: api.get(path).json()["count"] for path in paths}
    filtered = {path: api.get(path, {"matter": empty_matter.pk}).json()["count"] for path in paths}
    assert {path for path, count in unfiltered.items() if count == 0} == EMPTY_IN_DEMO
    assert filtered == dict.fromkeys(paths, 0)


def test_the_matter_filter_refuses_what_is_not_an_id(demo_admin, api_as):
    response = api_as(demo_admin).get("/api/v1/deliverables/", {"matter": "99999999999999999999999"})
    assert response.status_code == 400
    assert response.json() == {"matter": ["Enter a whole number."]}


def test_every_list_answers_an_unknown_query_parameter_with_400_naming_it(demo_admin, api_as):
    api = api_as(demo_admin)
    answers = {path: api.get(_url(path), {"mater": "1"}) for path in _list_operations()}
    assert {path: r.status_code for path, r in answers.items()} == dict.fromkeys(answers, 400)
    assert all(list(r.json()) == ["mater"] for r in answers.values())


def test_known_parameters_are_accepted_on_every_list(demo_admin, api_as):
    api = api_as(demo_admin)
    answers = {path: api.get(_url(path), {"page": 1, "format": "json"}).status_code for path in _list_operations()}
    assert answers == dict.fromkeys(answers, 200)


def test_the_unknown_parameter_message_lists_what_the_list_accepts(demo_admin, api_as):
    response = api_as(demo_admin).get("/api/v1/deliverables/", {"stauts": "open"})
    assert "closing, format, matter, ordering, page, page_size, search, status" in response.json()["stauts"][0]
