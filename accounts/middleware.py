from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.models import SecurityEventKind
from accounts.selectors import sign_in_meets_two_factor_policy, sso_origins
from accounts.services import security_event_record

TWO_FACTOR_NEEDED = "Your firm requires two-factor sign-in. Set up an authenticator app or a passkey to continue."
TWO_FACTOR_NEEDED_API = "Two-factor sign-in is required: set it up on the profile page first."

# What a user without a second factor may reach while the policy applies to them: the
# enrolment pages (and the re-authentication they may ask for), signing out, static files.
ENROLMENT_PREFIXES = ("/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/logout/", "/static/")


class TwoFactorRequiredMiddleware:
    """With "require two-factor" on for a user, a session without a second factor reaches only
    the enrolment pages: pages redirect there, the API (with that session) answers 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not request.path.startswith(ENROLMENT_PREFIXES)
            and not sign_in_meets_two_factor_policy(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": TWO_FACTOR_NEEDED_API}, status=403)
            messages.warning(request, TWO_FACTOR_NEEDED)
            return redirect("mfa_index")
        return self.get_response(request)


class DownloadLogMiddleware:
    """Writes a line in the security log for every file a signed-in user downloads or exports:
    every response sent with a Content-Disposition (documents, binders, CSV/XLSX/PDF/ICS)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        # DRF puts a token's user on the request too, so API exports are logged as well.
        if disposition and response.status_code == 200 and request.user.is_authenticated:
            security_event_record(kind=SecurityEventKind.DOWNLOAD, request=request,
                                  detail=f"{request.path} ({disposition})")
        return response


class SsoFormActionMiddleware:
    """The login page's "Continue with ..." form is answered by a redirect to the identity
    provider, which the Content-Security-Policy's form-action must allow: on that page only,
    the policy also names the configured providers' origins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        origins = sso_origins()
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if request.path == reverse("account_login") and origins and "form-action 'self'" in policy:
            response.headers["Content-Security-Policy"] = policy.replace(
                "form-action 'self'", "form-action 'self' " + " ".join(origins))
        return response
