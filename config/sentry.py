"""Optional error reporting: Sentry (or a Sentry-compatible server such as GlitchTip) when
`SENTRY_DSN` is set. Unhandled errors of requests (Django) and of tasks (Celery) are sent, tagged
with the request id of the log lines (`request_id`); no personal data (user names, addresses,
cookies, request bodies).

The personal data is removed here, in `before_send`, rather than left to the SDK's defaults: those
changed between releases (sentry-sdk 3 collects the user's id, email and username and the cookies
unless told otherwise), and an event that leaves the machine cannot be called back."""

from typing import Any

# Request headers that carry who the user is or their credentials.
PERSONAL_HEADERS = frozenset({"cookie", "authorization", "x-csrftoken", "x-forwarded-for", "x-real-ip"})


def scrub_personal_data(event: dict[str, Any]) -> dict[str, Any]:
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value for name, value in headers.items() if name.lower() not in PERSONAL_HEADERS
            }
    return event


def tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    from django_guid import get_guid

    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return scrub_personal_data(event)


def sentry_init(*, dsn: str, environment: str, **options: Any) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=tag_request_id,  # type: ignore[arg-type]
        **options,
    )
