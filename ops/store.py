"""The Redis that operations data lives in: Celery's broker, with short timeouts so a dead Redis
makes a readiness check fail quickly instead of hanging the load balancer's probe."""

from functools import lru_cache

import redis
from django.conf import settings

KEY_PREFIX = "covenant:ops:"
SWEEP_LAST_SUCCESS_KEY = f"{KEY_PREFIX}sweep:last_success_at"
SWEEP_DURATION_KEY = f"{KEY_PREFIX}sweep:duration"


@lru_cache(maxsize=4)
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2, decode_responses=True)


def client() -> redis.Redis:
    return _client_for(settings.CELERY_BROKER_URL)
