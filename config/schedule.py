"""Every periodic Celery task, in one place. Beat only triggers sweeps that are safe to run at
any time and any number of times at once; the schedule of what is due lives in PostgreSQL."""

from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Proves the worker and beat are alive: records a heartbeat row every minute.
    "core-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
}
