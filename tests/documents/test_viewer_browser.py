"""The viewer in Chromium: a term in the card of held terms jumps to its highlight in the text."""

import pytest
from playwright.sync_api import expect

from documents.proposals import proposal_decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clicking_a_held_term_in_the_card_scrolls_its_highlight_into_view_and_targets_it(
        live_server, login_page, counsel, read_document, upload, roo_text):
    roo = read_document(upload("npa.txt", roo_text))
    law = roo.proposals.get(path="governing_law")  # §7.6, pages below the top of the text
    proposal_decide(proposal=law, decision="accept", by=counsel)
    page = login_page(counsel)
    page.goto(f"{live_server.url}/documents/{roo.document_id}/")
    mark = page.locator(f"mark#held-{law.pk}")
    expect(mark).not_to_be_in_viewport()
    page.get_by_test_id("held-terms").get_by_role("link", name="Governing law").click()
    expect(mark).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == f"held-{law.pk}"
    assert mark.inner_text() == roo.text[law.start:law.end]
    assert mark.get_attribute("title") == "Governing law — held on Note Purchase Agreement"
