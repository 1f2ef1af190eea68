from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.forms import apply_validation_error
from core.history import history_rows
from core.search import SearchHit
from matters.access import matter_for_user, object_for_user, scope
from matters.views import matter_context
from notices import services
from notices.forms import DeliveryForm, NoticeForm, in_zone
from notices.letter import notice_pdf
from notices.models import Notice


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Notices")
    context["notices"] = Notice.objects.filter(matter=matter).select_related("sender", "recipient", "agreement")
    return render(request, "notices/matter_list.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    # A draft (a breach's notice) opens this page with its fields filled in; GET changes nothing.
    initial = {k: v for k, v in request.GET.items() if k in NoticeForm.Meta.fields}
    form = NoticeForm(request.POST or None, matter=matter, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_dispatch(matter=matter, agreement=form.cleaned_data["agreement"], data=form.service_data(),
                                              by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Notice recorded.")
            return redirect(notice)
    context = matter_context(request, matter, "Notices")
    context.update({"form": form, "title": "Record a notice"})
    return render(request, "notices/form.html", context, status=400 if request.method == "POST" else 200)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = object_for_user(request.user, Notice.objects.select_related("matter", "agreement", "sender", "recipient"), pk)
    context = matter_context(request, notice.matter, "Notices")
    context.update({"notice": notice, "history": history_rows(notice), "firm_zone": settings.TIME_ZONE})
    return render(request, "notices/detail.html", context)


def delivery(request: HttpRequest, pk: int) -> HttpResponse:
    """Record when a pending notice (a mailed one) was received, with the evidence."""
    notice = object_for_user(request.user, Notice.objects.select_related("matter", "agreement"), pk, write=True)
    form = DeliveryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_record_delivery(
                notice=notice, delivered_at=in_zone(form.cleaned_data["delivered_at"], notice.zone),
                evidence_kind=form.cleaned_data["evidence_kind"], evidence=form.cleaned_data["evidence"],
                evidence_file=form.cleaned_data["evidence_file"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Delivery recorded; the notice is deemed given and its period runs.")
            return redirect(notice)
    context = matter_context(request, notice.matter, "Notices")
    context.update({"form": form, "title": f"Record delivery of {notice} (times in {notice.time_zone})"})
    return render(request, "includes/form_page.html", context, status=400 if request.method == "POST" else 200)


def evidence(request: HttpRequest, pk: int) -> FileResponse:
    notice = object_for_user(request.user, Notice.objects.all(), pk)
    if not notice.evidence_file:
        raise Http404("No evidence scan recorded.")
    name = notice.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(notice.evidence_file.open("rb"), as_attachment=True, filename=name)


def letter(request: HttpRequest, pk: int) -> HttpResponse:
    notice = object_for_user(request.user, Notice.objects.select_related("agreement", "sender", "matter"), pk)
    response = HttpResponse(notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.pdf"'
    return response


def search_hits(user: Any, query: str) -> list[SearchHit]:
    rows = scope(user, Notice.objects.select_related("sender", "recipient", "matter")).filter(
        Q(subject__icontains=query) | Q(sender__legal_name__icontains=query) | Q(recipient__legal_name__icontains=query)
    )[:10]
    return [SearchHit("Notice", str(n), reverse("notices:detail", args=[n.pk]), n.matter.name) for n in rows]
