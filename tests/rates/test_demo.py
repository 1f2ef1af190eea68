from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from rates.demo import PRIME, PRIME_SOURCE
from rates.models import RateIndex
from rates.selectors import rate_on, rate_segments

pytestmark = pytest.mark.django_db


def test_the_demo_prime_history_covers_2019_on_and_loading_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    prime = RateIndex.objects.get(name=PRIME)
    assert (prime.source, prime.values.count()) == (PRIME_SOURCE, 20)
    events = apps.get_model("rates", "RateValueEvent").objects.filter(index_id=prime.pk)  # the demo has other indexes
    assert (events.filter(pgh_label="insert").count(), events.filter(pgh_label="update").count()) == (20, 0)
    assert rate_on(prime, date(2019, 1, 1)).rate == Decimal("5.50")
    assert rate_on(prime, date(2020, 3, 16)).rate == Decimal("3.25")
    assert rate_on(prime, date(2023, 7, 26)).rate == Decimal("8.25")
    assert rate_on(prime, date(2026, 11, 30)).effective_date == date(2024, 12, 19)
    assert len(rate_segments(prime, date(2019, 1, 1), date(2026, 12, 1))) == 20
