"""Demo indexes: the Wall Street Journal Prime Rate's published changes since December 2018."""

from datetime import date
from decimal import Decimal
from typing import Any

from rates.models import IndexKind, RateIndex
from rates.services import rate_index_create, rate_value_record

PRIME = "Prime (WSJ)"
PRIME_SOURCE = "Wall Street Journal Prime Rate as published; verify before relying on it"
# Each change applies from its date; 5.50% from 2018-12-20 is the rate in effect on 2019-01-01.
# Changes after 2024-12-19 are not included: record them from the Journal.
PRIME_CHANGES = [
    (date(2018, 12, 20), "5.50"), (date(2019, 8, 1), "5.25"), (date(2019, 9, 19), "5.00"),
    (date(2019, 10, 31), "4.75"), (date(2020, 3, 4), "4.25"), (date(2020, 3, 16), "3.25"),
    (date(2022, 3, 17), "3.50"), (date(2022, 5, 5), "4.00"), (date(2022, 6, 16), "4.75"),
    (date(2022, 7, 28), "5.50"), (date(2022, 9, 22), "6.25"), (date(2022, 11, 3), "7.00"),
    (date(2022, 12, 15), "7.50"), (date(2023, 2, 2), "7.75"), (date(2023, 3, 23), "8.00"),
    (date(2023, 5, 4), "8.25"), (date(2023, 7, 27), "8.50"), (date(2024, 9, 19), "8.00"),
    (date(2024, 11, 8), "7.75"), (date(2024, 12, 19), "7.50"),
]


def load(context: dict[str, Any]) -> None:
    prime = RateIndex.objects.filter(name=PRIME).first() or rate_index_create(
        data={"name": PRIME, "kind": IndexKind.PUBLISHED, "source": PRIME_SOURCE}, by=None
    )
    for day, rate in PRIME_CHANGES:
        rate_value_record(index=prime, effective_date=day, rate=Decimal(rate), source_note=PRIME_SOURCE, by=None)
    context["prime"] = prime
