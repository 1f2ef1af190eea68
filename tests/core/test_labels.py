"""No raw code or field name reaches a page: every page of the demo, as every demo role, read as a
person reads it (the text, not the markup), holds no `snake_case` word (a field name or a stored
choice such as `certified_mail`) and no sort code such as `-maturity`.

The pages are found by following the links of the home page, as a user would, one or two of each
kind (a URL with its numbers replaced), so a new page is covered as soon as something links to it.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db

SNAKE = re.compile(r"(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
SORT_CODE = re.compile(r"(?<![\w-])-[a-z]+(?:_[a-z]+)*\b")
# Not pages: downloads, feeds, the API and its docs, Django's admin, log-out and account security.
SKIP = re.compile(r"^/(api/|admin/|static/|calendar/|a/|accounts/|metrics|healthz|readyz)|\.(pdf|csv|xlsx|zip|ics|txt)$"
                  r"|/(download|evidence|binder|export|file|text)/?$")
PER_KIND = 1


class _Text(HTMLParser):
    """The text a reader sees, and the links a reader can follow."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for attr in ("title", "aria-label", "placeholder", "alt"):
            if values.get(attr):
                self.text.append(values[attr] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _crawl(client: Client) -> dict[str, list[str]]:
    """Every page reachable from home: {path: the raw codes found on it}."""
    seen: set[str] = set()
    per_kind: dict[str, int] = {}
    found: dict[str, list[str]] = {}
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        found[path] = _codes(html)
        parser = _Text()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")
            kind = _kind(parts.path)
            if link in seen or per_kind.get(kind, 0) >= PER_KIND:
                continue
            seen.add(link)
            per_kind[kind] = per_kind.get(kind, 0) + 1
            queue.append(link)
    return found


def _codes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.text)
    return SNAKE.findall(text) + SORT_CODE.findall(text)


def test_the_reader_finds_codes_in_text_but_not_in_markup():
    html = ('<select><option value="certified_mail">Certified mail</option><option value="-maturity">Maturity, latest first'
            '</option></select><a href="/x/?sort=-maturity" title="Sort by maturity">Sort</a><script>var a_b = 1;</script>'
            '<p>robin_smyth@roo.example</p>')
    assert _codes(html) == []
    assert _codes("<td>certified_mail</td><td>client_id: 1</td><option>-maturity</option>") == [
        "certified_mail", "client_id", "-maturity"]


def test_no_page_of_the_demo_shows_a_raw_code_to_any_role():
    call_command("load_demo", verbosity=0)
    offenders: dict[str, dict[str, list[str]]] = {}
    visited = {}
    for username in ("admin", "counsel", "cfo", "zumiez-cfo"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        found = _crawl(client)
        visited[username] = len(found)
        offenders[username] = {path: codes for path, codes in found.items() if codes}
    # Enough of the product was walked for the test to mean something (counsel reaches the most).
    assert visited["counsel"] >= 40 and visited["cfo"] >= 20, visited
    assert offenders == {"admin": {}, "counsel": {}, "cfo": {}, "zumiez-cfo": {}}
