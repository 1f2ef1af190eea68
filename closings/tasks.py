from typing import Any

from celery import shared_task

from closings.exports import binder_build
from closings.models import BinderExport

# A binder build reads files from storage: an OSError is worth a few tries before it is "failed".
RETRYABLE = (OSError,)


@shared_task(bind=True, autoretry_for=RETRYABLE, retry_backoff=True, max_retries=3)
def build_binder(self: Any, binder_id: int) -> str:
    binder = BinderExport.objects.select_related("closing__matter").filter(pk=binder_id).first()
    if binder is None:
        return "gone"
    try:
        binder_build(binder)
    except Exception as exc:
        if not isinstance(exc, RETRYABLE) or self.request.retries >= self.max_retries:
            BinderExport.objects.filter(pk=binder_id).update(status="failed", error=str(exc)[:2000])
        raise
    return "done"
