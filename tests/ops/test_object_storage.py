"""Uploads in an S3-compatible bucket (django-storages' S3 backend) when STORAGE_S3_BUCKET is set,
against a real S3 API on loopback (moto's server): stored there, nothing on the local disk, read
back through the access-checked download view."""

import hashlib

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from agreements.models import Document
from agreements.services import agreement_create
from config.storage import default_storage
from tests.deadlines.smtp import free_port

pytestmark = [pytest.mark.ops, pytest.mark.django_db]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BUCKET = "covenant-uploads"


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch, settings):
    for name, value in {"AWS_ACCESS_KEY_ID": "covenant", "AWS_SECRET_ACCESS_KEY": "covenant-secret",
                        "STORAGE_S3_BUCKET": BUCKET, "STORAGE_S3_ENDPOINT_URL": s3_server,
                        "STORAGE_S3_REGION": "us-east-1", "STORAGE_S3_PREFIX": "firm-a"}.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": default_storage()}
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def test_the_storage_follows_the_environment(monkeypatch):
    monkeypatch.delenv("STORAGE_S3_BUCKET", raising=False)
    assert default_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    monkeypatch.setenv("STORAGE_S3_BUCKET", "b")
    assert default_storage()["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default_storage()["OPTIONS"]["file_overwrite"] is False


def test_an_upload_goes_to_the_bucket_and_is_downloaded_through_the_view(
        bucket, client_as, counsel, outsider, matter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = agreement_create(matter=matter, data={"kind": "note_purchase", "title": "Note Purchase Agreement"})
    client = client_as(counsel)
    for _ in range(2):
        client.post(f"/agreements/{agreement.pk}/documents/new/",
                    {"file": SimpleUploadedFile("npa.pdf", PDF, content_type="application/pdf")})
    first, second = Document.objects.order_by("version")
    keys = sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == sorted(f"firm-a/{d.file.name}" for d in (first, second))
    assert first.file.name != second.file.name  # the same name twice: two objects, none replaced
    stored = bucket.get_object(Bucket=BUCKET, Key=f"firm-a/{first.file.name}")["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert list(tmp_path.iterdir()) == []
    download = client.get(f"/agreements/{agreement.pk}/documents/{first.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert client_as(outsider).get(f"/agreements/{agreement.pk}/documents/{first.pk}/").status_code == 404

