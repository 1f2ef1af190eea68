"""Several machines on one PostgreSQL and one Redis behave like one (`make test-ops`): two gunicorn
web servers, three Celery workers and two beat processes (the second by mistake, as happens in
real deployments), every process reaching PostgreSQL through PgBouncer in transaction mode. Pages
and API answers agree whichever server answers, a write through one is read through the other,
and 2,000 reminders reach the SMTP server on loopback exactly once each."""

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from accounts.services import api_token_create
from deadlines.models import Delivery, DeliveryStatus, Obligation
from scripts.fuzz import live_server
from scripts.run import WORKER_FLAGS
from tests.deadlines.smtp import free_port, start_smtp
from tests.factories import MatterFactory, MembershipFactory, PartyFactory, UserFactory
from tests.support import ROOT, process_env, wait_for

pytestmark = [pytest.mark.ops, pytest.mark.django_db(transaction=True)]
REMINDERS = 2000
# Masked CSRF tokens: 64 letters and digits, new on every page.
CSRF_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")


def pgbouncer(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """PgBouncer in transaction mode in front of the test database's server."""
    db = connection.settings_dict
    socket_dir = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    port = free_port()
    folder.chmod(0o777)
    ini = folder / "pgbouncer.ini"
    ini.write_text(
        "[databases]\n"
        f"* = host={socket_dir} port={db.get('PORT') or 5432} user={db.get('USER') or 'postgres'}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = any\npool_mode = transaction\nmax_client_conn = 200\ndefault_pool_size = 8\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
    )
    ini.chmod(0o644)
    executable = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    # As root it must be told whom to run as: the owner of the database server's socket folder.
    run_as = ["-u", pwd.getpwuid(os.stat(socket_dir).st_uid).pw_name] if os.geteuid() == 0 else []
    process = subprocess.Popen([executable, *run_as, str(ini)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: _answers(port), timeout=20)
    return process, port


def _answers(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _process(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _get(url: str, **headers: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _post_json(url: str, data: dict[str, object], **headers: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=json.dumps(data).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
        return response.status, json.loads(response.read())


def _page(base: str, path: str, session: str) -> bytes:
    status, body = _get(f"{base}{path}", Cookie=f"sessionid={session}")
    assert status == 200, (base, path, status)
    return CSRF_TOKEN.sub(b"csrf-token", body)


def test_two_web_servers_three_workers_and_two_beats_behave_like_one_machine(tmp_path):
    matter = MatterFactory(name="ROO Group / Petty", client=PartyFactory(legal_name="ROO Group, Inc."))
    counsel = UserFactory(username="casey", role=Role.COUNSEL)
    MembershipFactory(matter=matter, user=counsel)
    today = timezone.localdate()
    Obligation.objects.bulk_create(
        Obligation(matter=matter, title=f"Deliver {i}", due_date=today, nominal_due_date=today,
                   watcher_emails=[f"person{i}-{j}@example.net" for j in range(10)])
        for i in range(REMINDERS // 10)
    )
    signed_in = Client()
    signed_in.force_login(counsel)
    session = signed_in.cookies["sessionid"].value
    _token, key = api_token_create(user=counsel, name="cluster")
    connection.close()  # nothing of this process holds a server connection PgBouncer would need

    controller, smtp = start_smtp()
    with ExitStack() as stack:
        stack.callback(controller.stop)
        bouncer, bouncer_port = pgbouncer(tmp_path)
        stack.callback(_stop, bouncer)
        env = process_env(
            DATABASE_URL=f"postgresql://{connection.settings_dict.get('USER') or 'postgres'}@127.0.0.1:"
                         f"{bouncer_port}/{connection.settings_dict['NAME']}",
            DATABASE_CONN_MAX_AGE="0", DATABASE_DISABLE_SERVER_SIDE_CURSORS="1",
            TEST_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(controller.port),
        )
        celery = [sys.executable, "-m", "celery", "-A", "config"]
        for n in range(3):
            worker = _process([*celery, "worker", "-l", "info", *WORKER_FLAGS, "--concurrency", "2",
                               "-n", f"worker{n}@%h"], env, tmp_path / f"worker{n}.log")
            stack.callback(_stop, worker)
        for n in range(2):
            beat = _process([*celery, "beat", "-l", "info", "--schedule", str(tmp_path / f"beat{n}")],
                            env, tmp_path / f"beat{n}.log")
            stack.callback(_stop, beat)
        first = stack.enter_context(live_server(env, workers=2))
        second = stack.enter_context(live_server(env, workers=2))

        # Pages and API answers agree, and a write through one server is read through the other.
        for path in ("/matters/", f"/matters/{matter.pk}/", "/deadlines/"):
            assert _page(first, path, session) == _page(second, path, session)
        auth = {"Authorization": f"Token {key}"}
        status, party = _post_json(f"{first}/api/v1/parties/", {"legal_name": "Petty Lender LLC"}, **auth)
        assert status == 201
        assert _get(f"{second}/api/v1/parties/{party['id']}/", **auth) == _get(
            f"{first}/api/v1/parties/{party['id']}/", **auth)
        assert json.loads(_get(f"{second}/api/v1/parties/{party['id']}/", **auth)[1])["legal_name"] == "Petty Lender LLC"

        # Both beats trigger the sweep every minute; the claims let each reminder out once.
        started = time.monotonic()
        wait_for(lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() == REMINDERS, timeout=300)
        sent_in = time.monotonic() - started
        connection.close()
        time.sleep(2)  # a copy sent late would arrive now
        ready = [_get(f"{base}/readyz") for base in (first, second)]
    message_ids = smtp.message_ids
    print(f"\n{REMINDERS} reminders sent in {sent_in:.0f} s (the first sweep comes a minute after beat starts);"
          f" Message-IDs received: {len(message_ids)}, distinct: {len(set(message_ids))}")
    assert len(message_ids) == REMINDERS
    assert set(message_ids) == set(Delivery.objects.values_list("message_id", flat=True))
    assert [status for status, _body in ready] == [200, 200]
