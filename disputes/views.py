from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.history import history_rows
from disputes import services
from disputes.forms import ArbitrationForm, DisputeForm, NegotiationForm, ResolutionForm
from disputes.models import Dispute
from disputes.selectors import dispute_obligations
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Disputes")
    context["disputes"] = Dispute.objects.filter(matter=matter).select_related("agreement", "raised_by", "other_party")
    return render(request, "disputes/matter_list.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = DisputeForm(request.POST or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = services.dispute_open(matter=matter, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Dispute opened.")
            return redirect(dispute)
    context = matter_context(request, matter, "Disputes")
    context.update({"form": form, "title": "Open a dispute"})
    return render(request, "disputes/form.html", context, status=400 if request.method == "POST" else 200)


def _dispute(request: HttpRequest, pk: int, *, write: bool = False) -> Dispute:
    return object_for_user(request.user, Dispute.objects.select_related("matter", "agreement", "notice", "raised_by",
                                                                        "other_party"), pk, write=write)


STEPS: dict[str, tuple[type, Any, str]] = {
    "negotiation": (NegotiationForm, lambda d, data: services.dispute_negotiation_set(dispute=d, **data),
                    "Negotiation period dated; its end is a deadline."),
    "arbitration": (ArbitrationForm, lambda d, data: services.dispute_arbitration_demand(dispute=d, **data),
                    "Demand for arbitration recorded."),
    "resolution": (ResolutionForm, lambda d, data: services.dispute_resolve(dispute=d, **data), "Resolution recorded."),
}


def _detail(request: HttpRequest, dispute: Dispute, forms: dict[str, Any], status: int = 200) -> HttpResponse:
    for name, form in forms.items():
        form.helper.form_action = reverse("disputes:step", args=[dispute.pk, name])
    context = matter_context(request, dispute.matter, "Disputes")
    context.update({"dispute": dispute, "forms": forms, "obligations": dispute_obligations(dispute),
                    "history": history_rows(dispute)})
    return render(request, "disputes/detail.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _dispute(request, pk), {name: form() for name, (form, _, _) in STEPS.items()})


@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Move the dispute to its next stage: one service call."""
    dispute = _dispute(request, pk, write=True)
    if name not in STEPS:
        raise Http404("No such step.")
    form_class, service, done = STEPS[name]
    forms = {other: form() for other, (form, _, _) in STEPS.items()}
    form = forms[name] = form_class(request.POST)
    if form.is_valid():
        try:
            service(dispute, form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(dispute)
    return _detail(request, dispute, forms, status=400)
