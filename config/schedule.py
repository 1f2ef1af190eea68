"""Every periodic Celery task, in one place. Beat only triggers sweeps that are safe to run at
any time and any number of times at once; the schedule of what is due lives in PostgreSQL."""

from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Proves the worker and beat are alive: records a heartbeat row every minute.
    "core-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    # Creates the reminder rows now due and hands due rows to workers (deadlines.delivery).
    "deadlines-sweep": {"task": "deadlines.tasks.sweep", "schedule": 60.0},
    # Returns rows whose worker died mid-send to pending (claims older than 5 minutes).
    "deadlines-reap": {"task": "deadlines.tasks.reap", "schedule": 60.0},
    # Marks financing statements past their lapse date (UCC 9-515(a)) as lapsed; idempotent.
    "security-interests-mark-lapsed": {"task": "security_interests.tasks.mark_lapsed", "schedule": 3600.0},
    # Queues a reading of every uploaded document version not yet read, and returns reads whose
    # worker died (running over 15 minutes) to pending; each read runs once per version.
    "documents-sweep": {"task": "documents.tasks.sweep", "schedule": 60.0},
    # Extends open-ended reporting covenants' deliverables to a year ahead (one obligation per
    # fiscal period, keyed by its period end, so a run twice creates nothing twice).
    "covenants-extend": {"task": "covenants.tasks.extend_reports", "schedule": 86400.0},
}
