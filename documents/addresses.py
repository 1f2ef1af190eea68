"""A notice clause's address block read into the fields of parties.NoticeAddress (pure, no database).

Address blocks are written one item a line ("Attn:", "Fax:", "City, State ZIP") or, in older forms,
in one sentence ("to it at 518 East Broad Street, Columbus, Ohio 43215, Attention of General
Counsel (Facsimile No. ...)"); both are read by the same line rules after a sentence is cut at its
commas. A "with a copy to" part is read the same way into its own address, with its name first.
"""

import re
from typing import Any

Json = dict[str, Any]

COPY_TO = re.compile(r"(?im)^[ \t]*(?:with\s+)?(?:a\s+)?cop(?:y|ies)\s+(?:\(\w+\)\s+)?to\b[^\n]*$")
NOISE = re.compile(r"(?i)^(?:<PAGE>\s*\d*|-?\s*\d{1,3}\s*-?|to:?|to\s+it\s+at:?|and|or)$")
STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
    "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
STATE = rf"(?:{STATE_NAMES}|[A-Z]{{2}}|[A-Z][a-z]{{1,4}}\.)"
CITY_LINE = re.compile(rf"^(?P<city>[A-Za-z][A-Za-z .'\-]{{1,60}}?),?\s+(?P<state>{STATE})\.?,?\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)$")
CITY_NO_ZIP = re.compile(rf"^(?P<city>[A-Za-z][A-Za-z .'\-]{{1,60}}?),\s+(?P<state>{STATE_NAMES})$")
LABELLED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("attention", re.compile(r"(?i)^(?:attn|attention)\b\.?(?:\s+of)?\s*:?\s*(.+)$")),
    ("fax", re.compile(r"(?i)^(?:fax|facsimile|telecop\w*|telefax)(?:\s+(?:no|number)\b[./]?)?\s*[:./]?\s*(.+)$")),
    ("phone", re.compile(r"(?i)^(?:tel|telephone|phone)\b\.?(?:\s+(?:no|number)\b\.?)?\s*[:.]?\s*(.+)$")),
    ("email", re.compile(r"(?i)^e-?mail(?:\s+address)?\s*:?\s*(\S+@\S+?)[.;,]?$")),
    ("care_of", re.compile(r"(?i)^c/o\s+(.+)$")),
)
INLINE_FAX = re.compile(r"(?i)\((?:facsimile|fax|telecop\w*)(?:\s+(?:no|number)\b)?[./:]?\s*"
                        r"((?:\+?1[\s.\-]*)?(?:\(\d{3}\)|\d{3})[\s.\-]*\d{3}[\s.\-]\d{4})\)")


def _lines(text: str) -> list[str]:
    """One item a line: blank, page-break and "to:" lines dropped; a one-sentence address cut at its commas."""
    text = INLINE_FAX.sub(lambda m: f"\nFax: {m.group(1).strip()}\n", text)
    text = re.sub(r"(?i),?\s+(attention\s+of|attn\.?:?|attention:)\s*", r"\n\1 ", text)
    lines = [" ".join(line.split()).strip(" ;") for line in text.split("\n")]
    lines = [re.sub(r"(?i)^(?:to\s+it\s+at|to|at)\s+(?=\d)", "", line) for line in lines if line and not NOISE.match(line)]
    if len(lines) <= 3 and any(line.count(",") >= 2 for line in lines):
        cut: list[str] = []
        for line in lines:
            if line.count(",") >= 2 and not any(p.match(line) for _, p in LABELLED):
                parts = [p.strip() for p in line.split(",")]
                # "Columbus, Ohio 43215" stays one line: the city with its state and ZIP.
                while parts:
                    if len(parts) >= 2 and CITY_LINE.match(f"{parts[0]}, {parts[1]}"):
                        cut.append(f"{parts[0]}, {parts[1]}")
                        parts = parts[2:]
                    else:
                        cut.append(parts.pop(0))
            else:
                cut.append(line)
        lines = [re.sub(r"(?i)^(?:to\s+it\s+at|at)\s+", "", line) for line in cut if line]
    return lines


def address_parse(text: str, *, named: bool) -> Json:
    """Fields of one address. `named`: its first line is the addressee's name (a copy-to block)."""
    out: Json = {"name": "", "attention": "", "care_of": "", "street_lines": [], "city": "", "state": "",
                 "postal_code": "", "phone": "", "fax": "", "email": ""}
    lines = _lines(text)
    if named and lines:
        out["name"] = lines.pop(0).rstrip(",")
    for line in lines:
        for field, pattern in LABELLED:
            m = pattern.match(line)
            if m:
                if not out[field]:
                    out[field] = m.group(1).strip().rstrip(".;,") if field != "attention" else m.group(1).strip(" ;,")
                break
        else:
            place = CITY_LINE.match(line) or CITY_NO_ZIP.match(line)
            if place and not out["city"]:
                out.update(city=place.group("city").strip(), state=place.group("state").strip(),
                           postal_code=place.groupdict().get("zip") or "")
            elif not out["city"]:
                out["street_lines"].append(line)
    return out


def block_parse(text: str, party_name: str | None = None) -> tuple[Json, Json | None]:
    """The addressee's own address and its "with a copy to" address (None when the block has none).
    A first line that repeats the party's name (or any name line before the street) is not a street line."""
    copy = COPY_TO.search(text)
    own_text, copy_text = (text[:copy.start()], text[copy.end():]) if copy else (text, None)
    own = address_parse(own_text, named=False)
    street = own["street_lines"]
    if street and not re.search(r"\d", street[0]) and (len(street) > 1 or party_name):
        own["name"] = street.pop(0)
    return own, address_parse(copy_text, named=True) if copy_text is not None and copy_text.strip() else None
