"""The viewer's text as HTML, built in one pass: every piece of the document's text goes
through `escape`; the only markup added is anchors for sections and pages, the definitions of
defined terms, links from each use of a term to its definition, and highlights of the words
that became a term Covenant holds. Built in Python rather than a template loop because a
300-page agreement has tens of thousands of such pieces."""

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from documents.models import DefinedTerm, Finding, Section


def term_anchor(index: int) -> str:
    return f"t{index}"


def _trie(names: Sequence[str]) -> str:
    """One regular expression for many terms, shared prefixes factored out: three times faster
    than an alternation of hundreds of terms over a 300-page text. Longest term wins."""
    root: dict[str, dict] = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return build(root)


def _uses_pattern(terms: Sequence[DefinedTerm]) -> re.Pattern[str] | None:
    names = sorted({t.term for t in terms})
    if not names:
        return None
    return re.compile(r"(?<![\w\"“])" + _trie(names) + r"(?![\w\"”])")


@dataclass(frozen=True)
class Highlight:
    """Words of the text that became a term Covenant holds: `label` names the field and its record
    ("Principal — held on Note A-1"), `url` opens that record, `anchor` is the mark's id."""

    start: int
    end: int
    label: str
    url: str
    anchor: str


PARAGRAPH_BREAK_RE = re.compile(r"(\n[ \t\f]*\n\s*)")


class _Highlighter:
    """Escapes a piece of the text, wrapping what lies inside highlights in `<mark>`. A mark is
    always the innermost element (it holds only text), so a highlight that crosses a term link, a
    definition, an anchor, a page mark or a paragraph break is split there, and overlapping or
    nested highlights become nested marks: the HTML stays well nested whatever the ranges. Only
    the first piece of a highlight carries its id; the others name it in `data-held`."""

    def __init__(self, text: str, highlights: Sequence[Highlight]) -> None:
        self.highlights = sorted((h for h in highlights if 0 <= h.start < h.end <= len(text)),
                                 key=lambda h: (h.start, -h.end))
        self.text = text
        self.cuts = sorted({offset for h in self.highlights for offset in (h.start, h.end)})
        self.covered: list[tuple[int, int]] = []  # the highlights merged, to pass by plain text fast
        for h in self.highlights:
            if self.covered and h.start <= self.covered[-1][1]:
                self.covered[-1] = (self.covered[-1][0], max(self.covered[-1][1], h.end))
            else:
                self.covered.append((h.start, h.end))
        self.covered_starts = [start for start, _ in self.covered]
        self.placed: set[str] = set()

    def _overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self.covered_starts, start) - 1
        return (index >= 0 and self.covered[index][1] > start) or (
            index + 1 < len(self.covered) and self.covered[index + 1][0] < end)

    def __call__(self, start: int, end: int) -> str:
        if start >= end or not self._overlaps(start, end):
            return escape(self.text[start:end])
        cuts = [start, *(c for c in self.cuts[bisect_right(self.cuts, start):] if c < end), end]
        return "".join(self._marked(a, b) for a, b in zip(cuts, cuts[1:], strict=False))

    def _marked(self, start: int, end: int) -> str:
        active = [h for h in self.highlights if h.start <= start and h.end >= end]
        out: list[str] = []
        for index, part in enumerate(PARAGRAPH_BREAK_RE.split(self.text[start:end])):
            if index % 2 or not active or not part:
                out.append(escape(part))
                continue
            out.extend(self._opening(h) for h in active)
            out.append(escape(part))
            out.append("</mark>" * len(active))
        return "".join(out)

    def _opening(self, highlight: Highlight) -> str:
        first = highlight.anchor not in self.placed
        self.placed.add(highlight.anchor)
        attribute = "id" if first else "data-held"
        return format_html('<mark class="doc-held" {}="{}" title="{}">', attribute, highlight.anchor, highlight.label)


def held_link(highlight: Highlight) -> str:
    """The small link after a highlight to the record its words became (drawn by the style sheet)."""
    return format_html('<a class="doc-held-link" href="{}" title="{}" aria-label="{}"></a>',
                       highlight.url, highlight.label, highlight.label)


def text_html(*, text: str, sections: Sequence[Section], terms: Sequence[DefinedTerm],
              page_starts: Sequence[int], findings: Sequence[Finding] = (),
              highlights: Sequence[Highlight] = ()) -> SafeString:
    marks: list[tuple[int, int, str]] = []  # (offset, order, markup) inserted before the character
    highlighter = _Highlighter(text, highlights)
    for highlight in highlighter.highlights:
        marks.append((highlight.end, -1, held_link(highlight)))
    for finding in findings:
        marks.append((finding.start, 2, f'<span class="doc-anchor doc-finding" id="{finding.anchor}"></span>'))
    for section in sections:
        marks.append((section.start, 1, f'<span class="doc-anchor" id="{section.anchor}"></span>'))
    for number, start in enumerate(page_starts, start=1):
        if len(page_starts) > 1:
            marks.append((start, 0, f'<span class="doc-page" id="page{number}">Page {number}</span>'))
    spans: list[tuple[int, int, str, str]] = []  # (start, end, opening, closing)
    anchors = {t.term: term_anchor(i) for i, t in enumerate(terms)}
    definitions = {(t.start, t.end) for t in terms}
    for t in terms:
        spans.append((t.start, t.end, f'<dfn id="{anchors[t.term]}">', "</dfn>"))
    pattern = _uses_pattern(terms)
    if pattern is not None:
        for m in pattern.finditer(text):
            if (m.start(), m.end()) not in definitions:
                spans.append((m.start(), m.end(), f'<a class="doc-term" href="#{anchors[m.group(0)]}">', "</a>"))
    return mark_safe(_assemble(text, sorted(marks), sorted(spans), highlighter))  # noqa: S308 - text escaped by the highlighter


def _assemble(text: str, marks: list[tuple[int, int, str]], spans: list[tuple[int, int, str, str]],
              piece: Callable[[int, int], str]) -> str:
    """Marks (zero-width) and spans, in order, with the text between them written by `piece`,
    which escapes it. A mark that falls inside a span is written right after that span."""
    out: list[str] = []
    position = 0
    mark_index = 0

    def emit_until(limit: int) -> None:
        nonlocal position, mark_index
        while mark_index < len(marks) and marks[mark_index][0] <= limit:
            offset = max(marks[mark_index][0], position)
            out.append(piece(position, offset))
            out.append(marks[mark_index][2])
            position = offset
            mark_index += 1
        out.append(piece(position, limit))
        position = limit

    for start, end, opening, closing in spans:
        if start < position:
            continue  # overlaps a span already written (a term inside a longer one)
        emit_until(start)
        out.append(opening)
        out.append(piece(start, end))
        out.append(closing)
        position = end
    emit_until(len(text))
    return "".join(out)


def findings_html(placed: Sequence[tuple[Finding, str]]) -> SafeString:
    """The proofreading list, each entry linked to its flag in the text (a format_html per entry:
    a long agreement has hundreds, and the template loop costs ten times as much)."""
    return format_html_join(
        "", '<li><a href="#{}">{}</a> · line {}{} · <q>{}</q> — {}</li>',
        ((f.anchor, f.get_kind_display(), f.line, format_html(" · {}", place) if place else "",
          Truncator(f.words).chars(80), f.message) for f, place in placed),
    )
