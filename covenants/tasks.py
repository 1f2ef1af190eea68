from celery import shared_task

from covenants import services


@shared_task
def extend_reports() -> int:
    """Daily: open-ended reporting covenants get their next periods' deliverables (a year ahead)."""
    return services.reports_extend()
