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
ZUMIEZ = "zumiez-wellsfargo-revolving-line-of-credit-note-2011.txt"

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
    ZUMIEZ: [
        Injection("amount_words_mismatch", "Twenty Five Million Dollars ($25,000,000.00), or so much",
                  "Twenty Five Million Dollars ($25,500,000.00), or so much",
                  "Twenty Five Million Dollars ($25,500,000.00)"),
        Injection("unused_definition", "Borrower shall pay to Bank immediately upon demand, in addition",
                  'Borrower shall pay to Bank (the "Payee") immediately upon demand, in addition', "Payee"),
        Injection("double_definition", "(a) “Business Day” means any day",
                  "“Fixed Rate Term” means a period of one month.\n(a) “Business Day” means any day", "Fixed Rate Term"),
        Injection("broken_cross_reference", "any other amounts due or to become due hereunder",
                  "any other amounts due under Section 8.14 or to become due hereunder", "Section 8.14"),
        Injection("enumeration_gap", "(b) “Daily Three Month LIBOR” means", "(d) “Daily Three Month LIBOR” means", "(d)"),
        Injection("party_name_inconsistent", "Each payment made on this Note shall be credited first",
                  "Each payment made by Zumiez, Inc. on this Note shall be credited first", "Zumiez, Inc."),
        Injection("impossible_date", "up to and including September\xa01, 2013", "up to and including September 31, 2013",
                  "September 31, 2013"),
        Injection("weekday_mismatch", "entered into as of August\xa029, 2011", "entered into as of Tuesday, August 29, 2011",
                  "Tuesday, August 29, 2011"),
    ],
}


# Every finding on the originals, with the words of the text that show the slip ("present": these
# words are in the text; "absent": no match for this pattern anywhere in the text).
EXPECTED: dict[str, list[tuple[str, int, str, tuple[str, str]]]] = {
    "alterra-third-party-investors-bridge-loan-1999.txt": [
        ("unused_definition", 110, "Other Loan Documents", ("count1", "Other Loan Documents")),
        ("broken_cross_reference", 180, "Exhibit A", ("absent", r"^\s*EXHIBIT\s+A\b")),
        ("undefined_term", 201, "Guaranty", ("absent", r"[\"“]Guarant")),
        ("undefined_term", 446, "Other Loan Agreements", ("absent", r"[\"“]Other Loan Agreement")),
        ("undefined_term", 467, "Collateral Agent", ("absent", r"[\"“]Collateral Agent")),
        ("undefined_term", 587, "Notice", ("absent", r"[\"“]Notice[\"”]")),
    ],
    "encore-tca-revolving-convertible-note-2014.txt": [
        ("amount_words_mismatch", 122, "Seventy Hundred Fifty Thousand and No/100 United States Dollars (US$750,000)",
         ("present", "Seventy Hundred Fifty Thousand and No/100 United States Dollars (US$750,000)")),
        ("unused_definition", 623, "Make-Whole Stock Price", ("count1", "Make-Whole Stock Price")),
    ],
    "mk-gold-leucadia-credit-agreement-2005.txt": [
        ("broken_cross_reference", 262, "Exhibit III", ("absent", r"^\s*EXHIBIT\s+III\s*$")),  # 262 lists it only
        ("unused_definition", 373, "IRC", ("count1", "IRC")),
    ],
    "roo-group-note-purchase-agreement-2005.txt": [
        ("broken_cross_reference", 14, "Exhibit A", ("absent", r"^\s*EXHIBIT\s+A\b")),
        ("broken_cross_reference", 19, "Exhibit B", ("absent", r"^\s*EXHIBIT\s+B\b")),
        ("unused_definition", 46, "Closing Date", ("count1", "Closing Date")),
        ("enumeration_gap", 97, "(d)", ("present", "(b) any law applicable to the Company or any of its properties "
                                                   "or operations; or (d) any")),
        ("party_name_inconsistent", 173, "Roo Group, Inc.", ("present", "c/o Roo Group, Inc.")),
    ],
    "sei-pnc-committed-line-of-credit-note-2001.txt": [
        ("unused_definition", 110, "Eurocurrency liabilities", ("count1", "Eurocurrency liabilities")),
        ("unused_definition", 925, "Senior Notes", ("count1", "Senior Note")),
        ("unused_definition", 957, "Permitted Indebtedness", ("count1", "Permitted Indebtedness")),
        ("broken_cross_reference", 1073, "Schedule I", ("absent", r"^\s*SCHEDULE\s+I\b")),
    ],
    "state-auto-mutual-credit-agreement-2009.txt": [
        ("unused_definition", 205, "Other Taxes", ("count1", "Other Taxes")),
        ("broken_cross_reference", 226, "Exhibit B", ("absent", r"^\s*EXHIBIT\s+B\b")),
        ("broken_cross_reference", 228, "Exhibit C", ("absent", r"^\s*EXHIBIT\s+C\b")),
    ],
    "tnp-srt-tl-dof-credit-agreement-2011.txt": [
        ("enumeration_gap", 255, "(v)", ("present", "(iii) the Origination Fee, (v) the Exit Fee")),
        ("unused_definition", 1474, "Original Note", ("count1", "Original Note")),
        ("unused_definition", 1512, "Lockbox Agreement", ("count1", "Lockbox Agreement")),
        ("broken_cross_reference", 1529, "Schedule 2", ("absent", r"^\s*SCHEDULE\s+2\b")),
    ],
    "village-farms-cobank-construction-loan-security-agreement-1998.txt": [
        ("unused_definition", 271, "Line of Credit Loan Documents", ("count1", "Line of Credit Loan Document")),
        ("unused_definition", 387, "Produce", ("count1", "Produce")),
    ],
    "zumiez-wellsfargo-revolving-line-of-credit-note-2011.txt": [],
}



def inject(text: str, injection: Injection) -> str:
    assert text.count(injection.original) == 1, injection.original
    return text.replace(injection.original, injection.injected)
