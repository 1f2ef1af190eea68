"""Error reporting with SENTRY_DSN: events of a failing request and a failing task reach the
Sentry server named by the DSN (here one on loopback that keeps what it receives)."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from celery import shared_task

from config.sentry import sentry_init

GIVEN = "0b9e3f7c1d2a4c5e8f6a7b8c9d0e1f2a"


class _Collector(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _events(received):
    events = []
    for _path, body in received:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


@pytest.fixture
def sentry_server():
    _Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sentry_init(dsn=f"http://publickey@127.0.0.1:{server.server_port}/42", environment="test")
    yield _Collector.received
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reporting off again for the tests after this one
    server.shutdown()


@shared_task
def _failing_task() -> None:
    raise ZeroDivisionError("no lenders to allocate to")


def test_a_failing_request_is_reported_with_its_request_id(client, admin_user, settings, sentry_server):
    settings.ROOT_URLCONF = "tests.ops.urls_failing"
    client.force_login(admin_user)
    client.raise_request_exception = False
    response = client.get("/fails/", HTTP_X_REQUEST_ID=GIVEN, HTTP_AUTHORIZATION="Token secret")
    sentry_sdk.flush(timeout=10)
    (event,) = _events(sentry_server)
    assert response.status_code == 500
    assert sentry_server[0][0] == "/api/42/envelope/"
    assert event["exception"]["values"][-1]["type"] == "LedgerOutOfBalance"
    assert event["exception"]["values"][-1]["value"] == "principal 1,000.00 != advances 900.00 - repaid 0.00"
    assert event["tags"]["request_id"] == GIVEN
    assert event["environment"] == "test"
    assert "user" not in event and "cookies" not in event["request"]
    headers = {name.lower() for name in event["request"].get("headers", {})}
    assert not headers & {"cookie", "authorization"}, headers
    assert admin_user.email not in json.dumps(event)  # the address nowhere, whatever the SDK collected


def test_a_failing_task_is_reported(sentry_server):
    result = _failing_task.apply()
    sentry_sdk.flush(timeout=10)
    (event,) = _events(sentry_server)
    assert result.failed()
    assert event["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    assert event["transaction"] == "tests.ops.test_sentry._failing_task"
