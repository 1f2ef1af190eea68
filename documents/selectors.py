"""Reads of the documents app, scoped to what the user may open."""

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from agreements.models import AgreementParty, Document
from closings.models import Deliverable
from core.search import SearchHit
from documents.applying import FLOATING_FIELDS
from documents.models import (
    DocumentText,
    Finding,
    ProposalStatus,
    ProposedTerm,
    Section,
    TextStatus,
)
from documents.proposals import NOTE_FIELDS, display, kind_of, label_of
from documents.rendering import Highlight
from documents.services import AMOUNT_RE, amount_normal
from matters.access import scope
from notes.models import Note

MATTER = "document_text__document__agreement__matter"
MARK_START, MARK_STOP = "\u27e6", "\u27e7"
# Sections ranked per search. ts_rank reads each candidate's whole vector, so ranking every match
# of a common word costs most of a search (21,000 matches of arbitrat* at 10,000 documents: 0.3 s);
# a query matching more is ranked among the first CANDIDATES found and asked to narrow.
CANDIDATES = 1_000
TOKEN_RE = re.compile(r'"([^"]*)"|(\S+)')
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")


def sections_visible(*, user: Any) -> QuerySet[Section]:
    return scope(user, Section.objects.filter(document_text__status=TextStatus.DONE), lookup=MATTER)


def findings_placed(*, document_text: DocumentText, sections: list[Section]) -> list[tuple[Finding, str]]:
    """The document's proofreading findings, each with the label of the innermost part holding it:
    the last part starting before the finding, or the nearest of its parents still open there."""
    starts = [s.start for s in sections]
    by_pk = {s.pk: s for s in sections}
    placed = []
    for finding in document_text.findings.all():
        index = bisect_right(starts, finding.start) - 1
        holder = sections[index] if index >= 0 else None
        while holder is not None and holder.end <= finding.start:
            holder = by_pk.get(holder.parent_id) if holder.parent_id is not None else None
        placed.append((finding, holder.label if holder is not None else ""))
    return placed


def _lexemes(chunk: str) -> list[str]:
    """Words of a query chunk; an amount in any format becomes its bare digits."""
    words: list[str] = []
    for raw in chunk.split():
        amount = AMOUNT_RE.fullmatch(raw.strip(".,;:"))
        words.extend([amount_normal(amount.group(0))] if amount else WORD_RE.findall(raw))
    return words


def query_parse(query: str) -> list[tuple[str, str]]:
    """PostgreSQL tsquery clauses, each with its text search configuration, from what a user
    types: words (all must match), "quoted phrases" (in that order) and prefixes (arbitrat*).
    A prefix is matched unstemmed ("simple"), as stemming "arbitrat" would miss "arbitration".
    Only letters and digits reach a tsquery, so no input can break its syntax."""
    clauses: list[tuple[str, str]] = []
    for phrase, word in TOKEN_RE.findall(query):
        lexemes = _lexemes(phrase or word)
        if phrase and lexemes:
            clauses.append(("english", " <-> ".join(f"'{w}'" for w in lexemes)))
        elif word.endswith("*") and len(lexemes) == 1:
            clauses.append(("simple", f"'{lexemes[0].lower()}':*"))
        else:
            clauses.extend(("english", f"'{w}'") for w in lexemes)
    return clauses


@dataclass(frozen=True)
class Match:
    section: Section
    snippet: str

    @property
    def snippet_html(self) -> SafeString:
        marked = escape(" ".join(self.snippet.split())).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
        return mark_safe(marked)  # noqa: S308 - every character of the snippet was escaped above

    @property
    def snippet_text(self) -> str:
        return " ".join(self.snippet.replace(MARK_START, "").replace(MARK_STOP, "").split())

    @property
    def url(self) -> str:
        return reverse("documents:detail", args=[self.section.document_text.document_id]) + f"#{self.section.anchor}"


@dataclass(frozen=True)
class Results:
    """A page of matches, and how many sections matched, counted up to CANDIDATES + 1."""

    matches: list[Match]
    found: int

    @property
    def more(self) -> bool:
        return self.found > CANDIDATES


def section_results(*, user: Any, query: str, limit: int = 20) -> Results:
    clauses = query_parse(query)
    if not clauses:
        return Results([], 0)
    tsquery = SearchQuery(clauses[0][1], search_type="raw", config=clauses[0][0])
    for config, raw in clauses[1:]:
        tsquery &= SearchQuery(raw, search_type="raw", config=config)
    # No order (not even Meta's) in the candidates' query: the scan of the GIN index's matches
    # stops at the cap instead of sorting them all.
    candidates = sections_visible(user=user).filter(search_vector=tsquery).order_by().values("pk")[:CANDIDATES + 1]
    ranked = list(
        Section.objects.filter(pk__in=candidates)
        .annotate(rank=SearchRank(F("search_vector"), tsquery), found=Window(Count("pk")))
        .order_by("-rank", "pk").values_list("pk", "found")[:limit]
    )
    # Headlines are costly: compute them for the page of results only.
    rows = (
        Section.objects.filter(pk__in=[pk for pk, _ in ranked])
        .select_related("document_text__document__agreement__matter")
        .defer("document_text__text", "search_vector")
        .annotate(snippet=SearchHeadline(
            Substr("document_text__text", F("start") + 1, F("body_end") - F("start")), tsquery,
            config="english", start_sel=MARK_START, stop_sel=MARK_STOP, max_words=35, min_words=15,
        ))
    )
    by_pk = {row.pk: row for row in rows}
    matches = [Match(by_pk[pk], by_pk[pk].snippet) for pk, _ in ranked if pk in by_pk]
    return Results(matches, ranked[0][1] if ranked else 0)


