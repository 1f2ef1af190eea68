"""Settings shared by every environment; every variation is read from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import pghistory
from django_guid.integrations import CeleryIntegration

from config.env import env_bool, env_int, env_list, env_str
from config.logging import logging_config
from config.sentry import sentry_init
from config.storage import default_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_guid",
    "core",
    "accounts",
    "parties",
    "matters",
    "agreements",
    "documents",
    "notes",
    "deadlines",
    "notices",
    "closings",
    "security_interests",
    "registration_rights",
    "covenants",
    "representations",
    "disputes",
    "rates",
    "backups",
    "ops",
]

MIDDLEWARE = [
    # First of all: every log line of the request carries its request id (config.logging).
    "django_guid.middleware.guid_middleware",
    # Then, so the latency it observes includes every other middleware.
    "ops.middleware.RequestLatencyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Inside it: lets the login page's single sign-on form go to the identity provider.
    "accounts.middleware.SsoFormActionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    # After the log-in check: a signed-in user the two-factor policy applies to reaches only
    # the enrolment pages until they have a second factor.
    "accounts.middleware.TwoFactorRequiredMiddleware",
    # Records every download and export (a response naming a file) in the security log.
    "accounts.middleware.DownloadLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/covenant"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
# Behind PgBouncer in transaction mode (README, "More than one machine"): a server connection
# serves another client between transactions, so no cursor may outlive its transaction; set
# DATABASE_CONN_MAX_AGE=0 too (PgBouncer keeps the connections).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (django-allauth's social accounts) signs users in through this one.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in pages and two-factor (django-allauth). Accounts are made by admins (`add_user`, the
# admin site); nobody signs up. Users sign in by user name; Django's own password-reset views
# (capped emails, tokens revoked) stay at /accounts/password_reset/.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Changing two-factor asks for the password again, except within this long of signing in.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# django-axes counts failed log-ins and locks accounts (below); allauth's own counter would
# stop at 5 and hide the lockout page.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Covenant"
# Users' emails are set by admins, never confirmed by a link, so they do not hold back 2FA.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Passkeys need https, except on http://localhost in development and tests.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
# "Require two-factor": everyone, or only the listed roles (admin, counsel, finance). A user it
# applies to is walked through enrolment at sign-in and reaches no page and no API before.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", [])
# A sign-in through the firm's single sign-on counts as two-factor (the firm's identity
# provider enforces its own); 0 asks SSO users for Covenant's second factor too.
TWO_FACTOR_TRUST_SSO = env_bool("TWO_FACTOR_TRUST_SSO", True)
# API tokens made on the profile page live this many days.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# Single sign-on: one OpenID Connect provider (Microsoft Entra ID, Okta, Google Workspace...).
# Users must already exist: the provider's verified email is matched to theirs.
SSO_SERVER_URL = env_str("SSO_SERVER_URL", "")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "sso",
                "name": env_str("SSO_NAME", "your firm's single sign-on"),
                "client_id": env_str("SSO_CLIENT_ID", ""),
                "secret": env_str("SSO_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": SSO_SERVER_URL,
                    # Emails in these domains count as verified even when the provider sends no
                    # email_verified claim (Entra ID does not): the firm's own domains.
                    "verified_email": env_list("SSO_EMAIL_DOMAINS", []) or None,
                },
            }
        ]
        if SSO_SERVER_URL
        else [],
    }
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False

# Sessions end after this much inactivity: every request pushes the expiry forward.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# Login throttling (django-axes): 10 failures against one account, or against one account from one
# address, lock that account for 15 minutes only, so an attacker cannot keep a named user out long.
# Never per address alone: colleagues behind one office address must not lock each other out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Password-reset emails sent per account, and per requesting address, in any hour; requests past
# the limit get the same "check your email" page and send nothing.
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = env_int("PASSWORD_RESET_PER_ACCOUNT_PER_HOUR", 3)
PASSWORD_RESET_PER_REQUESTER_PER_HOUR = env_int("PASSWORD_RESET_PER_REQUESTER_PER_HOUR", 10)

# Every asset is vendored, so everything comes from this origin. Style attributes stay allowed
# (`style-src-attr`): a few templates size bars with them; <style> elements and every script
# still need a file from 'self'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
# The letterhead of notice letters; empty: the sending party's name and notice address.
FIRM_NAME = env_str("FIRM_NAME", "")
# Its lines separated by "|": "1 Main Street|New York, NY 10001"
FIRM_ADDRESS = [line.strip() for line in env_str("FIRM_ADDRESS", "").split("|") if line.strip()]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# `make run` runs with DEBUG off (real error pages) and no collectstatic: WhiteNoise serves the
# files straight from the app folders. Production serves the collected, hashed files instead.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
STORAGES = {
    # Local files under MEDIA_ROOT, or an S3-compatible bucket with STORAGE_S3_BUCKET (config.storage).
    "default": default_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# `manage.py backup`/`restore`: the folder of pg_dump and pg_restore; empty: found by version.
BACKUP_PG_BIN_DIR = env_str("BACKUP_PG_BIN_DIR", "")
DOCUMENT_MAX_UPLOAD_MB = env_int("DOCUMENT_MAX_UPLOAD_MB", 25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / ".local" / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Covenant <covenant@localhost>")

CELERY_BROKER_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# A reminder row claimed by a worker that died is returned to pending after this long.
DELIVERY_CLAIM_TIMEOUT_SECONDS = env_int("DELIVERY_CLAIM_TIMEOUT_SECONDS", 300)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# /metrics answers a scraper sending `Authorization: Bearer <METRICS_TOKEN>`; empty: admins only.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.filters.KnownQueryParametersBackend",
        "core.filters.MatterFilterBackend",
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Covenant API",
    "DESCRIPTION": "Contract-lifecycle records for private debt financings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.add_error_responses",
    ],
    # Swagger UI from the drf-spectacular-sidecar package's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set used by several fields (a note's and its fee's day count; the kinds).
    "ENUM_NAME_OVERRIDES": {
        "DayCountEnum": "notes.models.DayCount",
        "ScheduleKindEnum": "notes.models.ScheduleKind",
        "ScheduleMethodEnum": "notes.models.ScheduleMethod",
        "NoticeMethodEnum": "agreements.models.NoticeMethod",
        "DeemedGivenEnum": "agreements.models.DeemedGiven",
        "TransactionKindEnum": "notes.models.TransactionKind",
        "CovenantStatusEnum": "covenants.models.CovenantStatus",
        "ObligationStatusEnum": "deadlines.models.ObligationStatus",
    },
}

PGHISTORY_DEFAULT_TRACKERS = (
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)

# One JSON object per line (production's default) or plain lines; each with its request id.
LOG_JSON = env_bool("LOG_JSON", False)
LOGGING = logging_config(level=env_str("LOG_LEVEL", "INFO"), json=LOG_JSON)
# Request ids (django-guid): X-Request-ID from the proxy when it is a UUID, else a new one; sent
# back in the response and in the headers of every task the request enqueues.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "EXPOSE_HEADER": False,
    # With JSON logs the worker logs through LOGGING too (celery's own format otherwise).
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=LOG_JSON)],
}

# Error reporting (config.sentry) only when a DSN is set; SENTRY_ENVIRONMENT names the deployment.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    sentry_init(dsn=SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))
