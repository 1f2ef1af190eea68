from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agreements.models import Document
from documents import proposals as proposal_services
from documents import selectors, services
from documents.models import DocumentText, ProposedTerm, TextStatus
from documents.proposals import display, label_of
from documents.rendering import findings_html, text_html
from documents.tasks import read
from matters.access import object_for_user
from matters.views import matter_context


def _document(request: HttpRequest, pk: int, *, write: bool = False) -> Document:
    queryset = Document.objects.select_related("agreement__matter")
    return object_for_user(request.user, queryset, pk, write=write, lookup="agreement__matter")


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    document_text = DocumentText.objects.filter(document=document).first()
    context = matter_context(request, document.agreement.matter, "Agreements")
    context.update({"document": document, "agreement": document.agreement, "document_text": document_text})
    if document_text is not None and document_text.status == TextStatus.DONE:
        sections = list(document_text.sections.all())
        for section in sections:
            section.page = document_text.page_at(section.start)  # type: ignore[attr-defined]
        terms = list(document_text.defined_terms.all())
        placed = selectors.findings_placed(document_text=document_text, sections=sections)
        held = selectors.held_terms(user=request.user, document=document)
        context.update({
            "sections": sections, "terms": terms, "findings": placed, "findings_html": findings_html(placed),
            "held": held,
            "text_html": text_html(text=document_text.text, sections=sections, terms=terms,
                                   page_starts=document_text.page_starts, findings=[f for f, _ in placed],
                                   highlights=[term.highlight for term in held]),
        })
    return render(request, "documents/detail.html", context)


def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled progress fragment; once the text is read, htmx reloads the page to show it."""
    document = _document(request, pk)
    document_text = DocumentText.objects.filter(document=document).defer("text").first()
    response = render(request, "documents/_status.html", {"document": document, "document_text": document_text})
    if document_text is not None and document_text.status == TextStatus.DONE:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def read_now(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk, write=True)
    document_text = services.document_text_request(document=document)
    if document_text.status == TextStatus.PENDING:
        transaction.on_commit(lambda: read.delay(document_text.pk))
        messages.info(request, "Reading the document; this page shows its progress.")
    return redirect("documents:detail", pk=document.pk)


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = selectors.section_results(user=request.user, query=query, limit=50) if query.strip() else None
    return render(request, "documents/search.html", {"query": query, "results": results,
                                                     "candidates": selectors.CANDIDATES})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("edit", "Accept as edited"), ("reject", "Reject")],
                                 widget=forms.RadioSelect, initial="accept", label="Decision")
    value = forms.CharField(required=False, max_length=600, label="Edited value",
                            help_text="Only for “Accept as edited”.")


def _source_around(text: str, proposal: ProposedTerm, context: int = 240) -> dict[str, str]:
    """The proposal's words and a little text on either side, for the highlighted source."""
    return {"before": text[max(0, proposal.start - context):proposal.start],
            "words": text[proposal.start:proposal.end], "after": text[proposal.end:proposal.end + context]}


def proposals(request: HttpRequest, pk: int) -> HttpResponse:
    """The review screen: each proposed term, its highlighted source beside it, and a decision form."""
    document = _document(request, pk)
    document_text = DocumentText.objects.filter(document=document, status=TextStatus.DONE).first()
    context = matter_context(request, document.agreement.matter, "Agreements")
    rows = []
    if document_text is not None:
        for proposal in document_text.proposals.all():
            rows.append({"proposal": proposal, "label": label_of(proposal.path),
                         "shown": display(proposal.path, proposal.value),
                         "decided": display(proposal.path, proposal.decided_value),
                         "source": _source_around(document_text.text, proposal),
                         "form": DecisionForm(prefix=f"p{proposal.pk}")})
    context.update({"document": document, "agreement": document.agreement, "document_text": document_text,
                    "rows": rows})
    return render(request, "documents/proposals.html", context)


@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = ProposedTerm.objects.select_related("document_text__document__agreement__matter")
    proposal = object_for_user(request.user, queryset, pk, write=True, lookup="document_text__document__agreement__matter")
    document_id = proposal.document_text.document_id
    form = DecisionForm(request.POST, prefix=f"p{proposal.pk}")
    if form.is_valid():
        try:
            proposal_services.proposal_decide(proposal=proposal, decision=form.cleaned_data["decision"],
                                              value=form.cleaned_data["value"] or None, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{label_of(proposal.path)}: {message}")
        else:
            messages.success(request, f"{label_of(proposal.path)}: decision recorded.")
    else:
        for problem in [str(m) for ms in form.errors.values() for m in ms]:
            messages.error(request, f"{label_of(proposal.path)}: {problem}")
    return redirect("documents:proposals", pk=document_id)
