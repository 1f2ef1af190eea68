"""A real Celery worker process on a real Redis broker changes the database."""

import pytest

from core.models import Heartbeat
from core.tasks import heartbeat
from tests.support import celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_task_sent_through_redis_is_run_by_a_worker_process_and_recorded():
    with celery_worker("--pool", "solo", "--concurrency", "1"):
        heartbeat.delay("from-test")
        beat = wait_for(lambda: Heartbeat.objects.filter(name="from-test").first(), timeout=60)
    assert beat.count == 1
