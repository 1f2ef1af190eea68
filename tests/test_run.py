"""`make run`'s supervisor with real child processes: a worker or beat that dies is restarted
after a doubling back-off; a web server that dies stops everything with a message naming it; a
local server stopped from outside is noticed."""

import io
import sys
import time

import pytest

from scripts.devservices import Services, stop_redis
from scripts.run import Child, stop_children, supervise


def _for(seconds: float):
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


def _sleeper(name: str, *, restart: bool) -> Child:
    return Child(name, [sys.executable, "-c", "import time; time.sleep(120)"], restart=restart)


def _exits(name: str, code: int, *, restart: bool, log=None) -> Child:
    script = f"open({str(log)!r}, 'a').write('started\\n'); raise SystemExit({code})" if log else f"raise SystemExit({code})"
    return Child(name, [sys.executable, "-c", script], restart=restart)


@pytest.fixture
def nothing_started(tmp_path):
    return Services(root=tmp_path / "none")


def test_a_worker_that_dies_is_restarted_with_a_doubling_back_off(tmp_path, nothing_started):
    log = tmp_path / "worker.log"
    children = [_sleeper("web server", restart=False), _exits("worker", 3, restart=True, log=log)]
    out = io.StringIO()
    status = supervise(children, env={}, services=nothing_started, stopping=_for(2.5), out=out,
                       backoff_seconds=0.2, tick_seconds=0.05)
    stop_children(children)
    messages = out.getvalue().splitlines()
    assert status == 0
    assert messages[:4] == [
        "The worker stopped (exit code 3); restarting it in 0.2 s.", "Restarting the worker.",
        "The worker stopped (exit code 3); restarting it in 0.4 s.", "Restarting the worker.",
    ]
    assert log.read_text().count("started") >= 3


def test_a_web_server_that_dies_stops_everything_with_a_message(nothing_started):
    worker = _sleeper("worker", restart=True)
    children = [_exits("web server", 1, restart=False), worker]
    out = io.StringIO()
    status = supervise(children, env={}, services=nothing_started, stopping=_for(30), out=out, tick_seconds=0.05)
    stop_children(children)
    assert status == 1
    assert out.getvalue() == "The web server stopped (exit code 1); stopping everything.\n"
    assert worker.process.poll() is not None


def test_a_local_server_stopped_from_outside_is_noticed(tmp_path):
    services = Services(root=tmp_path / "dev")
    services.start(postgres=False, redis=True)
    stop_redis(services.root / "redis")
    children = [_sleeper("web server", restart=False)]
    out = io.StringIO()
    status = supervise(children, env={}, services=services, stopping=_for(30), out=out, tick_seconds=0.05)
    stop_children(children)
    assert status == 1
    assert out.getvalue() == "redis stopped outside `make run`; stopping everything.\n"
