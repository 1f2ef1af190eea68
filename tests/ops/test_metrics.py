"""/metrics: who may scrape it and what it reports, against the real PostgreSQL and Redis."""

import re
from datetime import timedelta

import pytest
from celery import current_app
from django.utils import timezone
from prometheus_client import REGISTRY

from deadlines.models import Delivery, DeliveryStatus
from deadlines.tasks import sweep
from ops import store

TOKEN = "scrape-token-for-tests"


@pytest.fixture
def scraper(client, settings, db):
    settings.METRICS_TOKEN = TOKEN

    def scrape() -> str:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        return response.content.decode()

    return scrape


def _value(text: str, sample: str) -> float:
    match = re.search(rf"^{re.escape(sample)} (\S+)$", text, re.MULTILINE)
    assert match, f"{sample} not in /metrics"
    return float(match.group(1))


def _delivery(n: int, status: str, due_at) -> Delivery:
    return Delivery.objects.create(recipient_email=f"r{n}@example.net", occasion=f"digest:{n}", due_at=due_at,
                                   status=status, message_id=f"<t{n}@example.net>")


def test_it_refuses_metrics_without_the_token(client, settings, db):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404


def test_it_refuses_metrics_with_a_wrong_token(client, settings, db):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope").status_code == 404


def test_it_refuses_any_bearer_token_when_none_is_configured(client, settings, db):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_it_refuses_metrics_to_counsel(client_as, counsel):
    assert client_as(counsel).get("/metrics").status_code == 404


def test_it_serves_metrics_to_an_admin_session(client_as, admin_user):
    response = client_as(admin_user).get("/metrics")
    assert response.status_code == 200
    assert b"covenant_deliveries" in response.content


def test_it_reports_latency_for_a_view_just_requested(client, scraper):
    labels = {"view": "ops:healthz", "method": "GET", "status": "200"}
    before = REGISTRY.get_sample_value("covenant_http_request_duration_seconds_count", labels) or 0.0
    client.get("/healthz")
    sample = 'covenant_http_request_duration_seconds_count{method="GET",status="200",view="ops:healthz"}'
    assert _value(scraper(), sample) == before + 1


def test_it_labels_a_login_redirect_with_the_view_and_its_status(client, scraper):
    client.logout()
    client.get("/parties/")
    text = scraper()
    assert 'method="GET",status="302",view="parties:list"' in text


def test_it_counts_deliveries_by_status_and_the_oldest_pending_age(scraper):
    now = timezone.now()
    for n in range(3):
        _delivery(n, DeliveryStatus.SENT, now - timedelta(hours=1))
    _delivery(3, DeliveryStatus.FAILED, now - timedelta(hours=1))
    _delivery(4, DeliveryStatus.PENDING, now - timedelta(minutes=10))
    _delivery(5, DeliveryStatus.PENDING, now - timedelta(minutes=2))
    _delivery(6, DeliveryStatus.PENDING, now + timedelta(days=1))
    text = scraper()
    assert _value(text, 'covenant_deliveries{status="sent"}') == 3
    assert _value(text, 'covenant_deliveries{status="failed"}') == 1
    assert _value(text, 'covenant_deliveries{status="pending"}') == 3
    assert _value(text, 'covenant_deliveries{status="sending"}') == 0
    assert 600 <= _value(text, "covenant_delivery_oldest_pending_age_seconds") < 660


def test_the_oldest_pending_age_is_zero_when_nothing_is_due(scraper):
    _delivery(1, DeliveryStatus.PENDING, timezone.now() + timedelta(hours=1))
    assert _value(scraper(), "covenant_delivery_oldest_pending_age_seconds") == 0


def test_it_reports_the_celery_queue_length(scraper):
    queue = current_app.conf.task_default_queue
    redis = store.client()
    before = redis.llen(queue)
    redis.rpush(queue, "ops-test-marker")
    try:
        assert _value(scraper(), f'covenant_celery_queue_length{{queue="{queue}"}}') == before + 1
    finally:
        redis.lrem(queue, 0, "ops-test-marker")


def test_it_reports_the_reminder_sweep_duration(scraper, ops_redis):
    sweep.apply()
    sweep.apply()
    text = scraper()
    assert _value(text, "covenant_reminder_sweep_duration_seconds_count") == 2
    assert _value(text, 'covenant_reminder_sweep_duration_seconds_bucket{le="+Inf"}') == 2
    assert _value(text, "covenant_reminder_sweep_duration_seconds_sum") > 0
    assert _value(text, "covenant_reminder_sweep_last_success_age_seconds") < 60
