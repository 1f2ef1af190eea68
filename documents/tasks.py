from celery import shared_task
from django.db import transaction

from documents import services
from documents.models import DocumentText, TextStatus


@shared_task
def sweep() -> int:
    """Every minute: a pending text for each new upload, then each pending text to a worker."""
    created = services.document_texts_create_missing()
    services.document_texts_reap()
    ids = list(DocumentText.objects.filter(status=TextStatus.PENDING).values_list("pk", flat=True)[:100])
    transaction.on_commit(lambda: [read.delay(pk) for pk in ids])
    return created


@shared_task(acks_late=True)
def read(document_text_id: int) -> str:
    """Claim the row with a conditional update; if another worker has it, or it is gone, do nothing."""
    if not services.document_text_claim(document_text_id=document_text_id):
        return "taken"
    return services.document_text_read(document_text_id=document_text_id)
