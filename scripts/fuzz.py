"""`make fuzz`: schemathesis against a live server's OpenAPI schema, as an admin, counsel and finance.

A database of its own (created on the DATABASE_URL server, migrated, demo data loaded, dropped at
the end), gunicorn with the test settings on a free loopback port, then `st run` once per role.
It fails on any 500, any status code the schema does not list, and any response body that does
not match the schema.

    python -m scripts.devservices exec --dir .local/test -- python -m scripts.fuzz --max-examples 200
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("admin", "counsel", "cfo")
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


def _admin_url(database_url: str, name: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


@contextmanager
def fuzz_database(database_url: str) -> Iterator[str]:
    import psycopg2

    name = f"covenant_fuzz_{os.getpid()}"
    connection = psycopg2.connect(_admin_url(database_url, "postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield _admin_url(database_url, name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.close()


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "AXES_ENABLED": "0", "PYTHONUNBUFFERED": "1"})
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def prepare(env: dict[str, str]) -> dict[str, str]:
    """Migrates, loads the demo data and returns an API token per role."""
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_demo", "-v", "0")
    return {role: _manage(env, "api_token_create", role).split()[2] for role in ROLES}


@contextmanager
def live_server(env: dict[str, str], *, workers: int = 2) -> Iterator[str]:
    """gunicorn on a free loopback port with `env`; yields its base URL once it answers."""
    from scripts.devservices import _free_port

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--no-control-socket", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/accounts/login/", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_answering(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  # loopback URL built here
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url}")


def schemathesis_command(base: str, token: str, *, max_examples: int, max_seconds: int | None,
                         seed: int | None) -> list[str]:
    command = [
        str(Path(sys.executable).with_name("st")), "run", f"{base}/api/v1/schema/",
        "--header", f"Authorization: Token {token}", "--checks", CHECKS,
        "--max-examples", str(max_examples), "--workers", "1", "--phases", "examples,coverage,fuzzing",
        "--suppress-health-check", "all", "--no-shrink", "--request-timeout", "30",
        "--continue-on-failure", "--output-truncate", "false",
    ]
    if seed is not None:
        command += ["--seed", str(seed)]
    if max_seconds is not None:
        command += ["--max-time", str(max_seconds)]
    return command


def fuzz(*, max_examples: int, max_seconds: int | None = None, seed: int | None = None,
         roles: tuple[str, ...] = ROLES) -> dict[str, subprocess.CompletedProcess[str]]:
    with fuzz_database(os.environ["DATABASE_URL"]) as database_url:
        env = _env(database_url)
        tokens = prepare(env)
        # One gunicorn worker per role: each role's first request builds the whole schema (seconds
        # on a busy machine), and the three must not queue behind one another.
        with live_server(env, workers=len(roles)) as base:
            # The roles run side by side: the wall-clock time is one role's, not three.
            runs = {
                role: subprocess.Popen(
                    schemathesis_command(base, tokens[role], max_examples=max_examples,
                                         max_seconds=max_seconds, seed=seed),
                    cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                )
                for role in roles
            }
            outputs = {role: run.communicate()[0] for role, run in runs.items()}
            return {role: subprocess.CompletedProcess(run.args, run.returncode, outputs[role], "")
                    for role, run in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--max-seconds", type=int, help="time budget per role")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--role", action="append", choices=ROLES)
    args = parser.parse_args(argv)
    results = fuzz(max_examples=args.max_examples, max_seconds=args.max_seconds, seed=args.seed,
                   roles=tuple(args.role or ROLES))
    for role, result in results.items():
        print(f"===== as {role}: exit code {result.returncode}\n{result.stdout}{result.stderr}")
    return max(result.returncode for result in results.values())


if __name__ == "__main__":
    sys.exit(main())
