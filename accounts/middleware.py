from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect

from accounts.selectors import sign_in_meets_two_factor_policy

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
