"""No raw code or field name reaches a page: every page of the demo, as every demo role, read as a
person reads it (the text, not the markup), holds no `snake_case` word (a field name or a stored
choice such as `certified_mail`) and no sort code such as `-maturity`.

The pages are found by following the links of the home page, as a user would, one or two of each
kind (a URL with its numbers replaced), so a new page is covered as soon as something links to it.
"""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.core.crawl import PageText, crawl

pytestmark = pytest.mark.django_db

SNAKE = re.compile(r"(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
SORT_CODE = re.compile(r"(?<![\w-])-[a-z]+(?:_[a-z]+)*\b")


def _codes(html: str) -> list[str]:
    parser = PageText()
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
        found = {path: _codes(html) for path, html in crawl(client)}
        visited[username] = len(found)
        offenders[username] = {path: codes for path, codes in found.items() if codes}
    # Enough of the product was walked for the test to mean something (counsel reaches the most).
    assert visited["counsel"] >= 40 and visited["cfo"] >= 20, visited
    assert offenders == {"admin": {}, "counsel": {}, "cfo": {}, "zumiez-cfo": {}}
