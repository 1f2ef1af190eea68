"""/api/v1/docs/ in a real browser with every request outside the app refused, and pages under
the Content-Security-Policy without a single violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _offline(page, live_server):
    """Let the page reach the app only; every other host is refused, as on an offline network."""
    page.context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )


def _csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def test_the_api_docs_render_operations_offline_under_the_csp(login_page, live_server, counsel):
    page = login_page(counsel)
    _offline(page, live_server)
    violations = _csp_violations(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator(".opblock").first.wait_for(timeout=30_000)
    assert page.locator(".opblock").count() > 20
    assert "/api/v1/matters/" in page.locator("#swagger-ui").inner_text()
    assert violations == []


def test_pages_with_htmx_and_charts_run_without_csp_violations(login_page, live_server, counsel, matter):
    page = login_page(counsel)
    violations = _csp_violations(page)
    for path in ("/", "/matters/", f"/matters/{matter.pk}/", "/notes/", "/deadlines/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.htmx") == "object"
    assert violations == []
