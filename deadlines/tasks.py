from celery import shared_task
from django.db import transaction

from deadlines import delivery

BATCH = 100


@shared_task
def sweep() -> int:
    """Every minute: create the rows now due, then hand them to workers in batches of 100, each
    batch sent over one SMTP connection."""
    created = delivery.sweep()
    batches = -(-len(delivery.due_ids()) // BATCH)
    transaction.on_commit(lambda: [send_due.delay() for _ in range(batches)])
    return created


@shared_task(acks_late=True)
def send_due() -> int:
    """Claim up to 100 due rows (concurrent workers skip each other's) and send them over one
    connection. A worker that dies leaves its rows `sending`; the reaper returns them."""
    return delivery.send_batch(BATCH)


@shared_task(acks_late=True)
def send(delivery_id: int) -> str:
    """Claim the row with a conditional update; if another worker has it, do nothing."""
    if not delivery.claim(delivery_id):
        return "taken"
    return delivery.send_claimed(delivery_id)


@shared_task
def reap() -> int:
    return delivery.reap()
