"""Uploaded documents: the type is checked from the content, not the name (PDF, DOCX, TXT)."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
FILE_TYPE_MISMATCH = "The file's content is not a {expected} document, whatever its name says."
FILE_TYPE_UNSUPPORTED = "Upload a PDF, DOCX or TXT file."


def _sniff(upload: UploadedFile) -> str:
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.extension in ("pdf", "docx"):
        return str(kind.extension)
    if kind is None and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        return "txt"
    return ""


def upload_kind(upload: UploadedFile) -> str:
    """The checked kind ("pdf", "docx" or "txt"); a ValidationError on the `file` field otherwise."""
    name = upload.name or ""
    claimed = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if claimed not in CONTENT_TYPES:
        raise ValidationError({"file": FILE_TYPE_UNSUPPORTED})
    if _sniff(upload) != claimed:
        raise ValidationError({"file": FILE_TYPE_MISMATCH.format(expected=claimed.upper())})
    return claimed


FILE_TOO_LARGE = "The file is larger than the {limit} MB limit."


def upload_check(upload: UploadedFile) -> str:
    """Size (setting DOCUMENT_MAX_UPLOAD_MB) then type; the kind, or a ValidationError on `file`."""
    limit = settings.DOCUMENT_MAX_UPLOAD_MB
    if upload.size is not None and upload.size > limit * 1024 * 1024:
        raise ValidationError({"file": FILE_TOO_LARGE.format(limit=limit)})
    return upload_kind(upload)
