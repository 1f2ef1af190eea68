import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from tests.support import ROOT


def test_manage_check_deploy_passes_with_production_settings():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "covenant.example.com",
        "DATABASE_URL": "postgresql://covenant@db.invalid:5432/covenant",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_malformed_boolean_setting_stops_start_up(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG", False)


def test_a_malformed_integer_setting_stops_start_up(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "eight hours")
    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_SECONDS"):
        env_int("SESSION_IDLE_SECONDS", 1)


def test_sessions_expire_after_eight_hours_of_inactivity_by_default(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
