from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.history import history_rows
from matters.access import matter_for_user, object_for_user
from matters.models import Matter
from matters.views import matter_context
from notices.drafts import send_link_query
from notices.letter import notice_pdf
from representations import services
from representations.forms import BreachFlagForm, RepresentationForm
from representations.models import BreachFlag, Representation
from representations.selectors import draft_notice


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Representations")
    context["representations"] = Representation.objects.filter(matter=matter).select_related(
        "agreement", "party", "given_to")
    return render(request, "representations/matter_list.html", context)


def _form_page(request: HttpRequest, matter: Matter, representation: Representation | None) -> HttpResponse:
    form = RepresentationForm(request.POST or None, instance=representation, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            if representation is None:
                saved = services.representation_create(matter=matter, data=form.cleaned_data)
            else:
                saved = services.representation_update(representation=representation, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Saved {saved}.")
            return redirect(saved)
    context = matter_context(request, matter, "Representations")
    context.update({"form": form, "title": "Record a representation" if representation is None else f"Edit {representation}"})
    return render(request, "representations/form.html", context, status=400 if request.method == "POST" else 200)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, matter_for_user(request.user, pk, write=True), None)


def _representation(request: HttpRequest, pk: int, *, write: bool = False) -> Representation:
    return object_for_user(request.user, Representation.objects.select_related("matter", "agreement", "party", "given_to"),
                           pk, write=write)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    representation = _representation(request, pk, write=True)
    return _form_page(request, representation.matter, representation)


def _detail(request: HttpRequest, representation: Representation, form: BreachFlagForm, status: int = 200) -> HttpResponse:
    context = matter_context(request, representation.matter, "Representations")
    form.helper.form_action = reverse("representations:flag_breach", args=[representation.pk])
    flags = []
    for flag in representation.breaches.select_related("notice_sender", "notice_recipient", "flagged_by"):
        query = urlencode(send_link_query(draft_notice(flag)))
        flags.append((flag, f"{reverse('notices:create', args=[representation.matter_id])}?{query}"))
    context.update({"representation": representation, "flags": flags, "form": form,
                    "history": history_rows(representation)})
    return render(request, "representations/detail.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _representation(request, pk), BreachFlagForm())


@require_POST
def flag_breach(request: HttpRequest, pk: int) -> HttpResponse:
    representation = _representation(request, pk, write=True)
    form = BreachFlagForm(request.POST)
    if form.is_valid():
        try:
            services.representation_breach_flag(representation=representation,
                                                description=form.cleaned_data["description"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Breach flagged: the draft notice of breach is ready to review and send.")
            return redirect(representation)
    return _detail(request, representation, form, status=400)


def notice_draft_pdf(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    """The draft notice of breach as a letter (the Notices letter, from an unsaved notice)."""
    representation = _representation(request, pk)
    flag = get_object_or_404(BreachFlag.objects.filter(representation=representation), pk=flag_pk)
    response = HttpResponse(notice_pdf(draft_notice(flag)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="draft-notice-of-breach-{flag.pk}.pdf"'
    return response
