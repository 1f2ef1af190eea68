from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agreements.models import Document
from documents import selectors, services
from documents.models import DocumentText, TextStatus
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
        context.update({
            "sections": sections, "terms": terms, "findings": placed, "findings_html": findings_html(placed),
            "text_html": text_html(text=document_text.text, sections=sections, terms=terms,
                                   page_starts=document_text.page_starts, findings=[f for f, _ in placed]),
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
    matches = selectors.section_search(user=request.user, query=query, limit=50) if query.strip() else []
    return render(request, "documents/search.html", {"query": query, "matches": matches})
