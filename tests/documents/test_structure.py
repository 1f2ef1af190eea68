"""Structure found in real agreements' text: numbers written by hand from the filed copies."""

from pathlib import Path

from documents.structure import sections_find, terms_find

FIXTURES = Path(__file__).parent / "fixtures"


def _numbers(name: str, kinds: tuple[str, ...] = ("article", "section", "subsection", "exhibit", "schedule")):
    text = (FIXTURES / name).read_text()
    return [(p.kind, p.number) for p in sections_find(text) if p.kind in kinds]


def test_the_roo_group_purchase_agreement_has_its_seven_sections_and_their_subsections():
    numbers = [n for _, n in _numbers("roo-group-note-purchase-agreement-2005.txt")]
    assert numbers == [
        "1", "2", "3", "3.1", "3.2", "3.3", "4", "4.1", "4.2", "4.3", "5", "5.1", "5.2", "6", "6.1",
        "7", "7.1", "7.2", "7.2(a)", "7.2(b)", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9",
    ]


def test_the_roo_group_notice_section_is_inside_section_seven_with_its_heading():
    text = (FIXTURES / "roo-group-note-purchase-agreement-2005.txt").read_text()
    notices = next(p for p in sections_find(text) if p.number == "7.2")
    assert (notices.heading, notices.parent.number if notices.parent else None) == ("Notices", "7")
    assert text[notices.start:notices.end].startswith("7.2 Notices. All notices")
    assert text[notices.end:notices.end + 22] == "7.3 Entire Agreement. "


def test_the_alterra_loan_agreement_has_eight_articles_in_roman_numerals():
    articles = [n for _, n in _numbers("alterra-third-party-investors-bridge-loan-1999.txt", ("article",))]
    assert articles == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def test_the_alterra_loan_agreement_sections_sit_under_their_articles():
    text = (FIXTURES / "alterra-third-party-investors-bridge-loan-1999.txt").read_text()
    parts = sections_find(text)
    sections = [(p.parent.number if p.parent else None, p.number, p.heading) for p in parts
                if p.number.startswith(("2.", "3."))]
    assert sections[:8] == [
        ("II", "2.1", "Loans"), ("2.1", "2.1(a)", "Amount"), ("2.1", "2.1(b)", "Borrowings"),
        ("2.1", "2.1(c)", "Bridge Construction Loan Note"), ("2.1", "2.1(d)", "Payments"),
        ("2.1", "2.1(e)", "Interest Rate"), ("II", "2.2", "Prepayment"), ("II", "2.3", "Manner of Payment"),
    ]
    assert [n for _, n, _ in sections if "(" not in n] == ["2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4"]


def test_a_sentence_that_happens_to_start_a_line_with_section_is_not_a_heading():
    text = "Section 1.1 Loans. The Lender lends.\nSection 5 of this Agreement, and the Borrower\nagrees.\n"
    assert [p.number for p in sections_find(text)] == ["1.1"]


def test_section_sign_numbers_with_letters_are_found():
    text = "§3.2(b) Collateral. The Debtor grants a security interest.\n"
    assert [(p.kind, p.number, p.heading) for p in sections_find(text)] == [("subsection", "3.2(b)", "Collateral")]


def test_a_table_of_contents_entry_gives_way_to_the_section_itself():
    text = ("TABLE OF CONTENTS\n1.1 Defined Terms ..........1\nSection 2.1 Loans\n\n"
            "Section 2.1 Loans. The Lender agrees to lend the Borrower the principal amount stated below, "
            "on the terms of this Agreement.\n")
    parts = [p for p in sections_find(text) if p.kind != "preamble"]
    assert [(p.number, text[p.start:p.start + 19]) for p in parts] == [("2.1", "Section 2.1 Loans. ")]


def test_exhibits_and_schedules_are_parts_of_their_own():
    text = "1.1 Loans. The Lender lends.\n\nEXHIBIT A\nFORM OF NOTE\n\nSchedule 4.6\nLocations\n"
    assert [(p.kind, p.number, p.heading, p.depth) for p in sections_find(text)] == [
        ("section", "1.1", "Loans", 2), ("exhibit", "A", "FORM OF NOTE", 1), ("schedule", "4.6", "Locations", 1)]


def test_terms_defined_by_means_and_in_parentheses_are_found_once_each():
    text = ('ROO Group, Inc. (the "Company") and Robert Petty ("Petty") agree. "Closing" means the closing. '
            'The Company shall deliver at the Closing; the "Company" is defined once.')
    assert [(d.term, text[d.start:d.end]) for d in terms_find(text)] == [
        ("Company", "Company"), ("Petty", "Petty"), ("Closing", "Closing")]


def test_exhibits_listed_in_the_table_of_contents_before_the_first_section_are_not_parts():
    text = ("TABLE OF CONTENTS\n7.2 Right of Secured Party to Take Possession and Dispose\nof Collateral ......12\n"
            "Exhibit III - Form of Guaranty\n\nCREDIT AGREEMENT\n\nThis Credit Agreement is made by the parties.\n\n"
            "SECTION 1. DEFINITIONS\n\n1.1 DEFINED TERMS. The following terms have these meanings.\n\n"
            "EXHIBIT III\nFORM OF GUARANTY\n")
    assert [(p.kind, p.number) for p in sections_find(text)] == [
        ("preamble", ""), ("section", "1"), ("section", "1.1"), ("exhibit", "III")]


def test_an_exhibit_in_a_document_without_numbered_sections_is_kept():
    text = "PROMISSORY NOTE\n\nThe Borrower promises to pay.\n\nEXHIBIT A\nFORM OF CONVERSION NOTICE\n"
    assert [(p.kind, p.number) for p in sections_find(text)] == [("preamble", ""), ("exhibit", "A")]


def test_a_number_alone_on_its_line_takes_its_heading_from_the_paragraph_that_follows():
    text = ("8.7 Expenses. The Borrower pays them.\n\n8.8\nNOTICES. Except as otherwise provided herein, every notice "
            "shall be in writing and shall be delivered by hand or by courier to the address of the party set out below.\n\n"
            "8.9\nThe Borrower shall pay every cost of enforcement of this Agreement whenever the Lender so requests in a "
            "writing delivered to it, without any heading.\n")
    parts = [(p.number, p.heading) for p in sections_find(text) if p.kind == "section"]
    # 8.9's paragraph opens with a sentence, not a heading: no part starts there.
    assert parts == [("8.7", "Expenses"), ("8.8", "NOTICES")]


def test_the_mk_gold_notice_section_is_found_under_its_number_on_the_line_above():
    text = (FIXTURES / "mk-gold-leucadia-credit-agreement-2005.txt").read_text()
    notices = next(p for p in sections_find(text) if p.number == "8.8")
    assert (notices.heading, notices.parent.number if notices.parent else None) == ("NOTICES", "8")
    assert text[notices.start:notices.start + 13] == "8.8\nNOTICES. "
