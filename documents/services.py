"""Every write of the documents app: requesting a document's reading, claiming it, storing it."""

import re
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from agreements.models import Document
from documents import proofreading, proposals, reading, structure
from documents.models import DefinedTerm, DocumentText, Finding, Section, TextStatus

STUCK_AFTER = timedelta(minutes=15)
AMOUNT_RE = re.compile(r"\$?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?")
UNREADABLE = "The file could not be read: {error}"


def amount_tokens(text: str) -> str:
    """Each amount once more as bare digits ("$500,500.00" -> "500500"), so that a search for
    "500,500", "$500,500" or "500500" finds it whatever way the document wrote it."""
    return " ".join(amount_normal(m.group(0)) for m in AMOUNT_RE.finditer(text) if "," in m.group(0) or "$" in m.group(0))


def amount_normal(value: str) -> str:
    digits = value.replace("$", "").replace(",", "").strip()
    whole, _, cents = digits.partition(".")
    return whole if not cents.strip("0") else f"{whole}.{cents}"


@transaction.atomic
def document_text_request(*, document: Document) -> DocumentText:
    """Ask for a document's text to be read. Idempotent: a read or running text is left alone;
    a failed one is queued again."""
    document_text, _ = DocumentText.objects.get_or_create(document=document)
    if document_text.status == TextStatus.FAILED:
        DocumentText.objects.filter(pk=document_text.pk, status=TextStatus.FAILED).update(
            status=TextStatus.PENDING, error="", progress=0, claimed_at=None)
        document_text.refresh_from_db()
    return document_text


def document_texts_create_missing() -> int:
    """The sweep's first step: a pending row for every uploaded document version without one."""
    missing = Document.objects.filter(~Exists(DocumentText.objects.filter(document=OuterRef("pk"))))
    rows = [DocumentText(document_id=pk) for pk in missing.values_list("pk", flat=True)[:500]]
    return len(DocumentText.objects.bulk_create(rows, ignore_conflicts=True))


def document_text_claim(*, document_text_id: int) -> bool:
    """A conditional update: only one worker turns a pending row into a running one."""
    return bool(DocumentText.objects.filter(pk=document_text_id, status=TextStatus.PENDING).update(
        status=TextStatus.RUNNING, claimed_at=timezone.now(), progress=0))


def document_texts_reap() -> int:
    """Return rows whose worker died mid-read to pending."""
    return DocumentText.objects.filter(
        status=TextStatus.RUNNING, claimed_at__lt=timezone.now() - STUCK_AFTER
    ).update(status=TextStatus.PENDING, claimed_at=None)


def document_text_read(*, document_text_id: int) -> str:
    """Read a claimed row's file and store its text, structure, terms and search index."""
    document_text = DocumentText.objects.select_related("document").get(pk=document_text_id)
    if document_text.status != TextStatus.RUNNING:
        return document_text.status

    def progress(done: int, total: int) -> None:
        percent = min(99, done * 100 // max(total, 1))
        DocumentText.objects.filter(pk=document_text_id, status=TextStatus.RUNNING).update(progress=percent)

    try:
        with document_text.document.file.open("rb") as handle:
            data = handle.read()
        result = reading.read(data, content_type=document_text.document.content_type, progress=progress)
        document_text_store(document_text=document_text, result=result)
    except Exception as error:  # noqa: BLE001 - an unreadable file is a recorded failure, not a retry loop
        DocumentText.objects.filter(pk=document_text_id).update(
            status=TextStatus.FAILED, error=UNREADABLE.format(error=str(error)[:500] or type(error).__name__),
            finished_at=timezone.now())
        return TextStatus.FAILED
    return TextStatus.DONE


@transaction.atomic
def document_text_store(*, document_text: DocumentText, result: reading.Reading) -> DocumentText:
    document_text.sections.all().delete()
    document_text.defined_terms.all().delete()
    document_text.findings.all().delete()
    parts = structure.sections_find(result.text)
    rows: dict[int, Section] = {}
    # One insert per nesting level: a part's parent is always saved (and has its id) before it.
    for depth in sorted({part.depth for part in parts}):
        level = [part for part in parts if part.depth == depth]
        saved = Section.objects.bulk_create(
            Section(document_text=document_text, kind=part.kind, number=part.number, heading=part.heading,
                    depth=part.depth, start=part.start, body_end=part.body_end, end=part.end,
                    parent=rows.get(id(part.parent)) if part.parent is not None else None)
            for part in level
        )
        rows.update((id(part), row) for part, row in zip(level, saved, strict=True))
    DefinedTerm.objects.bulk_create(
        DefinedTerm(document_text=document_text, term=d.term, start=d.start, end=d.end)
        for d in structure.terms_find(result.text)
    )
    _index(list(rows.values()), result.text)
    _proofread(document_text, result.text)
    document_text.text = result.text
    proposals.proposals_store(document_text=document_text, parts=parts)
    document_text.page_starts = result.page_starts
    document_text.extractor = result.extractor
    document_text.ocr = result.ocr
    document_text.status = TextStatus.DONE
    document_text.progress = 100
    document_text.error = ""
    document_text.finished_at = timezone.now()
    document_text.full_clean(exclude=["document"])
    document_text.save()
    return document_text


def _proofread(document_text: DocumentText, text: str) -> None:
    lines = proofreading.Lines(text)
    Finding.objects.bulk_create(
        Finding(document_text=document_text, kind=f.kind, start=f.start, end=f.end, line=lines.of(f.start),
                words=f.text, message=f.message)
        for f in proofreading.proofread(text)
    )


def _index(sections: list[Section], text: str) -> None:
    """One statement sets every section's search vector: its heading, its own words and its amounts."""
    ids: list[Any] = [s.pk for s in sections]
    bodies = []
    for s in sections:
        words = text[s.start:s.body_end]
        bodies.append(f"{s.number} {s.heading} {words} {amount_tokens(words)}")
    with connection.cursor() as cursor:
        cursor.execute(
            # English stems for words and phrases; the words unstemmed too, for prefixes.
            "UPDATE documents_section AS s SET search_vector = "
            "to_tsvector('english', v.body) || to_tsvector('simple', v.body) "
            "FROM unnest(%s::bigint[], %s::text[]) AS v(id, body) WHERE s.id = v.id",
            [ids, bodies],
        )
