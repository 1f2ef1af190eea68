from datetime import date
from decimal import Decimal

import factory

from notes.models import Note, NoteStatus
from tests.factories import MatterFactory, PartyFactory


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    matter = factory.SubFactory(MatterFactory)
    issuer = factory.LazyAttribute(lambda n: n.matter.client)
    holder = factory.SubFactory(PartyFactory)
    principal = Decimal("100000.00")
    purchase_price = Decimal("100000.00")
    issue_date = date(2025, 1, 1)
    interest_rate = Decimal("12")
    day_count = "ACT/365F"
    status = NoteStatus.OUTSTANDING
