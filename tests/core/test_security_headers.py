"""The Content-Security-Policy and the API schema/docs behind sign-in."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_strict_content_security_policy(client_as, counsel):
    policy = client_as(counsel).get("/matters/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_login_page_loads_only_scripts_from_files(client):
    body = client.get("/accounts/login/").content.decode()
    assert body.count("<script") == body.count("<script src=")
    assert "<style" not in body


def test_the_api_schema_needs_sign_in(counsel, api_as):
    assert APIClient().get("/api/v1/schema/").status_code == 401
    assert api_as(counsel).get("/api/v1/schema/").status_code == 200


def test_the_api_docs_page_sends_anonymous_visitors_to_log_in(client, client_as, counsel):
    anonymous = client.get("/api/v1/docs/")
    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/accounts/login/")
    assert client_as(counsel).get("/api/v1/docs/").status_code == 200


def test_the_api_docs_page_has_no_inline_script_or_style(client_as, counsel):
    body = client_as(counsel).get("/api/v1/docs/").content.decode()
    assert body.count("<script") == body.count("<script src=")
    assert "<style" not in body
    assert "cdn" not in body.lower()
