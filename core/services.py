from django.db.models import F
from django.utils import timezone

from core.models import Heartbeat


def heartbeat_record(*, name: str) -> Heartbeat:
    heartbeat, created = Heartbeat.objects.get_or_create(
        name=name, defaults={"beat_at": timezone.now(), "count": 1}
    )
    if not created:
        Heartbeat.objects.filter(pk=heartbeat.pk).update(beat_at=timezone.now(), count=F("count") + 1)
        heartbeat.refresh_from_db()
    return heartbeat
