from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase

# Paths that authenticate on their own: the API answers 401 itself, signed email links and
# calendar feeds carry their own secret, and the login and password-reset pages must be open.
DEFAULT_OPEN_PREFIXES = (
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
