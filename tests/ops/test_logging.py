"""Request ids (django-guid) and JSON logs (python-json-logger): a request's id is taken from
X-Request-ID or made, returned, written on its log lines and carried into the tasks it enqueues,
whose worker logs it."""

import io
import json
import logging.config
import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django_guid import clear_guid, set_guid

from config.logging import logging_config
from core.tasks import heartbeat
from scripts.run import WORKER_FLAGS
from tests.support import ROOT, process_env, wait_for

GIVEN = "6f1c8a2e4b7d4e0f9a3b5c7d9e1f2a4b"


@pytest.fixture
def json_logs():
    """The production log configuration, writing to a string; the test one again after."""
    config = logging_config(level="INFO", json=True)
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)


def test_a_request_keeps_the_uuid_it_came_with(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=GIVEN)
    assert response["X-Request-ID"] == GIVEN


def test_a_request_without_one_gets_a_new_id_and_a_malformed_one_is_replaced(client):
    made = client.get("/healthz")["X-Request-ID"]
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x"}\n{"level": "forged')["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert made != replaced


def test_each_log_line_of_a_request_is_one_json_object_with_its_request_id(client, json_logs):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID=GIVEN)
    lines = json_logs()
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found == [{
        "level": "WARNING", "logger": "django.request",
        "message": "Not Found: /no-such-page/", "request_id": GIVEN, "task_id": "", "task_name": "",
        "status_code": 404, "time": not_found[0]["time"],
    }]
    assert not_found[0]["time"].endswith("+00:00")


def test_user_text_in_a_message_stays_inside_its_json_string(json_logs):
    logging.getLogger("covenant").warning('party %s', 'A"}\n{"level": "forged')
    (line,) = json_logs()
    assert line["message"] == 'party A"}\n{"level": "forged'
    assert line["level"] == "WARNING"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_request_is_logged_by_the_worker_with_the_requests_id(tmp_path):
    request_id = uuid.uuid4().hex
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "info", *WORKER_FLAGS,
               "--pool", "solo", "--concurrency", "1"]
    with log.open("wb") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=process_env(LOG_JSON="1"), stdout=out, stderr=out)
        try:
            set_guid(request_id)  # what the middleware does for the request that enqueues
            try:
                result = heartbeat.delay("logged")
            finally:
                clear_guid()
            (success,) = wait_for(lambda: [  # type: ignore[misc]
                line for line in _json_lines(log)
                if line.get("task_id") == result.id and "succeeded" in line["message"]], timeout=60)
        finally:
            worker.terminate()
            worker.wait(timeout=20)
    assert success["request_id"] == request_id
    assert success["task_name"] == "core.tasks.heartbeat"
    assert success["logger"] == "celery.app.trace"


def _json_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]
