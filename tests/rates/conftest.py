from datetime import date
from decimal import Decimal

import pytest

from tests.rates.factories import RateIndexFactory, RateValueFactory


@pytest.fixture
def index_with(db):
    """`index_with("Prime (WSJ)", ("2024-09-19", "8.00"), ...)`: an index with those values."""

    def build(name: str, *values: tuple[str, str]):
        index = RateIndexFactory(name=name)
        for day, rate in values:
            RateValueFactory(index=index, effective_date=date.fromisoformat(day), rate=Decimal(rate))
        return index

    return build
