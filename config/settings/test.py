"""Test settings: the base settings with fast hashing and captured email."""

import os
import re
from pathlib import Path

from config.env import env_str
from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests capture mail in memory, except worker-process tests that point at a loopback SMTP server.
EMAIL_BACKEND = env_str("TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# A process a test starts (a worker) is told its test process's folder.
MEDIA_ROOT = Path(env_str("TEST_MEDIA_ROOT", str(BASE_DIR / ".local" / "test-media")))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The live server is http://localhost: passkeys are allowed there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# Under pytest-xdist each test process gets its own Redis database (its broker queue and heartbeat
# keys) and media folder, as pytest-django gives it its own test database. The processes its tests
# start are handed both (tests.support.process_env) rather than the worker's name.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER:
    CELERY_BROKER_URL = re.sub(r"/\d*$", f"/{int(_XDIST_WORKER.removeprefix('gw')) + 1}", CELERY_BROKER_URL)  # noqa: F405
    MEDIA_ROOT = MEDIA_ROOT.parent / f"test-media-{_XDIST_WORKER}"
