"""Records each run of the reminder sweep in Redis: when it last succeeded (for /readyz) and how
long it took (a histogram kept as Redis counters, so every worker process adds to one histogram
that the web process reads at scrape time)."""

import logging
import time
from typing import Any

import redis

from ops import store

logger = logging.getLogger(__name__)

SWEEP_TASK = "deadlines.tasks.sweep"
DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

_started: dict[str, float] = {}


def on_task_prerun(sender: Any = None, task_id: str | None = None, **kwargs: Any) -> None:
    if getattr(sender, "name", None) == SWEEP_TASK and task_id:
        _started[task_id] = time.perf_counter()


def on_task_postrun(
    sender: Any = None, task_id: str | None = None, state: str | None = None, **kwargs: Any
) -> None:
    started = _started.pop(task_id or "", None)
    if started is None:
        return
    try:
        sweep_record(duration=time.perf_counter() - started, succeeded=state == "SUCCESS")
    except redis.RedisError:
        # Instrumentation must never fail the sweep; /readyz will report the stale timestamp.
        logger.exception("Could not record the reminder sweep in Redis")


def sweep_record(*, duration: float, succeeded: bool) -> None:
    pipe = store.client().pipeline()
    pipe.hincrby(store.SWEEP_DURATION_KEY, "count", 1)
    pipe.hincrbyfloat(store.SWEEP_DURATION_KEY, "sum", duration)
    for bound in DURATION_BUCKETS:
        if duration <= bound:
            pipe.hincrby(store.SWEEP_DURATION_KEY, f"le:{bound}", 1)
    if succeeded:
        pipe.set(store.SWEEP_LAST_SUCCESS_KEY, repr(time.time()))
    pipe.execute()


def last_success_at() -> float | None:
    raw = store.client().get(store.SWEEP_LAST_SUCCESS_KEY)
    return float(raw) if raw is not None else None


def durations() -> dict[str, float]:
    raw = store.client().hgetall(store.SWEEP_DURATION_KEY)
    return {str(key): float(value) for key, value in raw.items()}
