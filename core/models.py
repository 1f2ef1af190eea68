from django.db import models


class Heartbeat(models.Model):
    """Last time a named periodic job ran; proves beat and a worker are alive."""

    name = models.CharField(max_length=100, unique=True)
    beat_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
