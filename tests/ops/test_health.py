"""/healthz and /readyz against the real PostgreSQL and Redis."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core.models import Heartbeat
from core.services import heartbeat_record
from deadlines.tasks import sweep
from ops.sweeps import sweep_record


@pytest.fixture
def fresh(db, ops_redis):
    """A worker heartbeat and a successful sweep just now."""
    heartbeat_record(name="beat")
    sweep_record(duration=0.2, succeeded=True)


def _states(response):
    return {name: check["state"] for name, check in response.json()["checks"].items()}


def test_healthz_answers_ok_without_touching_the_database(client):
    # No `db` fixture: pytest-django raises on any database access.
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_readyz_is_200_naming_every_check_when_everything_is_fresh(client, fresh):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert _states(response) == {"database": "ok", "redis": "ok", "migrations": "ok",
                                 "worker_heartbeat": "ok", "beat_sweep": "ok"}


def test_readyz_needs_no_login(client, fresh):
    response = client.get("/readyz", follow=False)
    assert response.status_code == 200


def test_readyz_is_503_when_a_migration_is_unapplied(client, fresh):
    app, name = MigrationLoader(connection).graph.leaf_nodes()[0]
    MigrationRecorder(connection).record_unapplied(app, name)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"state": "fail", "detail": "1 unapplied"}


def test_readyz_is_503_when_the_worker_heartbeat_is_three_minutes_old(client, fresh):
    Heartbeat.objects.filter(name="beat").update(beat_at=timezone.now() - timedelta(minutes=3))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert _states(response)["worker_heartbeat"] == "fail"
    assert _states(response)["beat_sweep"] == "ok"


def test_readyz_is_503_when_no_worker_ever_beat(client, db, ops_redis):
    sweep_record(duration=0.2, succeeded=True)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker_heartbeat"] == {"state": "fail", "detail": "never"}


def test_readyz_is_503_when_both_go_stale_after_three_minutes(client, fresh):
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert _states(response)["worker_heartbeat"] == "fail"
    assert _states(response)["beat_sweep"] == "fail"


def test_readyz_is_503_when_the_last_sweep_failed_and_none_succeeded(client, db, ops_redis):
    heartbeat_record(name="beat")
    sweep_record(duration=0.2, succeeded=False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["beat_sweep"] == {"state": "fail", "detail": "never"}


def test_running_the_sweep_task_records_its_success_for_readyz(client, db, ops_redis):
    heartbeat_record(name="beat")
    sweep.apply()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert _states(response)["beat_sweep"] == "ok"


def test_readyz_is_503_without_leaking_the_url_when_redis_is_unreachable(client, fresh, settings):
    settings.CELERY_BROKER_URL = "redis://:hunter2@127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert _states(response)["redis"] == "fail"
    assert b"hunter2" not in response.content
