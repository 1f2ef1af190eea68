from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase

# Paths that authenticate on their own: the API answers 401 itself, signed email links and
# calendar feeds carry their own secret, and the login and password-reset pages must be open.
# Health checks are for load balancers; /metrics checks its own token or admin session.
DEFAULT_OPEN_PREFIXES = (
    "/healthz",
    "/readyz",
    "/metrics",
    "/api/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/accounts/reset/",
    "/static/",
    "/admin/login/",
    "/a/",
    "/calendar/feed/",
)


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs login, except the open prefixes above."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        prefixes = getattr(settings, "LOGIN_OPEN_PREFIXES", DEFAULT_OPEN_PREFIXES)
        if request.path.startswith(tuple(prefixes)):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY on every response that has not set its own.

    A dozen lines instead of django-csp: one fixed policy, no nonces (no page has an inline
    script), and nothing per view to configure."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = policy
        return response
