"""Proposing a security interest from its granting clause: who grants it to whom, over what.

Pure functions (no database), called by `extraction.Extractor`. A granting clause is formulaic:
"<Debtor> [, for value and to secure the Obligations,] hereby grants [to <Secured Party>] a
[continuing] [first priority] security interest [to <Secured Party>] in [and lien upon] <the
collateral> [(the "Collateral")]", or "<Debtor> hereby pledges to <Secured Party> all of its right,
title and interest in <the collateral>". Only the present-tense grant counts: "agrees to grant",
"shall not grant" and "has granted" describe a grant, they do not make one. The grantor and the
secured party are the defined terms the clause names, resolved to the agreement's parties; a
clause whose two sides cannot both be named is left out.
"""

import re
from collections.abc import Sequence
from typing import Any

Json = dict[str, Any]
# The words agreements use for the two sides of a grant (and of a loan), as defined terms.
ROLES = ("borrower", "borrowers", "company", "issuer", "debtor", "grantor", "grantors", "pledgor", "obligor", "maker",
         "lender", "lenders", "bank", "holder", "holders", "purchaser", "purchasers", "secured party", "secured parties",
         "collateral agent", "administrative agent", "agent", "trustee", "pledgee", "noteholder", "investor", "payee")

GRANT_RE = re.compile(
    r"(?:\bhereby|\bdoes\s+hereby|\bdo\s+hereby)\s+(?:(?:assigns?|transfers?|conveys?|mortgages?|pledges?|grants?|"
    r"hypothecates?|sets?\s+over)(?:,|\s+and|\s+or|\s)+)*(?:grants?|pledges?)\b"
    r"|\b(?:grants|pledges)\s+(?:and\s+grants\s+)?to\s+(?:the\s+)?[A-Z]",
)
SECURITY_WORDS = re.compile(
    r"(?i)\bsecurity\s+interests?\b|\blien\s+(?:up)?on\b|\ball\s+(?:of\s+)?(?:its|his|her|their)\s+right,?\s+title,?\s+and\s+interest"
)
# Where the collateral starts: after "security interest[s] [of first priority] [to X] in [and lien upon]",
# or after "pledges to X".
OBJECT_RE = re.compile(
    r"(?i)security\s+interests?(?:\s+of\s+(?:first|second|third)\s+priority)?(?:\s+to\s+(?-i:(?:the\s+)?[A-Z][\w\-]*"
    r"(?:\s+[A-Z][\w\-]*){0,3}))?(?:,?\s+(?:for\s+the\s+(?:ratable\s+)?benefit\s+of|in\s+favou?r\s+of)[^,]{0,120},)?"
    r"(?:\s+to\s+be\s+shared[^,]{0,200}?)?\s+(?:(?:in|on|upon|over)(?:,?\s+(?:to\s+)?and\s+(?:a\s+)?(?:continuing\s+)?"
    r"lien\s+(?:up)?on|\s+and\s+to|,?\s+to\s+and\s+under)?)\s+"
    r"|(?i:pledges?\s+(?:and\s+grants?\s+)?to\s+)(?-i:(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})\s*,?\s+(?=all\b)"
)
PRIORITY_RE = re.compile(r"(?i)\b(first|second|third)(?:[- ]|\s+)(?:priority|lien)|priority\s+of\s+(first|second|third)\b")
ALL_ASSETS_RE = re.compile(
    r"(?i)^(?:all|any\s+and\s+all)\s+(?:of\s+)?(?:the\s+|its\s+|(?:the\s+)?[A-Z][\w\-]*[’']s\s+)?(?:(?:now\s+owned\s+or\s+"
    r"hereafter\s+acquired|tangible\s+and\s+intangible|real\s+and\s+personal|personal)\s+)?(?:assets|property|properties)"
    r"(?:\s+and\s+(?:assets|property|properties))?\b(?![^.;:]{0,120}\b(?:other\s+than|except|excluding|described|listed|"
    r"set\s+forth|identified|following|relating|consisting))"
)
RIGHT_TITLE = re.compile(r"(?i)^all\s+(?:of\s+)?(?:its|his|her|their|the\s+[A-Z][\w\-]*[’']s|[A-Z][\w\-]*[’']s)\s+right,?\s+"
                         r"title,?\s+and\s+interest\s+in(?:,?\s+to\s+and\s+under)?,?\s+(?=all\b|any\s+and\s+all\b)")
# Where the granting words stop: the purpose ("as security for", "to secure") or the end of the sentence.
STOP_RE = re.compile(r"(?i),?\s+(?:as\s+(?:collateral\s+)?security\s+for|to\s+secure\b|securing\s+the\b)|[.;](?=\s)|:\s*$|:\s*\n")
LIST_ITEM = re.compile(r"\n[ \t]*\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s")


