"""Helpers for tests that start real processes against the test database."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from scripts.run import WORKER_FLAGS

ROOT = Path(__file__).resolve().parent.parent


def current_database_url() -> str:
    """A DATABASE_URL for the database this test runs against (pytest-django's test database)."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    port = db.get("PORT") or ""
    if host.startswith("/"):
        return f"postgresql://{user}{password}@{quote(host, safe='')}{':' + str(port) if port else ''}/{db['NAME']}"
    return f"postgresql://{user}{password}@{host}{':' + str(port) if port else ''}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": current_database_url(),
            "REDIS_URL": settings.CELERY_BROKER_URL,
            "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("PYTEST_XDIST_WORKER", None)  # the URL and folder above are already this test process's
    env.update(extra)
    return env


@contextmanager
def celery_worker(*args: str, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery -A config worker` process; stopped (then killed) on exit."""
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "info", *WORKER_FLAGS, *args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=process_env(**env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(check: Callable[[], object], timeout: float = 30.0, interval: float = 0.2) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
