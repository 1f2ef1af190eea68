"""Production settings: secure cookies, HSTS, compressed static files served by WhiteNoise."""

from django_guid.integrations import CeleryIntegration

from config.env import env_bool, env_int, env_str
from config.logging import logging_config
from config.settings.base import *  # noqa: F403
from config.storage import default_storage

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Health checks probe over plain HTTP from inside the container or the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Two-factor for everyone unless the deployment says otherwise (TWO_FACTOR_REQUIRED=0).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
WHITENOISE_USE_FINDERS = False
# JSON logs for the log collector unless the deployment says otherwise (LOG_JSON=0).
LOG_JSON = env_bool("LOG_JSON", True)
LOGGING = logging_config(level=env_str("LOG_LEVEL", "INFO"), json=LOG_JSON)
DJANGO_GUID["INTEGRATIONS"] = [CeleryIntegration(use_django_logging=LOG_JSON)]  # noqa: F405
STORAGES = {
    "default": default_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
