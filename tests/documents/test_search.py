"""Full-text search over the documents' sections: phrases, prefixes, amounts, and access."""

from accounts.models import Role
from core.search import search
from documents import selectors
from documents.selectors import query_parse, section_results, section_search
from tests.factories import PartyFactory, UserFactory


def _numbers(user, query):
    return [m.section.number for m in section_search(user=user, query=query)]


def test_an_amount_is_found_in_any_common_format(read_document, counsel, upload, roo_text):
    read_document(upload("npa.txt", roo_text))
    assert sorted(_numbers(counsel, "$500,500")) == ["2", "3.3"]
    assert sorted(_numbers(counsel, "500,500")) == ["2", "3.3"]
    assert sorted(_numbers(counsel, "500500")) == ["2", "3.3"]


def test_an_amount_with_cents_a_currency_prefix_or_no_commas_is_found_in_every_other_format(
        read_document, counsel, upload):
    text = (b"1.1 Loan. The principal is $50,000,000.00 in all.\n\n1.2 Advance. The first advance is US$750,000.\n\n"
            b"1.3 Fee. The fee is 500500 dollars.\n\n1.4 Interest. Interest is $1,234.56 a day.\n")
    read_document(upload("loan.txt", text))
    for query in ("50,000,000", "50000000", "$50,000,000", "$50,000,000.00"):
        assert _numbers(counsel, query) == ["1.1"], query
    for query in ("750,000", "$750,000", "750000"):
        assert _numbers(counsel, query) == ["1.2"], query
    for query in ("$500,500", "500,500", "$500,500.00"):
        assert _numbers(counsel, query) == ["1.3"], query
    for query in ("$1,234.56", "1234.56", "1,234.56"):
        assert _numbers(counsel, query) == ["1.4"], query


def test_a_phrase_across_a_line_break_and_a_prefix_in_capitals_are_found(read_document, counsel, upload):
    read_document(upload("npa.txt", b"7.8 ARBITRATION. Any dispute goes to binding\n   arbitration in New York.\n"))
    assert _numbers(counsel, '"binding arbitration"') == ["7.8"]
    assert _numbers(counsel, '"arbitration binding"') == []
    assert _numbers(counsel, "ARBITR*") == ["7.8"]
    assert _numbers(counsel, "arbitration new york") == ["7.8"]


def test_a_phrase_must_appear_in_order_and_a_prefix_finds_longer_words(read_document, counsel, upload, roo_text):
    read_document(upload("npa.txt", roo_text))
    assert _numbers(counsel, '"return receipt requested"') == ["7.2"]
    assert _numbers(counsel, '"requested receipt return"') == []
    assert "7.8" in _numbers(counsel, "arbitrat*")


def test_the_snippet_marks_the_words_and_escapes_the_text(read_document, counsel, upload):
    read_document(upload("npa.txt", b"1.1 Sale. The Company sells the Note for less than < $600,000 & more.\n"))
    match = section_search(user=counsel, query="company")[0]
    assert "The <mark>Company</mark> sells the Note for less than &lt; $600,000 &amp; more." in match.snippet_html


def test_a_user_never_sees_a_snippet_from_a_matter_they_cannot_open(read_document, counsel, outsider, upload, roo_text):
    read_document(upload("npa.txt", roo_text))
    other_cfo = UserFactory(username="finn", role=Role.FINANCE, company=PartyFactory(legal_name="Other Co"))
    assert _numbers(counsel, "arbitration") != []
    assert _numbers(outsider, "arbitration") == []
    assert _numbers(other_cfo, "arbitration") == []
    assert search(outsider, "arbitration").get("Document text") is None


def test_the_global_search_links_to_the_exact_section_in_the_viewer(read_document, counsel, upload, roo_text):
    document = upload("npa.txt", roo_text)
    notices = read_document(document).sections.get(number="7.2")
    hits = search(counsel, '"return receipt requested"')["Document text"]
    assert [h.url for h in hits] == [f"/documents/{document.pk}/#s{notices.pk}"]
    assert "return receipt requested" in hits[0].detail


def test_no_query_syntax_reaches_postgresql_from_user_input():
    assert query_parse("a' | !b:* & (c") == [("english", "'a'"), ("simple", "'b':*"), ("english", "'c'")]
    assert query_parse("&&& ''") == []


def test_a_search_counts_its_matches_and_ranks_all_of_them_below_the_cap(read_document, counsel, upload, roo_text):
    read_document(upload("npa.txt", roo_text))
    results = section_results(user=counsel, query="$500,500", limit=1)
    assert (results.found, results.more, len(results.matches)) == (2, False, 1)


def test_a_search_matching_more_than_the_cap_says_so_and_asks_to_narrow(
        read_document, counsel, upload, client_as, monkeypatch):
    read_document(upload("npa.txt", b"".join(b"1.%d Part. The Company pays.\n\n" % n for n in range(1, 6))))
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    results = section_results(user=counsel, query="company")
    assert (results.found, results.more, len(results.matches)) == (4, True, 4)
    page = client_as(counsel).get("/documents/search/", {"q": "company"}).content.decode()
    assert "More than 3 sections match: these are the best of the first 3 found." in page
