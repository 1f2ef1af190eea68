"""Demo step: the demo's uploaded agreements read (text, structure, search index and proposed
terms), so the viewer and the review screen open on them without waiting for the worker."""

from typing import Any

from agreements.models import Document
from documents import services
from documents.models import DocumentText, TextStatus


def load(context: dict[str, Any]) -> None:
    done = DocumentText.objects.filter(status=TextStatus.DONE).values_list("document_id", flat=True)
    for document in Document.objects.exclude(pk__in=done).order_by("pk"):
        document_text = services.document_text_request(document=document)
        if services.document_text_claim(document_text_id=document_text.pk):
            services.document_text_read(document_text_id=document_text.pk)
