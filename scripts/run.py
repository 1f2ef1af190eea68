"""`make run`: local servers (when DATABASE_URL / REDIS_URL are unset), migrations, demo data,
then the web server, a Celery worker and Celery beat. Ctrl-C stops every child and both servers.

A worker or beat that dies is restarted after a back-off (1 s, doubling to 60 s; back to 1 s once
it has run a minute). The web server is not restarted: when it dies (a port already taken, an
import error) restarting cannot help, so everything stops with a message naming it. Everything
also stops, saying so, if PostgreSQL or Redis started here disappears."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from scripts.devservices import Services

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".local" / "dev"
PYTHON = sys.executable
PORT = os.environ.get("PORT", "8000")
BACKOFF_MAX_SECONDS = 60.0
STABLE_AFTER_SECONDS = 60.0


@dataclass
class Child:
    name: str
    command: list[str]
    restart: bool
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    failures: int = 0


def child_env(services_env: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(services_env)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    # Off, so the demo shows Covenant's error pages; `DJANGO_DEBUG=1 make run` for Django's.
    env.setdefault("DJANGO_DEBUG", "0")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    env.setdefault("EMAIL_FILE_PATH", str(DATA / "mail"))
    env.setdefault("MEDIA_ROOT", str(DATA / "media"))
    env.setdefault("SITE_URL", f"http://127.0.0.1:{PORT}")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


# Mingle, gossip and worker heartbeats are broker chatter Covenant does not use, and a known cause of
# workers that reconnect after a Redis restart but never consume again (celery/celery#8030, #8091).
WORKER_FLAGS = ("--without-mingle", "--without-gossip", "--without-heartbeat")


def covenant_children() -> list[Child]:
    return [
        Child("web server", [PYTHON, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"], restart=False),
        Child("worker", [PYTHON, "-m", "celery", "-A", "config", "worker", "-l", "info", "--concurrency", "2",
                         *WORKER_FLAGS],
              restart=True),
        Child("beat", [PYTHON, "-m", "celery", "-A", "config", "beat", "-l", "info",
                       "--schedule", str(DATA / "celerybeat-schedule")], restart=True),
    ]


def start_child(child: Child, env: dict[str, str]) -> None:
    child.process = subprocess.Popen(child.command, cwd=ROOT, env=env, start_new_session=True)
    child.started_at = time.monotonic()
    child.restart_at = None


def supervise(
    children: list[Child],
    *,
    env: dict[str, str],
    services: Services,
    stopping: Callable[[], bool],
    out: TextIO = sys.stderr,
    backoff_seconds: float = 1.0,
    tick_seconds: float = 0.5,
) -> int:
    """Starts the children and watches them until `stopping()`; returns the exit status."""
    for child in children:
        start_child(child, env)
    while not stopping():
        dead = services.dead()
        if dead:
            print(f"{' and '.join(dead)} stopped outside `make run`; stopping everything.", file=out, flush=True)
            return 1
        now = time.monotonic()
        for child in children:
            if child.process is None:
                if child.restart_at is not None and now >= child.restart_at:
                    print(f"Restarting the {child.name}.", file=out, flush=True)
                    start_child(child, env)
                continue
            code = child.process.poll()
            if code is None:
                continue
            if not child.restart:
                print(f"The {child.name} stopped (exit code {code}); stopping everything.", file=out, flush=True)
                return 1
            if now - child.started_at >= STABLE_AFTER_SECONDS:
                child.failures = 0
            delay = min(backoff_seconds * 2**child.failures, BACKOFF_MAX_SECONDS)
            child.failures += 1
            print(f"The {child.name} stopped (exit code {code}); restarting it in {delay:g} s.",
                  file=out, flush=True)
            child.process = None
            child.restart_at = now + delay
        time.sleep(tick_seconds)
    return 0


def stop_children(children: list[Child]) -> None:
    running = [child.process for child in children if child.process is not None]
    for process in running:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def banner() -> None:
    print(
        f"\n  Covenant is running at http://127.0.0.1:{PORT}/\n"
        "  Demo logins (password covenant-demo): admin, counsel, cfo\n"
        f"  Emails are written to {DATA / 'mail'}\n"
        f"  Data lives in {DATA}\n"
        "  Press Ctrl-C to stop everything.\n",
        flush=True,
    )


def main() -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    services = Services(root=DATA)
    children = covenant_children()
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        env = child_env(
            services.start(postgres="DATABASE_URL" not in os.environ, redis="REDIS_URL" not in os.environ)
        )
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "-v", "0")
        banner()
        return supervise(children, env=env, services=services, stopping=lambda: stopping)
    finally:
        stop_children(children)
        services.stop()
        print("Stopped web server, worker, beat and the local servers started here.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
