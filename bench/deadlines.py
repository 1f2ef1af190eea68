"""Reminder delivery at scale: claiming 500 due rows among 1,000,000 obligations and 5,000,000
delivery rows (database time, from EXPLAIN ANALYZE), and sending 10,000 reminders to a loopback
SMTP server with 2 Celery worker processes (batches of 100 rows, one SMTP connection per batch).

Set BENCH_DEADLINES_SEND_ONLY=1 to measure only the sending (skips the 6,000,000-row fill)."""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from config.celery import app
from deadlines import delivery
from deadlines.models import Obligation
from deadlines.tasks import BATCH
from matters.models import Matter
from parties.models import Party
from scripts.run import WORKER_FLAGS

ROOT = Path(__file__).resolve().parent.parent


def _fill() -> None:
    matter = Matter.objects.create(name="Bench matter", client=Party.objects.create(legal_name="Bench Co"))
    with connection.cursor() as cursor:
        # Bulk load without the audit triggers (pghistory): the bench measures the sweep, not history.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "INSERT INTO deadlines_obligation (matter_id, title, kind, description, clause, source_key, watcher_emails,"
            " nominal_due_date, due_date, business_day_convention, critical, recurrence, status, completed_by_name,"
            " evidence, comment, sequence, recurrence_days_after, occurrence, remind_when_overdue, created_at, updated_at)"
            " SELECT %s, 'Bench ' || g, 'manual', '', '', '', '{}', current_date + (g %% 400) - 200,"
            " current_date + (g %% 400) - 200, 'following', false, 'none', CASE WHEN g %% 10 = 0 THEN 'open' ELSE 'done' END,"
            " '', '', '', 0, 0, 0, false, now(), now() FROM generate_series(1, 1000000) g", [matter.pk])
        cursor.execute("SELECT min(id) FROM deadlines_obligation")
        first = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO deadlines_delivery (obligation_id, recipient_email, kind, occasion, due_at, status, attempts,"
            " last_error, message_id, subject, created_at)"
            " SELECT %s + (g %% 1000000), 'p' || g || '@example.net', 'reminder', 'before:' || g || ':2026-01-01', now() - interval '1 day',"
            " CASE WHEN g %% 5000 = 0 THEN 'pending' ELSE 'sent' END, 0, '', '<bench.' || g || '@covenant>', '', now()"
            " FROM generate_series(1, 5000000) g", [first])
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")


def _claim_time() -> tuple[float, float]:
    """(execution, planning) milliseconds of the claim, rolled back so each run claims afresh."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + delivery.CLAIM_BATCH_SQL, [500])
        plan = cursor.fetchone()[0][0]
        cursor.execute("ROLLBACK")
    return float(plan["Execution Time"]), float(plan.get("Planning Time", 0))


def _send_10k() -> float:
    """Wall seconds until the SMTP server has 10,000 messages; also prints the CPU seconds the two
    workers used (user + system), which a loaded machine does not inflate as it does wall time."""
    from tests.deadlines.smtp import start_smtp
    from tests.support import process_env

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE deadlines_delivery, deadlines_obligation CASCADE")
    matter = Matter.objects.first() or Matter.objects.create(
        name="Bench matter", client=Party.objects.create(legal_name="Bench Co"))
    today = timezone.localdate()
    Obligation.objects.bulk_create(Obligation(matter=matter, title=f"Send {i}", due_date=today, nominal_due_date=today,
                                              watcher_emails=[f"r{i}-{j}@example.net" for j in range(10)]) for i in range(1000))
    delivery.sweep()
    controller, smtp = start_smtp()
    env = process_env(TEST_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                      EMAIL_PORT=str(controller.port))
    workers = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", "1", *WORKER_FLAGS,
                                 "-l", "warning", "-n", f"bench{i}@%h"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for i in range(2)]
    start = time.perf_counter()
    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            # As the beat's sweep does: one batch task (100 rows, one SMTP connection) per 100 due rows.
            for _ in range(-(-len(delivery.due_ids(limit=20000)) // BATCH)):
                app.send_task("deadlines.tasks.send_due", connection=conn)
        while len(smtp.message_ids) < 10_000 and time.perf_counter() - start < 600:
            time.sleep(0.5)
        return time.perf_counter() - start
    finally:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for worker in workers:
            worker.terminate()
            worker.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"worker CPU (2 workers and their pool processes, user + system): {cpu:.1f} s", flush=True)
        controller.stop()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if os.environ.get("BENCH_DEADLINES_SEND_ONLY"):  # skip the 6,000,000-row fill
        print(f"send 10,000 reminders to loopback SMTP with 2 workers: {_send_10k():.1f} s", flush=True)
        return
    started = time.perf_counter()
    _fill()
    print(f"filled 1,000,000 obligations and 5,000,000 delivery rows in {time.perf_counter() - started:.0f} s", flush=True)
    execution, planning = min(_claim_time() for _ in range(5))
    print(f"claim a batch of 500 due reminders: {execution:.2f} ms execution + {planning:.2f} ms planning "
          "(best of 5, EXPLAIN ANALYZE)", flush=True)
    seconds = _send_10k()
    print(f"send 10,000 reminders to loopback SMTP with 2 workers: {seconds:.1f} s", flush=True)
