from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone

from deadlines.models import Delivery, DeliveryStatus


def delivery_counts() -> dict[str, int]:
    """Rows per delivery status, every status present (zero when none)."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for row in Delivery.objects.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def oldest_pending_due_at(*, now: datetime | None = None) -> datetime | None:
    """The due moment of the longest-waiting pending row already due (future rows are not late)."""
    now = now or timezone.now()
    pending = Delivery.objects.filter(status=DeliveryStatus.PENDING, due_at__lte=now)
    return pending.aggregate(oldest=Min("due_at"))["oldest"]
