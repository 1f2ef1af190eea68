"""Amounts in words beside their numerals: "Five Hundred Thousand Dollars ($500,500)" and
"$500,500 (Five Hundred Thousand Dollars)", counts ("thirty (30) days") and percentages
("two percent (2%)")."""

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from documents.proofreading import Finding, words

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
SCALES = ("hundred", "thousand", "million", "billion")
NUMBER_WORD = r"(?:" + "|".join(UNITS + list(SCALES)) + r")"
# A run of number words ("Thirty-one Million Six Hundred Thousand", "one hundred and twenty").
WORDS = rf"\b{NUMBER_WORD}(?:(?:\s+|-|\s+and\s+){NUMBER_WORD})*\b"
CENTS = r"(?:\s+and\s+(?:No|no|NO|\d{1,2})\s*/\s*100(?:ths)?)?"
CURRENCY = r"(?:\s+(?:United\s+States|U\.\s?S\.|US)?\s*(?:Dollars?|DOLLARS?))?"
PERCENT = r"(?:\s+(?:percent(?:age\s+points?)?|per\s+cent|PERCENT))?"
NUMERAL = r"\(\s*(?P<cur>(?:US|U\.S\.)?\s*\$)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<pct>%)?\s*\)"
WORDS_FIRST = re.compile(rf"(?P<words>{WORDS}){CENTS}(?P<unit>{CURRENCY}{CENTS}|{PERCENT})\s*{NUMERAL}", re.IGNORECASE)
NUMERAL_FIRST = re.compile(
    rf"(?P<cur>(?:US|U\.S\.)?\s*\$)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*\(\s*(?P<words>{WORDS}){CENTS}{CURRENCY}{CENTS}\s*\)",
    re.IGNORECASE,
)
BAD_WORDS = "The amount in words ({words}) does not read as a number; the numerals say {numeral}."
DIFFERENT = "The words say {said} but the numerals say {numeral}."


def value_of(number_words: str) -> int | None:
    """The integer the words name, or None when they do not name one ("Seventy Hundred Fifty")."""
    cleaned = words(number_words.lower().replace("-", " "))
    try:
        return int(text2num(cleaned, "en"))
    except ValueError:
        return None


def _numeral(value: str) -> Decimal | None:
    try:
        return Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None


def _finding(match: re.Match[str]) -> Finding | None:
    numeral = _numeral(match.group("num"))
    if numeral is None or numeral != numeral.to_integral_value():
        return None  # "one and one quarter percent (1.25%)": fractions are beyond these words
    said = value_of(match.group("words"))
    shown = " ".join(match.group(0).split()).strip()
    numeral_text = f"{(match.group('cur') or '').strip()}{match.group('num')}{match.group('pct') or ''}"
    if said is None:
        message = BAD_WORDS.format(words=words(match.group("words")), numeral=numeral_text)
    elif said != numeral:
        message = DIFFERENT.format(said=f"{said:,}", numeral=numeral_text)
    else:
        return None
    return Finding("amount_words_mismatch", match.start(), match.end(), shown, message)


def amount_mismatches(text: str) -> Iterator[Finding]:
    for pattern in (WORDS_FIRST, NUMERAL_FIRST):
        for match in pattern.finditer(text):
            # "and Four Hundred ... (US$450,000)": a leading "and" joins two amounts, it is not a number word.
            finding = _finding(match)
            if finding is not None:
                yield finding
