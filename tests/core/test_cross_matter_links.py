"""No API write can link a record of another matter (issue 10.1).

The cases come from the OpenAPI schema: every create/update operation, every writable property
of its request body that is a related field on the serializer (nested ones too). Parties and rate indexes are
firm-wide reference data, so one of any matter is allowed; every other related model must have a
foreign record below, or its case fails ("cannot exercise"). Each case writes as counsel of the
demo matter (a member of no other matter) with a record of another client's matter: the answer
must be 400 naming the field, and no row may change.
"""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from accounts.models import User
from agreements.services import agreement_create
from closings.services import closing_create
from covenants.models import Covenant
from covenants.services import covenant_create
from deadlines.models import Obligation
from disputes.services import dispute_open
from matters.access import scope
from matters.demo import ROO_MATTER
from matters.models import Matter
from notes.models import Note, NoteTransaction
from notices.models import Notice
from notices.services import notice_dispatch
from parties.models import Party, Person
from rates.models import RateIndex
from tests.deadlines.factories import ObligationFactory
from tests.factories import (
    MatterFactory,
    MembershipFactory,
    NoticeAddressFactory,
    PartyFactory,
    UserFactory,
)
from tests.notes.factories import NoteFactory
from tests.security_interests.factories import SecurityInterestFactory

WRITES = ("POST", "PUT", "PATCH")
# Firm-wide reference data, shared between matters by design (a party's people: its signatories).
DIRECTORY = {Party, Person, RateIndex}


def _request_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})


def _nested_schema(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("items", prop).get("$ref", "")
    return schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})


def _related_model(field: Any) -> Any:
    relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
    queryset: Any = relation.get_queryset()
    return queryset.model


def _walk(schema: dict[str, Any], component: dict[str, Any], serializer: Any, prefix: str = "") -> Any:
    """(field path, field) for every writable related property of a request body, nested included."""
    for name, prop in component.get("properties", {}).items():
        field = serializer.fields.get(name)
        if isinstance(field, serializers.RelatedField | serializers.ManyRelatedField) and not field.read_only:
            yield prefix + name, field
        elif isinstance(field, serializers.ListSerializer):
            yield from _walk(schema, _nested_schema(schema, prop), field.child, f"{prefix}{name}[].")
        elif isinstance(field, serializers.Serializer):
            yield from _walk(schema, _nested_schema(schema, prop), field, f"{prefix}{name}.")


CONTEXT = {"request": SimpleNamespace(user=AnonymousUser())}


def _operations() -> list[tuple[str, str, Any, type[serializers.Serializer], dict[str, Any], dict[str, Any]]]:
    """(method, path, view, request serializer class, request body schema, full schema) of every write."""
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    operations = []
    for path, regex, method, view in generator._get_paths_and_endpoints():
        operation = schema["paths"].get(path, {}).get(method.lower())
        if method not in WRITES or operation is None:
            continue
        # The serializer the schema documents for this operation (actions may declare their own).
        view.schema.path, view.schema.path_regex, view.schema.method = path, regex, method
        request_serializer = view.schema.get_request_serializer()
        if request_serializer is None:  # an action without a body (nothing to link)
            continue
        serializer_class = request_serializer if isinstance(request_serializer, type) else type(request_serializer)
        operations.append((method, path, view, serializer_class, _request_schema(schema, operation), schema))
    return operations


OPERATIONS = _operations()
CASES = [
    (method, path, field_path, _related_model(field), view, serializer_class)
    for method, path, view, serializer_class, body, schema in OPERATIONS
    for field_path, field in _walk(schema, body, serializer_class(context=CONTEXT))
]
MATTER_CASES = [case for case in CASES if case[3] not in DIRECTORY]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo (one call for the module) and another client's matter, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        home = Matter.objects.get(name=ROO_MATTER)
        other = MatterFactory(name="Another client / another lender", client=PartyFactory(legal_name="Another Co."))
        stranger = UserFactory(username="other-lead")
        MembershipFactory(matter=other, user=stranger)
        foreign_agreement = agreement_create(matter=other, data={"kind": "note_purchase", "title": "Their NPA"})
        foreign = {
            Matter: other,
            User: stranger,
            foreign_agreement._meta.model: foreign_agreement,
            Note: NoteFactory(matter=other, agreement=foreign_agreement),
            closing_create(matter=other, data={}).__class__: other.closings.get(),
            SecurityInterestFactory._meta.model: SecurityInterestFactory(matter=other),
            Obligation: ObligationFactory(matter=other),
            Covenant: _a_covenant(foreign_agreement, other),
            Notice: _a_foreign_notice(other, stranger),
        }
        counsel = User.objects.get(username="counsel")
        _a_notice(home, counsel)
        _a_dispute(home)
        yield SimpleNamespace(home=home, counsel=counsel, foreign=foreign)
        transaction.set_rollback(True)


def _a_covenant(agreement: Any, matter: Matter) -> Covenant:
    return covenant_create(matter=matter, by=None, data={
        "agreement": agreement, "kind": "reporting", "title": "Their statements", "party": matter.client,
        "deliverable": "financial_statements", "first_period_end": date(2026, 12, 31),
        "last_period_end": date(2026, 12, 31), "days_after_period": 45})


def _a_notice(home: Matter, by: User) -> None:
    """The demo sends no notice; the notices operations need one to write to."""
    agreement = home.agreements.filter(notice_rules__isnull=False).distinct().get(kind="note_purchase")
    parties = [row.party for row in agreement.agreement_parties.select_related("party")]
    rule = agreement.notice_rules.all()[0]
    notice_dispatch(matter=home, agreement=agreement, by=by, data={
        "sender": parties[0], "recipient": parties[1], "method": rule.method, "subject": "Notice of default",
        "dispatched_at": datetime(2005, 9, 1, 15, tzinfo=UTC)})