def _words(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    """The collateral's words without page breaks ("5", "<PAGE>" lines) and trailing punctuation."""
    text = re.sub(r"\n[ \t]*(?:\d{1,3}|<PAGE>|-\s*\d{1,3}\s*-)[ \t]*(?=\n)", "\n", text)
    return _words(text).rstrip(" ,;:.")


def _sentence_start(text: str, offset: int) -> int:
    window = text[max(0, offset - 600):offset]
    cut = max(window.rfind(". "), window.rfind(".\n"), window.rfind("\n\n"), window.rfind(":\n"))
    return max(0, offset - 600) + cut + 2 if cut >= 0 else max(0, offset - 600)


def _term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in term.split()) for term in words)
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])")


def _collateral_end(text: str, start: int) -> tuple[int, bool]:
    """Where the collateral words end, and whether a list of items follows a colon."""
    window = text[start:start + 2500]
    stop = STOP_RE.search(window)
    end = start + (stop.start() if stop else len(window))
    listed = bool(re.search(r":\s*$", text[start:end + 2]) or re.match(r"\s*:", text[end:end + 3]))
    lead = text[end:end + 400]
    if not listed and stop and re.match(r"(?i),?\s+(?:as\s+(?:collateral\s+)?security|to\s+secure|securing)", stop.group(0)):
        purpose_end = re.search(r"[.;:](?=\s)", lead)
        listed = bool(purpose_end and purpose_end.group(0) == ":")
    return end, listed


def _items_after(text: str, offset: int) -> int:
    """The end of the list of items "(a) ...; (b) ...; and (c) ..." that starts after `offset`."""
    colon = text.find(":", offset, offset + 400)
    if colon < 0:
        return offset
    position = colon + 1
    end = position
    for _ in range(40):
        m = re.match(r"\s*(?:(?:\d{1,3}|<PAGE>)\s*\n\s*)*(\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)])\s",
                     text[position:position + 60])
        if not m and end == colon + 1:
            # A list without letters: the paragraph after the colon ("all fixtures; furniture; ...").
            paragraph = re.search(r"\S[\s\S]{0,3000}?(?:\.(?=\s*\n\s*\n)|\n\s*\n|$)", text[position:position + 3000])
            return position + paragraph.end() if paragraph else position
        if not m:
            break
        stop = re.search(r"\.(?:\s*\n|\s+[A-Z])|\n\s*\n\s*(?!(?:(?:\d{1,3}|<PAGE>)\s*\n\s*)*\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})"
                         r"[.)]\s)(?=\S)|;?\s*(?=\n\s*\n\s*(?:(?:\d{1,3}|<PAGE>)\s*\n\s*)*\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s)",
                         text[position + m.end():position + m.end() + 3000])
        item_end = position + m.end() + (stop.start() + 1 if stop else 3000)
        end = item_end
        position = item_end
        if stop and stop.group(0).startswith("."):
            break
    return end


