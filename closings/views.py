from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from closings import exports, selectors, services
from closings.checklists import TEMPLATES
from closings.forms import (
    BulkStatusForm,
    ChecklistFilterForm,
    CloseForm,
    ClosingForm,
    DeliverableForm,
    ReopenForm,
    StatusForm,
)
from closings.models import Closing, ClosingStatus, Deliverable, DeliverableStatus
from closings.selectors import checklist, closing_history
from core.forms import apply_validation_error
from matters.access import can_edit_matter, matter_for_user, object_for_user
from matters.views import matter_context


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Closings")
    context["closings"] = Closing.objects.filter(matter=matter).prefetch_related("agreements")
    return render(request, "closings/matter_list.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = ClosingForm(request.POST or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agreements"}
        try:
            closing = services.closing_create(matter=matter, data=data, agreements=list(form.cleaned_data["agreements"]))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(closing)
    context = matter_context(request, matter, "Closings")
    context.update({"form": form, "title": "New closing"})
    return render(request, "closings/form.html", context)


def _closing(request: HttpRequest, pk: int, write: bool = False) -> Closing:
    return object_for_user(request.user, Closing.objects.select_related("matter", "place_party", "closed_by"), pk, write=write)


def _filtered(request: HttpRequest, closing: Closing) -> tuple[ChecklistFilterForm, list[Any]]:
    """The checklist as the URL filters it (party, status, kind; `outstanding=1` as before)."""
    parties = sorted({(d.from_party_id, d.from_party.legal_name) for d in closing.deliverables.select_related("from_party")},
                     key=lambda p: p[1])
    form = ChecklistFilterForm(request.GET or None, parties=parties)
    values = form.cleaned_data if form.is_valid() else {}
    party = values.get("party") or ""
    groups = checklist(closing, outstanding_only=request.GET.get("outstanding") == "1",
                       party_id=int(party) if party.isdigit() else None,
                       status=values.get("status", ""), kind=values.get("kind", ""))
    return form, groups


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk)
    filter_form, groups = _filtered(request, closing)
    context = matter_context(request, closing.matter, "Closings")
    context.update({
        "closing": closing, "groups": groups, "progress": selectors.progress(closing), "filter_form": filter_form,
        "changed_recently": selectors.changed_since(closing, timezone.now() - timedelta(days=1)),
        "deliverable_form": DeliverableForm(), "close_form": CloseForm(), "reopen_form": ReopenForm(),
        "history": closing_history(closing), "binder": closing.binders.first(), "templates": TEMPLATES,
        "not_queued": services.BINDER_NOT_QUEUED,
        "deliverables_editable": context["can_edit"] and closing.status != ClosingStatus.CLOSED,
        "closing_closed": closing.status == ClosingStatus.CLOSED,
    })
    return render(request, "closings/detail.html", context)


@require_POST
def deliverable_add(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk, write=True)
    form = DeliverableForm(request.POST)
    if form.is_valid():
        try:
            services.deliverable_create(closing=closing, data=form.cleaned_data)
        except services.ClosingClosed as closed:
            form.add_error(None, str(closed))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Deliverable added.")
            return redirect(closing)
    context = matter_context(request, closing.matter, "Closings")
    context.update({"form": form, "title": "Add a deliverable"})
    return render(request, "closings/form.html", context, status=400)


@require_POST
def apply_template(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk, write=True)
    try:
        added = services.closing_template_apply(closing=closing, picked=set(request.POST.getlist("item")))
    except services.ClosingClosed as closed:
        messages.error(request, str(closed))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Added {len(added)} deliverables from the checklist template.")
    return redirect(closing)


