"""Covenant's own error pages, with navigation, in every mode but an explicit DEBUG run; the demo
runs with DEBUG off and its static files are still served (WhiteNoise from the app folders)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory
from django.views import defaults

from scripts.run import child_env
from tests.factories import MatterFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_a_matter_the_user_may_not_open_is_a_styled_404_with_navigation(client_as, cfo):
    other = MatterFactory(name="Someone else's matter", client=PartyFactory(legal_name="Other Co"))
    response = client_as(cfo).get(f"/matters/{other.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'data-testid="error-page"' in html
    assert 'href="/matters/"' in html and 'href="/"' in html
    assert "Someone else" not in html


def test_a_write_the_role_may_not_make_is_a_styled_403_that_says_why(client_as, cfo):
    response = client_as(cfo).get("/parties/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this here" in html
    assert "Your role can read this matter but not change it." in html
    assert 'href="/parties/"' in html


def test_the_400_and_500_pages_render_without_a_request_context():
    request = RequestFactory().get("/broken/")
    bad = defaults.bad_request(request, BadRequest("x"))
    failed = defaults.server_error(request)
    assert bad.status_code == 400 and "This request could not be understood" in bad.content.decode()
    assert failed.status_code == 500 and "Something went wrong on our side" in failed.content.decode()
    assert 'href="/"' in failed.content.decode() and 'href="/accounts/login/"' in failed.content.decode()


def test_the_demo_runs_with_debug_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    assert child_env({})["DJANGO_DEBUG"] == "0"
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    assert child_env({})["DJANGO_DEBUG"] == "1"


def test_static_files_are_served_with_debug_off(client, settings):
    assert settings.DEBUG is False
    response = client.get("/static/css/covenant.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
