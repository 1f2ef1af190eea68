"""The pages of the product as a user finds them: following the links of the home page, one of
each kind (a URL with its numbers replaced), so a new page is covered as soon as something links
to it. Used by the label check (tests/core/test_labels.py) and by axe (test_accessibility.py).
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client

# Not pages: downloads, feeds, the API and its docs, Django's admin, log-out and account security.
SKIP = re.compile(r"^/(api/|admin/|static/|calendar/|a/|accounts/|metrics|healthz|readyz)|\.(pdf|csv|xlsx|zip|ics|txt)$"
                  r"|/(download|evidence|binder|export|file|text)/?$")
PER_KIND = 1


class PageText(HTMLParser):
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


def kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _followable(href: str) -> str | None:
    """The link as a page to visit (path, and query unless it only pages), or None."""
    parts = urlsplit(href)
    if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")


def crawl(client: Client) -> list[tuple[str, str]]:
    """Every HTML page reachable from home, in the order visited: [(path, html)]."""
    seen, per_kind = {"/"}, {"/": 1}
    pages: list[tuple[str, str]] = []
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages.append((path, html))
        parser = PageText()
        parser.feed(html)
        for link in filter(None, map(_followable, parser.links)):
            link_kind = kind(urlsplit(link).path)
            if link in seen or per_kind.get(link_kind, 0) >= PER_KIND:
                continue
            seen.add(link)
            per_kind[link_kind] = per_kind.get(link_kind, 0) + 1
            queue.append(link)
    return pages
