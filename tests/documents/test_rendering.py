"""The viewer's HTML: highlights of held terms wrap their words in marks that stay well nested
whatever they cross, and every character of the text stays escaped."""

from html.parser import HTMLParser

from documents.models import DefinedTerm, Section
from documents.rendering import Highlight, text_html

VOID = {"br", "hr", "img", "input", "meta", "link"}


class _Tree(HTMLParser):
    """The text a browser would show and every way the markup is not well nested: a closing tag
    that is not the innermost open element, an element left open, a link inside a link, an
    element inside a mark."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()
        self.problems += [f"<{tag}> never closed" for tag in self.open]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and "a" in self.open:
            self.problems.append("a link inside a link")
        if self.open and self.open[-1] == "mark" and tag != "mark":
            self.problems.append(f"<{tag}> inside a mark")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        self.open = self.open[:-1]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _held(start: int, end: int, n: int = 1, label: str = "Principal — held on Note A-1") -> Highlight:
    return Highlight(start=start, end=end, label=label, url=f"/notes/{n}/", anchor=f"held-{n}")


def _render(text: str, highlights: list[Highlight], terms=(), sections=(), page_starts=(0,)) -> str:
    return str(text_html(text=text, sections=list(sections), terms=list(terms), page_starts=list(page_starts),
                         highlights=highlights))


def test_a_held_term_is_marked_with_its_field_and_a_link_to_its_record():
    text = "The principal is $600,000 in all."
    html = _render(text, [_held(17, 25)])
    assert html == ('The principal is <mark class="doc-held" id="held-1" title="Principal — held on Note A-1">'
                    '$600,000</mark><a class="doc-held-link" href="/notes/1/" title="Principal — held on Note A-1" '
                    'aria-label="Principal — held on Note A-1"></a> in all.')


def test_overlapping_highlights_become_nested_marks_split_where_they_cross():
    html = _render("abcdefghij", [_held(2, 6, 1), _held(4, 8, 2)])
    tree = _Tree(html)
    assert tree.problems == []
    assert "".join(tree.text) == "abcdefghij"
    assert html.startswith('ab<mark class="doc-held" id="held-1" title="Principal — held on Note A-1">cd</mark>'
                           '<mark class="doc-held" data-held="held-1" title="Principal — held on Note A-1">'
                           '<mark class="doc-held" id="held-2" title="Principal — held on Note A-1">ef</mark></mark>')
    assert html.count('id="held-1"') == html.count('id="held-2"') == 1
    assert '<mark class="doc-held" data-held="held-2" title="Principal — held on Note A-1">gh</mark>' in html


def test_a_highlight_inside_another_keeps_the_outer_one_on_both_sides():
    html = _render("abcdefghij", [_held(0, 10, 1), _held(3, 5, 2)])
    tree = _Tree(html)
    assert tree.problems == []
    assert "".join(tree.text) == "abcdefghij"
    assert html.count("<mark") == 4  # abc | de, inside the outer one | fghij
    assert ('<mark class="doc-held" data-held="held-1" title="Principal — held on Note A-1"><mark class="doc-held" '
            'id="held-2" title="Principal — held on Note A-1">de</mark></mark><a class="doc-held-link" href="/notes/2/"') in html
    assert '<mark class="doc-held" data-held="held-1" title="Principal — held on Note A-1">fghij</mark>' in html


def test_a_highlight_crossing_a_term_link_is_split_at_its_edges_and_the_link_stays_whole():
    text = 'ROO Group, Inc. (the "Company") agrees. The Company shall pay.'
    terms = [DefinedTerm(term="Company", start=22, end=29)]
    use = text.index("Company shall")
    html = _render(text, [_held(use - 4, use + 3)], terms=terms)
    tree = _Tree(html)
    assert tree.problems == []
    assert "".join(tree.text) == text
    assert ('<mark class="doc-held" id="held-1" title="Principal — held on Note A-1">The </mark>'
            '<a class="doc-term" href="#t0"><mark class="doc-held" data-held="held-1" '
            'title="Principal — held on Note A-1">Com</mark>pany</a><a class="doc-held-link"') in html


def test_a_highlight_across_a_section_a_page_and_a_paragraph_break_leaves_them_outside_its_marks():
    text = "1.1 Sale. The price is paid.\n\nIn cash.\f1.2 Notes. Issued."
    page_two = text.index("1.2")
    sections = [Section(pk=7, start=page_two, body_end=len(text), end=len(text))]
    html = _render(text, [_held(14, page_two + 8)], sections=sections, page_starts=[0, page_two])
    tree = _Tree(html)
    assert tree.problems == []
    assert "".join(tree.text) == "Page 1" + text.replace("\f1.2", "\fPage 21.2")
    assert 'paid.</mark>\n\n<mark class="doc-held" data-held="held-1"' in html
    assert ('</mark><span class="doc-page" id="page2">Page 2</span><span class="doc-anchor" id="s7"></span>'
            '<mark class="doc-held" data-held="held-1" title="Principal — held on Note A-1">1.2 Note') in html


def test_the_text_and_the_label_of_a_highlight_stay_escaped():
    text = 'Pay <script>alert(1)</script> & "more".'
    html = _render(text, [_held(0, len(text), label='<b>Principal</b> — held on "A&B"')])
    assert "<script>" not in html and "<b>" not in html
    assert ('<mark class="doc-held" id="held-1" title="&lt;b&gt;Principal&lt;/b&gt; — held on &quot;A&amp;B&quot;">'
            'Pay &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;.</mark>') in html
    assert _Tree(html).problems == []


def test_a_range_outside_the_text_or_empty_is_not_marked():
    html = _render("Short text.", [_held(5, 5, 1), _held(8, 400, 2)])
    assert html == "Short text."
