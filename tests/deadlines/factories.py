from datetime import date

import factory

from deadlines.models import Obligation
from tests.factories import MatterFactory


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    matter = factory.SubFactory(MatterFactory)
    title = factory.Sequence(lambda n: f"Deliver item {n}")
    kind = "manual"
    nominal_due_date = date(2026, 6, 12)
    due_date = date(2026, 6, 12)
