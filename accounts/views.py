from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import ApiTokenForm, SecurityLogFilterForm
from accounts.models import ApiToken, SecurityEvent, User
from accounts.selectors import signed_in_by_sso, user_has_two_factor
from accounts.services import api_token_create, api_token_revoke

TOKEN_REVOKED = "The token is revoked: it no longer works."


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # every page here needs a signed-in user
    return request.user


def _profile_page(request: HttpRequest, form: ApiTokenForm, new_key: str = "", status: int = 200) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=_user(request)).order_by("revoked_at", "-created_at")
    return render(request, "accounts/profile.html", {
        "tokens": tokens, "token_form": form, "new_key": new_key,
        "has_two_factor": user_has_two_factor(user=_user(request)), "now": timezone.now(),
    }, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _profile_page(request, ApiTokenForm())


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, form, status=400)
    try:
        _token, key = api_token_create(user=_user(request), name=form.cleaned_data["name"],
                                       days=form.cleaned_data["days"], made_through_sso=signed_in_by_sso(request),
                                       request=request)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _profile_page(request, form, status=400)
    # Shown on this page only: the key is not stored and never put in a URL.
    return _profile_page(request, ApiTokenForm(), new_key=key)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        api_token_revoke(token_id=pk, by=_user(request), request=request)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    messages.success(request, TOKEN_REVOKED)
    return redirect("accounts:profile")


@login_required
def security_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_admin:
        raise PermissionDenied
    form = SecurityLogFilterForm(request.GET or None)
    events = SecurityEvent.objects.select_related("user").order_by("-at", "-pk")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            events = events.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["person"]:
            events = events.filter(username__icontains=form.cleaned_data["person"])
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/security_log.html", {"form": form, "page": page})


@require_http_methods(["GET", "HEAD", "POST"])
def not_here(request: HttpRequest) -> HttpResponse:
    raise Http404("Not a Covenant page.")
