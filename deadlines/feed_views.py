from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deadlines import ics
from deadlines.models import ReminderPreference
from deadlines.selectors import obligations_for


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's private calendar: the secret in the URL is the credential."""
    preference = ReminderPreference.objects.select_related("user").filter(calendar_token=token).first()
    if preference is None or not preference.user.is_active:
        raise Http404("Unknown or revoked calendar feed.")
    obligations = obligations_for(preference.user).exclude(due_date=None)
    return HttpResponse(ics.calendar_for(obligations), content_type="text/calendar; charset=utf-8")


@require_POST
def regenerate(request: HttpRequest) -> HttpResponse:
    ics.calendar_token_regenerate(user=request.user)
    messages.success(request, "A new private calendar address was made; the old one no longer works.")
    return redirect("accounts:profile")


@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    ics.calendar_token_revoke(user=request.user)
    messages.success(request, "Your calendar feed is turned off.")
    return redirect("accounts:profile")