def _a_foreign_notice(matter: Matter, by: User) -> Notice:
    lender = PartyFactory(legal_name="Their Lender")
    NoticeAddressFactory(party=matter.client)
    agreement = agreement_create(matter=matter, data={"kind": "other", "title": "Their credit agreement"}, parties=[
        {"party": matter.client, "role": "company"}, {"party": lender, "role": "holder"}],
        notice_rules=[{"method": "personal", "deemed_given": "on_delivery"}])
    return notice_dispatch(matter=matter, agreement=agreement, by=by, data={
        "sender": lender, "recipient": matter.client, "method": "personal", "kind": "dispute",
        "dispatched_at": datetime(2026, 3, 2, 15, tzinfo=UTC)})


def _a_dispute(home: Matter) -> None:
    """The demo holds no dispute; the disputes operations need one to write to."""
    agreement = home.agreements.get(kind="note_purchase")
    parties = [row.party for row in agreement.agreement_parties.select_related("party")]
    dispute_open(matter=home, data={"agreement": agreement, "title": "A dispute", "raised_by": parties[1],
                                    "other_party": parties[0], "notice_given_on": date(2005, 9, 1)})


def _home_object(view: Any, world: Any) -> Any:
    """A record of the counsel's own matters (the demo's) that the operation can write to."""
    model = view.get_serializer_class().Meta.model
    lookup = getattr(view, "matter_lookup", "matter") if model is not Matter else "pk"
    return scope(world.counsel, model.objects.order_by("pk"), lookup).first()


def _url(path: str, obj: Any) -> str:
    note_pk = obj.pk if isinstance(obj, Note) else 0
    return "/api" + path.removeprefix("/api").format(id=getattr(obj, "pk", 0), note_pk=note_pk, pk=getattr(obj, "pk", 0))


def _body(serializer_class: Any, obj: Any, field_path: str, value: Any, many: bool) -> dict[str, Any]:
    """The record's own writable fields (a valid body), with the field under test set to `value`."""
    serializer = serializer_class(obj, context=CONTEXT)
    body = {k: v for k, v in serializer.data.items() if k in serializer.fields and not serializer.fields[k].read_only}
    name, _, sub = field_path.partition("[].")
    body[name] = [{**(body.get(name) or [{}])[0], sub: value}] if sub else ([value] if many else value)
    return body


def _rows() -> dict[str, int]:
    skipped = ("sessions", "authtoken", "axes")
    # The API client's token and the security log's lines about its use are not the records under test.
    # (and the audit context pghistory opens for that line).
    security = ("accounts.ApiToken", "accounts.ApiTokenEvent", "accounts.SecurityEvent", "accounts.SecurityEventEvent",
                "pghistory.Context")
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.app_label not in skipped and model._meta.label not in security}


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "field_path", "model", "view", "serializer_class"), MATTER_CASES,
                         ids=[f"{c[0]} {c[1]} {c[2]}" for c in MATTER_CASES])
def test_a_record_of_another_matter_is_refused_naming_the_field(world, api_as, method, path, field_path, model, view,
                                                                serializer_class):
    foreign = world.foreign[model]  # a KeyError here: a related model this test cannot exercise yet
    obj = _home_object(view, world)
    assert obj is not None, "the demo has no record for this operation to write to"
    many = "[]" not in field_path and isinstance(serializer_class().fields[field_path], serializers.ManyRelatedField)
    body = _body(serializer_class, obj, field_path, foreign.pk, many)
    before = _rows()
    response = getattr(api_as(world.counsel), method.lower())(_url(path, obj), body, format="json")
    assert response.status_code == 400, response.content
    assert field_path.split("[]")[0] in response.json(), response.json()
    assert _rows() == before


def test_every_property_of_every_request_body_maps_to_a_serializer_field():
    """Otherwise a related field could hide behind a property this test does not look at."""
    unmapped = [(method, path, name) for method, path, _view, serializer_class, body, _schema in OPERATIONS
                for name in body.get("properties", {}) if name not in serializer_class(context=CONTEXT).fields]
    assert unmapped == []


def test_the_only_related_fields_left_out_are_the_shared_directory_and_rate_indexes():
    directory = sorted(f"{c[0]} {c[1]} {c[2]}" for c in CASES if c[3] in DIRECTORY)
    assert directory == sorted(f"{c[0]} {c[1]} {c[2]}" for c in CASES if c not in MATTER_CASES)
    assert {c[3] for c in CASES if c not in MATTER_CASES} == DIRECTORY


@pytest.mark.django_db
def test_the_attack_a_closing_on_another_clients_agreement_funds_nothing(world, api_as):
    """A counsel of no demo matter makes his own matter, links another client's agreement to a
    closing and tries to close it: the closing is refused, so no note of theirs is funded."""
    intruder = UserFactory(username="intruder")
    api = api_as(intruder)
    own = api.post("/api/v1/matters/", {"name": "My own matter", "client": world.home.client_id}, format="json").json()
    victim_agreements = list(world.home.agreements.values_list("pk", flat=True))
    fundings = NoteTransaction.objects.filter(note__matter=world.home).count()
    response = api.post("/api/v1/closings/", {"matter": own["id"], "agreements": victim_agreements}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["agreements"]
    assert not Matter.objects.get(pk=own["id"]).closings.exists()
    assert NoteTransaction.objects.filter(note__matter=world.home).count() == fundings
