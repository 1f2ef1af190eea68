from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.bounds import validate_law_date
from core.forms import apply_validation_error
from core.history import history_rows
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context
from registration_rights import services
from registration_rights.forms import EventForm, RightsForm
from registration_rights.models import RegistrationRights
from registration_rights.position import FORMULA
from registration_rights.selectors import rights_list, rights_position


def _as_of(request: HttpRequest) -> date:
    try:
        as_of = date.fromisoformat(request.GET.get("as_of", ""))
        validate_law_date(as_of)
    except (ValueError, ValidationError):
        return timezone.localdate()
    return as_of


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    as_of = _as_of(request)
    rows = [(r, rights_position(r, as_of)) for r in rights_list(user=request.user).filter(matter=matter)]
    context = matter_context(request, matter, "Registration")
    context.update({"rows": rows, "as_of": as_of, "formula": FORMULA})
    return render(request, "registration_rights/matter_list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    rights = object_for_user(request.user, rights_list(user=request.user), pk)
    return _detail(request, rights, EventForm())


def _detail(request: HttpRequest, rights: RegistrationRights, form: EventForm, status: int = 200) -> HttpResponse:
    as_of = _as_of(request)
    form.helper.form_action = reverse("registration_rights:event_create", args=[rights.pk])
    context = matter_context(request, rights.matter, "Registration")
    context.update({"rights": rights, "position": rights_position(rights, as_of), "as_of": as_of, "form": form,
                    "events": rights.events.all(), "formula": FORMULA, "history": history_rows(rights)})
    return render(request, "registration_rights/detail.html", context, status=status)


def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    rights = object_for_user(request.user, rights_list(user=request.user), pk, write=True)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_record(rights=rights, kind=form.cleaned_data["kind"], on=form.cleaned_data["date"],
                                  memo=form.cleaned_data["memo"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Event recorded; deadlines and damages recomputed.")
            return redirect(rights)
    return _detail(request, rights, form, status=400)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = RightsForm(request.POST or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            rights = services.rights_create(matter=matter, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(rights)
    context = matter_context(request, matter, "Registration")
    context.update({"form": form, "title": "Registration rights terms"})
    return render(request, "registration_rights/form.html", context, status=400 if request.method == "POST" else 200)


def portfolio(request: HttpRequest) -> HttpResponse:
    as_of = _as_of(request)
    rows = [(r, rights_position(r, as_of)) for r in rights_list(user=request.user).order_by("closing_date", "id")[:500]]
    return render(request, "registration_rights/portfolio.html", {"rows": rows, "as_of": as_of, "formula": FORMULA})
