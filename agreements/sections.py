"""The numbered sections of an agreement's text ("4.1 Due Organization and Qualification. The
Company is..."), as number, heading and words, for recording its clauses word for word."""

import re
from dataclasses import dataclass

# A section starts an indented line with its number and a dot: "      4.1 Due Organization..." or
# "      7.    Miscellaneous" (never an address line such as "           62 White Street").
SECTION = re.compile(r"^[ \t]{2,10}(\d{1,2}\.(?:\d{1,2}(?:\.\d{1,2})*)?)[ \t]+(\S.*)$")
HEADING = re.compile(r"^(.*?[^.\s]{2})\.(?:\s+|$)(.*)$", re.DOTALL)
NOISE = re.compile(r"^\s*(<PAGE>|-\d+-)\s*$")
END = re.compile(r"IN\s+WITNESS\s+WHEREOF")


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    text: str

    @property
    def ref(self) -> str:
        return f"§{self.number}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def split_sections(text: str) -> list[Section]:
    """Every numbered section in order, its heading (the words before the first full stop) and its
    words (the heading excluded), up to the signature page."""
    found: list[tuple[str, list[str]]] = []
    for line in END.split(text)[0].splitlines():
        match = SECTION.match(line)
        if match:
            found.append((match.group(1).rstrip("."), [match.group(2)]))
        elif found and not NOISE.match(line):
            found[-1][1].append(line)
    sections = []
    for number, lines in found:
        words = "\n".join(lines).strip()
        heading = HEADING.match(words)
        title, body = (heading.group(1), heading.group(2)) if heading else (words.splitlines()[0], "")
        sections.append(Section(number, _squash(title), _squash(body)))
    return sections
