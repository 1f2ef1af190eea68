"""Where uploads are kept: files under MEDIA_ROOT (one machine), or an S3-compatible bucket
(AWS S3, MinIO, Ceph, ...) shared by every web server and worker when STORAGE_S3_BUCKET is set.
Uploads are never served from the bucket: each is read back through a view that checks access."""

from typing import Any

from config.env import env_str


def default_storage() -> dict[str, Any]:
    bucket = env_str("STORAGE_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty: AWS itself; else the S3-compatible server's URL (http://minio:9000).
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("STORAGE_S3_REGION", "") or None,
            # A folder inside the bucket, so one bucket can hold several deployments.
            "location": env_str("STORAGE_S3_PREFIX", ""),
            # Two uploads of the same name never replace each other: each keeps its own key.
            "file_overwrite": False,
            # Private objects; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the
            # machine's role, as boto3 finds them.
            "default_acl": None,
            "querystring_auth": True,
        },
    }
