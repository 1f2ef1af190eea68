"""The checks behind /readyz. Each answers ok or not with a detail safe to show anyone: counts and
ages, never an exception's text (a connection error can carry a URL with its password)."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.models import Heartbeat
from ops import store, sweeps

logger = logging.getLogger(__name__)

MAX_AGE_SECONDS = 120
# The name `core.tasks.heartbeat` records under when beat triggers it (config/schedule.py).
WORKER_HEARTBEAT_NAME = "beat"


@dataclass(frozen=True)
class Result:
    ok: bool
    detail: str = ""


def _database() -> Result:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Result(True)


def _redis() -> Result:
    store.client().ping()
    return Result(True)


def _migrations() -> Result:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return Result(not plan, f"{len(plan)} unapplied" if plan else "")


def _age(seconds: float | None) -> Result:
    if seconds is None:
        return Result(False, "never")
    return Result(seconds <= MAX_AGE_SECONDS, f"{int(seconds)}s ago")


def _worker_heartbeat() -> Result:
    beat_at = Heartbeat.objects.filter(name=WORKER_HEARTBEAT_NAME).values_list("beat_at", flat=True).first()
    return _age((timezone.now() - beat_at).total_seconds() if beat_at else None)


def _beat_sweep() -> Result:
    last = sweeps.last_success_at()
    return _age(time.time() - last if last is not None else None)


CHECKS: dict[str, Callable[[], Result]] = {
    "database": _database,
    "redis": _redis,
    "migrations": _migrations,
    "worker_heartbeat": _worker_heartbeat,
    "beat_sweep": _beat_sweep,
}


def _run(name: str, check: Callable[[], Result]) -> Result:
    try:
        return check()
    except Exception:
        logger.exception("Readiness check %s failed", name)
        return Result(False, "error")


def readiness() -> dict[str, Result]:
    return {name: _run(name, check) for name, check in CHECKS.items()}
