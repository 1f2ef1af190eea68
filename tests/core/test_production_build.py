"""The production image's build step and server, run for real: collectstatic with the production
settings (the Dockerfile's command), then gunicorn answering a request over HTTP."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from scripts.fuzz import live_server
from tests.support import ROOT, current_database_url

SECRET = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"


def _production_env(static_root: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": current_database_url(),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "STATIC_ROOT": str(static_root),
    }


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("staticfiles")
    env = _production_env(static_root) | {"DATABASE_URL": "postgresql://nobody@db.invalid/none"}
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    return static_root, result


@pytest.fixture
def gunicorn(collected_static, transactional_db):
    static_root, _ = collected_static
    with live_server(_production_env(static_root), workers=1) as base:
        yield base


def test_collectstatic_with_production_settings_succeeds(collected_static):
    static_root, result = collected_static
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    assert "vendor/chartjs/chart.umd.js" in manifest["paths"]


def test_gunicorn_with_production_settings_serves_the_login_page_with_security_headers(gunicorn):
    response = urllib.request.urlopen(f"{gunicorn}/accounts/login/", timeout=10)  # noqa: S310
    body = response.read().decode()
    assert response.status == 200
    assert 'name="username"' in body
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "Secure" in response.headers["Set-Cookie"]


def test_gunicorn_with_production_settings_serves_hashed_vendored_assets(gunicorn, collected_static):
    static_root, _ = collected_static
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["vendor/htmx/htmx.min.js"]
    response = urllib.request.urlopen(f"{gunicorn}/static/{hashed}", timeout=10)  # noqa: S310
    assert response.status == 200
    assert "immutable" in response.headers["Cache-Control"]
