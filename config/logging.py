"""Log configuration. Development prints plain lines; production (`LOG_JSON=1`, its default) prints
one JSON object per line for a log collector, each with the request id of the request it belongs
to (django-guid: `X-Request-ID` taken from the request when it is a UUID, else generated, and
returned in the response) and, in a worker, the id and name of the task it runs. A task enqueued by
a request carries that request's id in its headers, so its worker lines share it."""

import logging
from typing import Any

from celery import current_task
from pythonjsonlogger.core import RESERVED_ATTRS

JSON_FIELDS = "%(levelname)s %(name)s %(message)s"


class TaskContext(logging.Filter):
    """Adds `task_id` and `task_name` (empty outside a task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        task = current_task
        request = getattr(task, "request", None) if task else None
        record.task_id = getattr(request, "id", None) or ""
        record.task_name = (getattr(task, "name", None) or "") if request is not None else ""
        return True


def logging_config(*, level: str, json: bool) -> dict[str, Any]:
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC: "2026-12-07T02:00:00.123456+00:00".
            "timestamp": "time",
            # Django's request lines pass the request object along: its repr says nothing more.
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
        }
        if json
        else {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"},
            "task": {"()": "config.logging.TaskContext"},
        },
        "formatters": {"main": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["request_id", "task"]}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # Its INFO lines say, on every request and task, that an id was found or made.
            "django_guid": {"level": "WARNING"},
        },
    }
