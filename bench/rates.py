"""Rate segments and lookups over an index with 500 values: server time and SQL queries."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection

from bench.harness import measure, report
from rates.models import RateIndex, RateValue
from rates.selectors import rate_on, rate_segments, rates_on

VALUES = 500
START = date(2000, 1, 3)


def _index() -> RateIndex:
    """An index changing every 7 days from 2000: 500 values, the last in 2009-07."""
    index = RateIndex.objects.create(name="Bench index")
    RateValue.objects.bulk_create(
        RateValue(index=index, effective_date=START + timedelta(days=7 * n), rate=Decimal("5") + Decimal(n % 40) / 8)
        for n in range(VALUES)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rates_ratevalue")
    return index


def main() -> None:
    index = _index()
    window = (date(2000, 1, 10), date(2010, 1, 10))
    ms, queries, parts = measure(lambda: rate_segments(index, *window))
    report(f"rate_segments, 10 years ({len(parts)} segments)", VALUES, ms, queries)
    ms, queries, value = measure(lambda: rate_on(index, date(2005, 6, 15)))
    report("rate_on, one day", VALUES, ms, queries)
    days = [START + timedelta(days=n * 7 + 3) for n in range(1000)]
    ms, queries, _ = measure(lambda: [rate_on(index, day) for day in days], repeat=3)
    report("rate_on, 1,000 days one by one", VALUES, ms, queries)
    ms, queries, _ = measure(lambda: rates_on(index, days), repeat=3)
    report("rates_on, the same 1,000 days at once", VALUES, ms, queries)
