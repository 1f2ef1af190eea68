from datetime import date
from decimal import Decimal

import factory

from rates.models import IndexKind, RateIndex, RateValue


class RateIndexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateIndex

    name = factory.Sequence(lambda n: f"Index {n}")
    kind = IndexKind.PUBLISHED


class RateValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateValue

    index = factory.SubFactory(RateIndexFactory)
    effective_date = date(2024, 1, 2)
    rate = Decimal("8.50")