def section_search(*, user: Any, query: str, limit: int = 20) -> list[Match]:
    return section_results(user=user, query=query, limit=limit).matches


def search_hits(user: Any, query: str) -> list[SearchHit]:
    hits = []
    for match in section_search(user=user, query=query, limit=10):
        section = match.section
        agreement = section.document_text.document.agreement
        title = f"{agreement} — {section.label}{' ' + section.heading if section.heading else ''}"
        hits.append(SearchHit("Document text", title, match.url, match.snippet_text))
    return hits


HELD = (ProposalStatus.ACCEPTED, ProposalStatus.EDITED)
NOTE_PATHS = set(NOTE_FIELDS) | set(FLOATING_FIELDS)
PARTY_KINDS = ("parties", "notice.addresses")


@dataclass(frozen=True)
class HeldTerm:
    """A term Covenant holds from a document: the accepted proposal, its field as a person reads
    it, the value accepted as shown on the review screen, and the record it is held on."""

    proposal: ProposedTerm
    field: str
    value: str
    record: str
    url: str

    @property
    def anchor(self) -> str:
        return f"held-{self.proposal.pk}"

    @property
    def highlight(self) -> Highlight:
        return Highlight(start=self.proposal.start, end=self.proposal.end, url=self.url, anchor=self.anchor,
                         label=f"{self.field} — held on {self.record}")


def _key(words: Any) -> str:
    return re.sub(r"(?i)^the\s+", "", " ".join(str(words or "").split())).strip(" ,.:").lower()


def _party_row(rows: list[AgreementParty], proposal: ProposedTerm) -> AgreementParty | None:
    """The agreement's party an accepted party or notice address names: by name, defined term or
    role. A party edited as text is that name; an address edited as text keeps the proposed party."""
    value = proposal.decided_value
    if not isinstance(value, dict) and kind_of(proposal.path) != "parties":
        value = proposal.value
    key = _key((value.get("name") or value.get("party")) if isinstance(value, dict) else value)
    return next((row for row in rows if key in {_key(row.party.legal_name), _key(row.defined_term),
                                                row.role.replace("_", " ")}), None)


def _deliverable(deliverables: list[Deliverable], proposal: ProposedTerm) -> Deliverable | None:
    """The checklist row an accepted deliverable became: the first of that description."""
    value = proposal.decided_value
    description = str(value.get("description") if isinstance(value, dict) else value)[:400]
    return next((d for d in deliverables if d.description == description), None)


def held_terms(*, user: Any, document: Document) -> list[HeldTerm]:
    """The accepted (or edited) proposals of a document version, each with the record it is held
    on, in at most four queries whatever their number: the proposals, then one for each kind of
    record they name (the note, the agreement's parties, the closing's deliverables). Any other
    kind is held on the agreement itself."""
    proposals = list(scope(user, ProposedTerm.objects.filter(document_text__document=document, status__in=HELD),
                           lookup=MATTER))
    agreement = document.agreement
    kinds = {kind_of(p.path) if p.path not in NOTE_PATHS else "note" for p in proposals}
    note = (Note.objects.filter(agreement=agreement).select_related("issuer").order_by("pk").first()
            if "note" in kinds else None)
    rows = (list(AgreementParty.objects.filter(agreement=agreement).select_related("party"))
            if kinds & set(PARTY_KINDS) else [])
    deliverables = (list(Deliverable.objects.filter(closing__matter=agreement.matter_id).select_related("closing")
                         .order_by("closing_id", "pk")) if "deliverables" in kinds else [])
    held = []
    for proposal in proposals:
        record: Any = agreement
        if proposal.path in NOTE_PATHS and note is not None:
            record = note
        elif kind_of(proposal.path) in PARTY_KINDS:
            row = _party_row(rows, proposal)
            record = row.party if row is not None else agreement
        elif kind_of(proposal.path) == "deliverables":
            record = _deliverable(deliverables, proposal) or agreement
        url = (reverse("closings:detail", args=[record.closing_id]) + f"#deliverable-{record.pk}"
               if isinstance(record, Deliverable) else record.get_absolute_url())
        shown = record.closing if isinstance(record, Deliverable) else record
        held.append(HeldTerm(proposal=proposal, field=label_of(proposal.path).removesuffix(" (%)"),
                             value=display(proposal.path, proposal.decided_value), record=str(shown), url=url))
    return held