class Grants:
    """The granting clauses of one text, given the parties the preamble names."""

    def __init__(self, text: str, parties: Sequence[Json], section_at: Any) -> None:
        self.text = text
        self.parties = list(parties)
        self.section_at = section_at
        self.aliases = self._aliases()
        terms = [p.get("defined_term") or "" for p in self.parties] + [p.get("role") or "" for p in self.parties]
        # A side the preamble's parties missed ("... in favor of X (the "Collateral Agent")") is still named by its term.
        terms += [role.title() for role in ROLES]
        self.terms = _term_pattern([t for t in terms + list(self.aliases) if t and t[0].isupper()])

    def _aliases(self) -> dict[str, Json]:
        """Terms the text defines for a party outside its preamble parentheses: "(CoBank and its successors
        are referred to herein as "Secured Party")" names CoBank's party."""
        known = {(p.get("defined_term") or "").lower() for p in self.parties}
        out: dict[str, Json] = {}
        for m in re.finditer(r"(?:referred\s+to\s+(?:herein\s+)?as|(?:hereinafter|herein)\s+(?:called|referred\s+to\s+as)|"
                             r"in\s+such\s+capacity,?)\s*(?:the\s+)?[\"“]([A-Z][^\"”\n]{1,40})[\"”]", self.text[:20000]):
            term = _words(m.group(1))
            if term.lower() in known:
                continue
            before = self.text[max(0, m.start() - 400):m.start()]
            best = None
            for party in self.parties:
                for word in (party.get("defined_term"), party.get("name")):
                    if word and (at := before.rfind(word)) >= 0 and (best is None or at > best[0]):
                        best = (at, party)
            if best is not None:
                out[term] = best[1]
        return out

    def party_of(self, term: str) -> Json | None:
        key = re.sub(r"(?i)^the\s+", "", term).lower()
        for party in self.parties:
            if (party.get("defined_term") or "").lower().removeprefix("the ") == key:
                return party
        for party in self.parties:
            if (party.get("role") or "").lower() == key:
                return party
        return self.aliases.get(term)

    def side(self, term: str) -> Json:
        party = self.party_of(term)
        return {"term": term, "name": party.get("name") if party else self._name_defining(term)}

    def _name_defining(self, term: str) -> str | None:
        """The name before the term's definition in the opening ("in favor of X, a New York limited liability
        company (the "Collateral Agent")"), for a side the preamble's parties missed."""
        words = r"\s+".join(re.escape(w) for w in term.split())
        m = re.search(rf"\(\s*(?:the\s+)?[\"“]{words}[\"”]\s*\)", self.text[:6000])
        if m is None:
            return None
        before = self.text[max(0, m.start() - 300):m.start()]
        cut = list(re.finditer(r"(?i)\b(?:in\s+favou?r\s+of|between|among|and|by|to|with)\s+(?=[A-Z])", before))
        name = before[cut[-1].end():] if cut else ""
        name = re.split(r",?\s+(?:a|an)\s+(?=[A-Z]|corporation|limited|national|banking)|,\s+(?:as|acting)\b", name)[0]
        name = _words(name).strip(" ,")
        return name if name[:1].isupper() and len(name) > 2 else None

    def find(self) -> list[tuple[Json, int, int]]:
        out: list[tuple[Json, int, int]] = []
        if self.terms is None:
            return out
        for m in GRANT_RE.finditer(self.text):
            found = self._grant(m)
            if found is not None and not any(s <= found[1] < e for _, s, e in out):
                out.append(found)
        return out

    def _grant(self, m: re.Match[str]) -> tuple[Json, int, int] | None:
        assert self.terms is not None
        start = _sentence_start(self.text, m.start())
        head = self.text[start:m.start()]
        if re.search(r"(?i)\b(?:not|agrees?\s+to|shall|will|may|to)\s*$", head) or re.search(r"(?i)\bauthority\b",
                                                                                              self.text[m.end():m.end() + 40]):
            return None
        grantors = list(self.terms.finditer(head))
        after = self.text[m.start():m.start() + 700]
        obj = OBJECT_RE.search(after)
        if not grantors or obj is None or not SECURITY_WORDS.search(after[:obj.end() + 80]):
            return None
        debtor = _words(grantors[-1].group(0))
        holders = [t for t in self.terms.finditer(after[:obj.end()]) if _words(t.group(0)) != debtor]
        if not holders:
            return None
        secured = _words(holders[0].group(0))
        collateral_start = m.start() + obj.end()
        collateral_end, listed = _collateral_end(self.text, collateral_start)
        end = _items_after(self.text, collateral_end) if listed else collateral_end
        colon = self.text.find(":", collateral_end, collateral_end + 400)
        listed_items = self.text[colon + 1:end] if listed and colon >= 0 else ""
        collateral = _clean(self.text[collateral_start:collateral_end] + (": " + listed_items if listed_items.strip() else ""))
        if len(collateral) < 8 or re.match(r"(?i)(?:the\s+)?(?:authority|right\s+to)\b", collateral):
            return None
        defined = re.search(r"\(\s*(?:collectively,?\s+)?(?:together,?\s+)?(?:the\s+)?[\"“]([^\"”]{0,40}?Collateral)[\"”]\s*\)",
                            self.text[collateral_start:collateral_end + 5])
        priority = PRIORITY_RE.search(self.text[m.start():collateral_start])
        value: Json = {
            "grant_clause": self.section_at(m.start()),
            "debtor": self.side(debtor),
            "secured_party": self.side(secured),
            "collateral": collateral[:10000],
            "collateral_term": _words(defined.group(1)) if defined else None,
            "all_assets": bool(ALL_ASSETS_RE.match(RIGHT_TITLE.sub("", collateral))),
            "priority": next((g.lower() for g in priority.groups() if g), None) if priority else None,
            "granting_words": _clean(self.text[start:end])[:4000],
        }
        return value, start + len(head) - len(head.lstrip()), end


def security_find(text: str, parties: Sequence[Json], section_at: Any) -> list[tuple[Json, int, int]]:
    """Each granting clause of `text`: (value, start, end), the source running from the grantor to
    the last collateral item."""
    return Grants(text, parties, section_at).find()
