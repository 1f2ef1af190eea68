"""Errors injected into real agreements to measure proofreading: each replaces words of the
original once (the original words must occur exactly once) and must produce a finding of its
kind on the injected words. Shared by tests/documents/test_proofreading.py and bench.documents."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Injection:
    kind: str
    original: str
    injected: str
    words: str  # the finding's words


ROO = "roo-group-note-purchase-agreement-2005.txt"
ALTERRA = "alterra-third-party-investors-bridge-loan-1999.txt"

INJECTIONS: dict[str, list[Injection]] = {
    ROO: [
        Injection("amount_words_mismatch", "($500,500) to the Company", "($500,000) to the Company",
                  "Five Hundred Thousand Five Hundred Dollars ($500,000)"),
        Injection("undefined_term", "secured  by a  general  security  interest",
                  "secured  by the Pledge Agreement and a  general  security  interest", "Pledge Agreement"),
        Injection("unused_definition", "at the offices of Sichenzia", 'at the offices (the "Venue") of Sichenzia', "Venue"),
        Injection("double_definition", "3.2 Delivery by the Company.",
                  '"Closing Date" means May 18, 2005. "Closing Date" means the date hereof.\n      3.2 Delivery by the Company.',
                  "Closing Date"),
        Injection("broken_cross_reference", "receipt of which is hereby acknowledged",
                  "receipt of which is hereby acknowledged (subject to Section 9.4)", "Section 9.4"),
        Injection("enumeration_gap", "Petty: (a) the Note; and (b) the executed", "Petty: (a) the Note; and (c) the executed",
                  "(c)"),
        Injection("party_name_inconsistent", "business of the Company.  The Company is duly qualified",
                  "business of ROO Group Inc.  The Company is duly qualified", "ROO Group Inc."),
        Injection("impossible_date", "entered into as of May 18, 2005", "entered into as of February 30, 2005",
                  "February 30, 2005"),
        Injection("weekday_mismatch", "at the date first set forth above", "on Monday, May 18, 2005",
                  "Monday, May 18, 2005"),
    ],
}


def inject(text: str, injection: Injection) -> str:
    assert text.count(injection.original) == 1, injection.original
    return text.replace(injection.original, injection.injected)
