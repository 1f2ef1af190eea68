from celery import shared_task

from closings.exports import binder_build
from closings.models import BinderExport


@shared_task
def build_binder(binder_id: int) -> str:
    binder = BinderExport.objects.select_related("closing__matter").filter(pk=binder_id).first()
    if binder is None:
        return "gone"
    try:
        binder_build(binder)
    except Exception as exc:
        BinderExport.objects.filter(pk=binder_id).update(status="failed", error=str(exc)[:2000])
        raise
    return "done"
