from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agreements import services
from agreements.forms import (
    AgreementForm,
    ClauseForm,
    CopyFormSet,
    DocumentForm,
    PartyFormSet,
    RuleFormSet,
    SignatoryForm,
)
from agreements.models import Agreement, Clause, Signatory
from core.forms import apply_validation_error
from core.history import history_rows
from deadlines import catalog
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    agreements = Agreement.objects.filter(matter=matter).select_related("parent").prefetch_related("agreement_parties__party")
    context = matter_context(request, matter, "Agreements")
    context["agreements"] = agreements
    return render(request, "agreements/matter_list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = object_for_user(request.user, Agreement.objects.select_related("matter", "parent"), pk)
    context = matter_context(request, agreement.matter, "Agreements")
    context.update({
        "agreement": agreement,
        "parties": agreement.agreement_parties.select_related("party"),
        "rules": agreement.notice_rules.select_related("recipient_party"),
        "copies": agreement.notice_copies.select_related("party", "copy_party"),
        "business_days": catalog.name_of(catalog.SEPARATOR.join(agreement.business_day_calendars))
        if agreement.business_day_calendars else "",
        "exhibits": agreement.exhibits.all(),
        "signatories": agreement.signatories.select_related("person", "party"),
        "clauses": agreement.clauses.all(),
        "documents": agreement.documents.select_related("uploaded_by"),
        "notes": agreement.notes.all(),
        "document_form": DocumentForm(),
        "history": history_rows(agreement),
    })
    return render(request, "agreements/detail.html", context)


def _rows(formset: Any) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in form.cleaned_data.items() if k not in ("id", "agreement", "DELETE")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _posted(request: HttpRequest, prefix: str) -> bool:
    """Whether the page sent this formset (a client posting only the older fields keeps its rows)."""
    return f"{prefix}-TOTAL_FORMS" in request.POST


def _edit(request: HttpRequest, matter: Any, agreement: Agreement | None) -> HttpResponse:
    form = AgreementForm(request.POST or None, instance=agreement, matter=matter)
    parties = PartyFormSet(request.POST or None, instance=agreement or Agreement(), prefix="parties")
    rules = RuleFormSet(request.POST or None, instance=agreement or Agreement(), prefix="rules")
    copies = CopyFormSet(request.POST or None, instance=agreement or Agreement(), prefix="copies")
    formsets_valid = parties.is_valid() and rules.is_valid() and (copies.is_valid() or not _posted(request, "copies"))
    if request.method == "POST" and form.is_valid() and formsets_valid:
        rows = {"parties": _rows(parties), "notice_rules": _rows(rules),
                "notice_copies": _rows(copies) if _posted(request, "copies") else None}
        try:
            with transaction.atomic():
                data = form.cleaned_data
                if agreement is None:
                    saved = services.agreement_create(matter=matter, data=data, **rows)
                else:
                    saved = services.agreement_update(agreement=agreement, data=data, **rows)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Saved {saved}.")
            return redirect(saved)
    context = matter_context(request, matter, "Agreements")
    context.update({"form": form, "parties": parties, "rules": rules, "copies": copies, "agreement": agreement})
    return render(request, "agreements/form.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, matter_for_user(request.user, pk, write=True), None)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = object_for_user(request.user, Agreement.objects.select_related("matter"), pk, write=True)
    return _edit(request, agreement.matter, agreement)


def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = object_for_user(request.user, Agreement.objects.select_related("matter"), pk, write=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(agreement=agreement, upload=form.cleaned_data["file"],
                                     is_executed=form.cleaned_data["is_executed"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Document uploaded.")
            return redirect(agreement)
    context = matter_context(request, agreement.matter, "Agreements")
    context.update({"form": form, "title": f"Upload a document to {agreement}", "agreement": agreement})
    return render(request, "agreements/upload.html", context, status=400 if request.method == "POST" else 200)


def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    agreement = object_for_user(request.user, Agreement.objects.all(), pk)
    document = get_object_or_404(agreement.documents, pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                        content_type=document.content_type)


def _agreement(request: HttpRequest, pk: int, *, write: bool = False) -> Agreement:
    return object_for_user(request.user, Agreement.objects.select_related("matter"), pk, write=write)


def _part_page(request: HttpRequest, agreement: Agreement, form: Any, save: Any, title: str) -> HttpResponse:
    """A signatory's or a clause's add/edit page: one service call on a valid POST."""
    if request.method == "POST" and form.is_valid():
        try:
            save({k: v for k, v in form.cleaned_data.items()})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(agreement)
    context = matter_context(request, agreement.matter, "Agreements")
    context.update({"form": form, "title": title})
    return render(request, "agreements/part_form.html", context, status=400 if request.method == "POST" else 200)


def signatory_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    form = SignatoryForm(request.POST or None, agreement=agreement)
    return _part_page(request, agreement, form, lambda data: services.signatory_add(agreement=agreement, data=data),
                      f"Add a signatory of {agreement}")


def signatory_edit(request: HttpRequest, pk: int, signatory_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    signatory = get_object_or_404(Signatory.objects.filter(agreement=agreement), pk=signatory_pk)
    form = SignatoryForm(request.POST or None, instance=signatory, agreement=agreement)
    return _part_page(request, agreement, form, lambda data: services.signatory_update(signatory=signatory, data=data),
                      f"Edit the signatory {signatory}")


@require_POST
def signatory_remove(request: HttpRequest, pk: int, signatory_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    services.signatory_remove(signatory=get_object_or_404(Signatory.objects.filter(agreement=agreement), pk=signatory_pk))
    messages.success(request, "Signatory removed.")
    return redirect(agreement)


def clause_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    form = ClauseForm(request.POST or None, agreement=agreement)
    return _part_page(request, agreement, form, lambda data: services.clause_add(agreement=agreement, data=data),
                      f"Add a clause of {agreement}")


def clause_edit(request: HttpRequest, pk: int, clause_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    clause = get_object_or_404(Clause.objects.filter(agreement=agreement), pk=clause_pk)
    form = ClauseForm(request.POST or None, instance=clause, agreement=agreement)
    return _part_page(request, agreement, form, lambda data: services.clause_update(clause=clause, data=data),
                      f"Edit {clause}")


@require_POST
def clause_remove(request: HttpRequest, pk: int, clause_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, write=True)
    services.clause_remove(clause=get_object_or_404(Clause.objects.filter(agreement=agreement), pk=clause_pk))
    messages.success(request, "Clause removed.")
    return redirect(agreement)