@require_POST
def deliverable_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Inline status change (htmx): returns the row, or the row with the conflict shown."""
    deliverable = object_for_user(request.user, Deliverable.objects.select_related("closing__matter"), pk,
                                  write=True, lookup="closing__matter")
    form = StatusForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        data = {"status": form.cleaned_data["status"], "waiver_reason": form.cleaned_data["waiver_reason"]}
        try:
            deliverable = services.deliverable_update(deliverable=deliverable, data=data, version=form.cleaned_data["version"],
                                                      by=request.user, evidence=form.cleaned_data.get("evidence"))
        except services.StaleVersion as stale:
            deliverable, error = stale.current, str(stale)
        except services.ClosingClosed as closed:
            error = str(closed)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Choose a status."
    closing = deliverable.closing
    group = next((g for g in checklist(closing, party_id=deliverable.from_party_id) if g.party.pk == deliverable.from_party_id), None)
    # The row, and out of band the checklist's counts and the party's count, so nothing is stale.
    row = render(request, "closings/_row_response.html", {
        "item": deliverable, "error": error, "can_edit": True, "bulk": closing.status != ClosingStatus.CLOSED,
        "closed": closing.status == ClosingStatus.CLOSED,
        "progress": selectors.progress(closing), "group": group,
        "changed_recently": selectors.changed_since(closing, timezone.now() - timedelta(days=1))})
    return row if getattr(request, "htmx", False) else redirect(closing)


@require_POST
def bulk_status(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk, write=True)
    form = BulkStatusForm(request.POST)
    ids = [int(value) for value in request.POST.getlist("item") if value.isdigit()]
    if not form.is_valid():
        messages.error(request, "Choose a status for the ticked items.")
        return redirect(closing)
    try:
        changed = services.deliverables_status_bulk(closing=closing, ids=ids, status=form.cleaned_data["status"],
                                                    waiver_reason=form.cleaned_data["waiver_reason"], by=request.user)
    except services.ClosingClosed as closed:
        messages.error(request, str(closed))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        label = dict(DeliverableStatus.choices)[form.cleaned_data["status"]].lower()
        messages.success(request, f"{len(changed)} deliverable{'s' if len(changed) != 1 else ''} marked {label}.")
    return redirect(closing)


def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk)
    _form, groups = _filtered(request, closing)
    return render(request, "closings/print.html", {"closing": closing, "groups": groups, "progress": selectors.progress(closing)})


# What the viewer shows in the page; anything else (DOCX) is offered as a download. Uploads are
# checked from their content (core.uploads: PDF, DOCX, TXT); images are shown should that list grow.
# Never SVG: it can carry script.
EVIDENCE_SHOWN = {".pdf": "pdf", ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
                  ".txt": "text"}
EVIDENCE_TEXT_LIMIT = 200_000  # characters of a text file shown in the page; the download has it all


def _evidence_kind(item: Deliverable) -> str:
    name = item.evidence_name.lower()
    return next((kind for ext, kind in EVIDENCE_SHOWN.items() if name.endswith(ext)), "other")


def _evidence_item(request: HttpRequest, pk: int) -> Deliverable:
    item = object_for_user(request.user, Deliverable.objects.select_related("closing__matter", "from_party"), pk,
                           lookup="closing__matter")
    if not item.evidence_file:
        raise Http404("No evidence file recorded.")
    return item


@xframe_options_sameorigin
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A deliverable's evidence file: inline when the viewer shows it (framed by the viewer's page
    only), else, or with `?download=1`, as a download."""
    item = _evidence_item(request, pk)
    inline = _evidence_kind(item) != "other" and request.GET.get("download") != "1"
    response = FileResponse(item.evidence_file.open("rb"), as_attachment=not inline, filename=item.evidence_name)
    if inline:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        response.headers["Content-Security-Policy"] = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
    return response


def evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence file in the app, with the checklist's navigation: back to its row, the previous
    and next evidence file of the closing, and the download."""
    item = _evidence_item(request, pk)
    closing = item.closing
    kind = _evidence_kind(item)
    text = ""
    if kind == "text":
        with item.evidence_file.open("rb") as handle:
            text = handle.read(EVIDENCE_TEXT_LIMIT * 4).decode("utf-8", errors="replace")[:EVIDENCE_TEXT_LIMIT]
    ids = list(closing.deliverables.exclude(evidence_file="").order_by("position", "id").values_list("pk", flat=True))
    at = ids.index(item.pk)
    context = matter_context(request, closing.matter, "Closings")
    context.update({
        "closing": closing, "item": item, "kind": kind, "text": text,
        "previous_id": ids[at - 1] if at > 0 else None, "next_id": ids[at + 1] if at + 1 < len(ids) else None,
        "position": at + 1, "count": len(ids),
    })
    return render(request, "closings/evidence.html", context)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk, write=True)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("closed_on", ["Enter the actual closing date."])))
        return redirect(closing)
    try:
        services.closing_close(closing=closing, closed_on=form.cleaned_data["closed_on"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Closed. Notes funded; post-closing items are now deadlines.")
    return redirect(closing)


def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page with a required reason (GET shows it, POST reopens)."""
    closing = _closing(request, pk, write=True)
    if not request.user.is_admin:
        raise PermissionDenied(services.ONLY_ADMINS_REOPEN)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.closing_reopen(closing=closing, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Closing reopened; fundings voided and post-closing deadlines removed.")
            return redirect(closing)
    context = matter_context(request, closing.matter, "Closings")
    context.update({"form": form, "title": f"Reopen {closing}", "closing": closing})
    return render(request, "closings/reopen.html", context, status=400 if form.errors else 200)


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    closing = _closing(request, pk)
    if fmt == "pdf":
        response = HttpResponse(exports.checklist_pdf(closing), content_type="application/pdf")
    elif fmt == "xlsx":
        response = HttpResponse(exports.checklist_xlsx(closing),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        return HttpResponse("Export as pdf or xlsx.", status=404)
    response["Content-Disposition"] = f'attachment; filename="closing-{closing.pk}-checklist.{fmt}"'
    return response


@require_POST
def binder_start(request: HttpRequest, pk: int) -> HttpResponse:
    closing = _closing(request, pk, write=True)
    services.binder_request(closing=closing)
    messages.info(request, "Building the binder; this page shows its progress.")
    return redirect(closing)


def binder_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest binder's progress: the page's polled fragment for htmx, JSON otherwise."""
    closing = _closing(request, pk)
    binder = closing.binders.first()
    if getattr(request, "htmx", False):
        return render(request, "closings/_binder.html", {
            "closing": closing, "binder": binder, "not_queued": services.BINDER_NOT_QUEUED,
            "can_edit": can_edit_matter(request.user, closing.matter)})
    if binder is None:
        return JsonResponse({"status": "none"})
    return JsonResponse({"status": binder.status, "progress": binder.progress})


def binder_download(request: HttpRequest, pk: int, binder_pk: int) -> FileResponse:
    closing = _closing(request, pk)
    binder = get_object_or_404(closing.binders, pk=binder_pk, status="done")
    return FileResponse(binder.file.open("rb"), as_attachment=True, filename=f"closing-{closing.pk}-binder.zip")
