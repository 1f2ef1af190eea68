"""scripts.devservices with real servers: a second invocation on the same folder (as `exec`
while `make run` is up) reuses the running PostgreSQL and Redis and never stops them."""

import os
import subprocess
import sys

import psycopg2
import pytest

from scripts.devservices import Services, _redis_pid, postgres_running
from tests.support import ROOT


def _without_service_urls() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}


@pytest.fixture
def running(tmp_path):
    """PostgreSQL and Redis started on a folder, as `make run` starts them."""
    services = Services(root=tmp_path / "dev")
    env = services.start(postgres=True, redis=True)
    yield services, env
    services.stop()


def _exec_printing_urls(folder) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.devservices", "exec", "--dir", str(folder), "--",
         sys.executable, "-c", "import os; print(os.environ['DATABASE_URL']); print(os.environ['REDIS_URL'])"],
        cwd=ROOT, env=_without_service_urls(), capture_output=True, text=True, timeout=120, check=True,
    )
    return result.stdout.split()


def test_a_second_exec_on_running_servers_reuses_them_and_leaves_them_running(running):
    services, env = running
    assert _exec_printing_urls(services.root) == [env["DATABASE_URL"], env["REDIS_URL"]]
    assert postgres_running(services.root / "postgres")
    assert _redis_pid(services.root / "redis") is not None
    psycopg2.connect(env["DATABASE_URL"]).close()


def test_the_first_invocation_still_stops_the_servers_it_started(running):
    services, _ = running
    _exec_printing_urls(services.root)
    services.stop()
    assert not postgres_running(services.root / "postgres")
    assert _redis_pid(services.root / "redis") is None


def test_exec_on_a_folder_with_nothing_running_stops_what_it_started(tmp_path):
    _exec_printing_urls(tmp_path / "fresh")
    assert not postgres_running(tmp_path / "fresh" / "postgres")
    assert _redis_pid(tmp_path / "fresh" / "redis") is None


def test_a_reused_server_is_not_reported_dead_and_a_stopped_one_started_here_is(running):
    services, _ = running
    reuser = Services(root=services.root)
    reuser.start(postgres=True, redis=True)
    assert (reuser.started, services.dead()) == ([], [])
    reuser.started = ["redis"]
    reuser.stop()
    assert services.dead() == ["redis"]
