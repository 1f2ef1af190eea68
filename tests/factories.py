"""factory_boy factories for the foundation models. Apps add theirs in tests/<app>/factories.py."""

from datetime import date

import factory

from accounts.models import Role, User
from matters.models import Matter, Membership, MembershipRole
from parties.models import NoticeAddress, Party, PartyKind, Person

PASSWORD = "correct-horse-battery"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    kind = PartyKind.ORGANIZATION
    legal_name = factory.Sequence(lambda n: f"Company {n}, Inc.")
    entity_type = "corporation"
    jurisdiction = "Delaware"


class NoticeAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeAddress

    party = factory.SubFactory(PartyFactory)
    street_lines = factory.Sequence(lambda n: f"{n} Main Street")
    city = "New York"
    state = "NY"
    postal_code = "10013"
    effective_from = date(2005, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    party = factory.SubFactory(PartyFactory)
    name = factory.Sequence(lambda n: f"Person {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.COUNSEL
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N805
        if create:
            obj.save()


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter

    name = factory.Sequence(lambda n: f"Matter {n}")
    client = factory.SubFactory(PartyFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    matter = factory.SubFactory(MatterFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.LEAD
