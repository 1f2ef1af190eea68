"""The Outbox (admins): reminders that failed or wait, with a retry button; and each user's
reminder preferences."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from deadlines import delivery
from deadlines.forms import PreferenceForm
from deadlines.models import Delivery, DeliveryStatus, ReminderPreference


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # the log-in middleware guarantees a signed-in user


def _require_admin(request: HttpRequest) -> None:
    if not _user(request).is_admin:
        raise PermissionDenied("Only admins can see the outbox.")


def outbox(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    rows = (Delivery.objects.exclude(status=DeliveryStatus.SENT).select_related("obligation__matter")
            .order_by("status", "-due_at")[:500])
    return render(request, "deadlines/outbox.html", {"rows": rows})


@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    delivery.retry(get_object_or_404(Delivery, pk=pk))
    messages.success(request, "The reminder will be sent again at the next sweep.")
    return redirect("deadlines:outbox")


def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    preference, _ = ReminderPreference.objects.get_or_create(user=user)
    form = PreferenceForm(request.POST or None, instance=preference, initial={"time_zone": user.time_zone})
    if request.method == "POST" and form.is_valid():
        form.save()
        user.time_zone = form.cleaned_data["time_zone"]
        user.save(update_fields=["time_zone"])
        messages.success(request, "Reminder preferences saved.")
        return redirect("accounts:profile")
    return render(request, "includes/form_page.html", {"form": form, "title": "Reminder preferences"})
