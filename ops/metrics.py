"""Prometheus metrics. Request latency is observed in this process; everything else is read at
scrape time (deliveries from PostgreSQL, the sweep histogram and queue length from Redis), so it is
the same whichever web process answers the scrape."""

import logging
import time
from collections.abc import Iterator

import redis
from celery import current_app
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString

from ops import selectors, store, sweeps

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "covenant_http_request_duration_seconds",
    "Time to answer a request, by resolved view name, method and status.",
    ["view", "method", "status"],
)


class DeliveryCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        deliveries = GaugeMetricFamily("covenant_deliveries", "Reminder deliveries by status.", labels=["status"])
        for status, count in selectors.delivery_counts().items():
            deliveries.add_metric([status], count)
        yield deliveries
        oldest = selectors.oldest_pending_due_at()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "covenant_delivery_oldest_pending_age_seconds",
            "How long the oldest due, still pending delivery has waited (0 when none).",
            value=max(age, 0.0),
        )


class RedisCollector(Collector):
    """Skips its metrics when Redis is down rather than failing the whole scrape."""

    def collect(self) -> Iterator[Metric]:
        try:
            queue = current_app.conf.task_default_queue
            length = store.client().llen(queue)
            recorded = sweeps.durations()
            last = sweeps.last_success_at()
        except redis.RedisError:
            logger.exception("Could not read operations metrics from Redis")
            return
        queue_length = GaugeMetricFamily("covenant_celery_queue_length", "Messages waiting in a Celery queue.",
                                         labels=["queue"])
        queue_length.add_metric([queue], length)
        yield queue_length
        yield _sweep_histogram(recorded)
        if last is not None:
            yield GaugeMetricFamily("covenant_reminder_sweep_last_success_age_seconds",
                                    "Seconds since the reminder sweep last succeeded.", value=time.time() - last)


def _sweep_histogram(recorded: dict[str, float]) -> HistogramMetricFamily:
    count = recorded.get("count", 0.0)
    buckets = [(floatToGoString(b), recorded.get(f"le:{b}", 0.0)) for b in sweeps.DURATION_BUCKETS]
    return HistogramMetricFamily(
        "covenant_reminder_sweep_duration_seconds",
        "Duration of each run of the reminder sweep (deadlines.tasks.sweep).",
        buckets=[*buckets, ("+Inf", count)],
        sum_value=recorded.get("sum", 0.0),
    )


def exposition() -> bytes:
    scraped = CollectorRegistry()
    scraped.register(DeliveryCollector())
    scraped.register(RedisCollector())
    return generate_latest(REGISTRY) + generate_latest(scraped)
