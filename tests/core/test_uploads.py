"""Uploads are never served from MEDIA_URL: only access-checked views hand them out."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

import config.urls
from agreements.models import Document
from agreements.services import agreement_create

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def development_urls(settings):
    """The URLs as `make run` builds them: DEBUG on while config.urls is imported."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_an_uploaded_document_is_not_served_from_media_even_in_development(
    development_urls, client_as, counsel, matter
):
    agreement = agreement_create(matter=matter, data={"kind": "note_purchase", "title": "NPA"})
    client = client_as(counsel)
    client.post(f"/agreements/{agreement.pk}/documents/new/",
                {"file": SimpleUploadedFile("npa.pdf", PDF, content_type="application/pdf")})
    document = Document.objects.get()
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(f"/agreements/{agreement.pk}/documents/{document.pk}/").status_code == 200
