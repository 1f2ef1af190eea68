from celery import shared_task

from core.services import heartbeat_record


@shared_task
def heartbeat(name: str = "beat") -> int:
    return heartbeat_record(name=name).count
