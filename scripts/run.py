"""`make run`: local servers (when DATABASE_URL / REDIS_URL are unset), migrations, demo data,
then the web server, a Celery worker and Celery beat. Ctrl-C stops every child and both servers."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scripts.devservices import Services

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".local" / "dev"
PYTHON = sys.executable
PORT = os.environ.get("PORT", "8000")


def child_env(services_env: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(services_env)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    env.setdefault("DJANGO_DEBUG", "1")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    env.setdefault("EMAIL_FILE_PATH", str(DATA / "mail"))
    env.setdefault("MEDIA_ROOT", str(DATA / "media"))
    env.setdefault("SITE_URL", f"http://127.0.0.1:{PORT}")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def start_children(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    commands = [
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        [PYTHON, "-m", "celery", "-A", "config", "worker", "-l", "info", "--concurrency", "2"],
        [PYTHON, "-m", "celery", "-A", "config", "beat", "-l", "info",
         "--schedule", str(DATA / "celerybeat-schedule")],
    ]
    return [subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True) for command in commands]


def stop_children(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


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
    children: list[subprocess.Popen[bytes]] = []
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
        children = start_children(env)
        banner()
        while not stopping:
            if any(child.poll() is not None for child in children):
                print("A process stopped unexpectedly; stopping everything.", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        stop_children(children)
        services.stop()
        print("Stopped web server, worker, beat and local servers.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
