from celery import shared_task
from django.db import transaction

from deadlines import delivery


@shared_task
def sweep() -> int:
    """Every minute: create the rows now due, then hand each due row to a worker."""
    created = delivery.sweep()
    ids = delivery.due_ids()
    transaction.on_commit(lambda: [send.delay(delivery_id) for delivery_id in ids])
    return created


@shared_task(acks_late=True)
def send(delivery_id: int) -> str:
    """Claim the row with a conditional update; if another worker has it, do nothing."""
    if not delivery.claim(delivery_id):
        return "taken"
    return delivery.send_claimed(delivery_id)


@shared_task
def reap() -> int:
    return delivery.reap()
