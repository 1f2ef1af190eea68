from celery import shared_task

from security_interests.services import financing_statements_mark_lapsed


@shared_task
def mark_lapsed() -> int:
    """Daily sweep: active financing statements past their lapse date become lapsed."""
    return financing_statements_mark_lapsed()
