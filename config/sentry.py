"""Optional error reporting: Sentry (or a Sentry-compatible server such as GlitchTip) when
`SENTRY_DSN` is set. Unhandled errors of requests (Django) and of tasks (Celery) are sent, tagged
with the request id of the log lines (`request_id`); no personal data (user names, addresses,
cookies, request bodies)."""

from typing import Any


def tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    from django_guid import get_guid

    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def sentry_init(*, dsn: str, environment: str, **options: Any) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # Personal data stays out: sentry-sdk's default (send_default_pii off) is kept.
        before_send=tag_request_id,  # type: ignore[arg-type]
        **options,
    )
