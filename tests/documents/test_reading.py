"""Reading each kind of file into text with its page offsets."""

import io

import docx

from documents.reading import read
from tests.documents.conftest import scanned_pdf, text_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_pdf_text_layer_is_read_page_by_page_with_the_offset_of_each_page():
    reading = read(text_pdf(["1.1 Loans. The Lender lends.", "7.2 Notices. By hand, with a copy to counsel."]),
                   content_type=PDF)
    second = reading.text[reading.page_starts[1]:]
    assert (len(reading.page_starts), reading.extractor, reading.ocr) == (2, "pdf", False)
    assert reading.text.startswith("1.1 Loans. The Lender lends.")
    assert second.startswith("7.2 Notices. By hand, with a copy to counsel.")


def test_a_scanned_page_without_a_text_layer_is_read_by_ocr():
    reading = read(scanned_pdf(["7.2 Notices. All notices shall be", "in writing and delivered by hand."]),
                   content_type=PDF)
    assert (reading.extractor, reading.ocr) == ("pdf+ocr", True)
    assert "All notices shall be" in reading.text
    assert "delivered by hand" in reading.text


def test_a_word_file_keeps_its_paragraphs_and_table_rows_in_order():
    document = docx.Document()
    document.add_paragraph("ARTICLE I")
    document.add_paragraph("Section 1.1 Loans. The Lender lends.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Principal"
    table.rows[0].cells[1].text = "$600,000"
    document.add_paragraph("Section 1.2 Interest.")
    buffer = io.BytesIO()
    document.save(buffer)
    reading = read(buffer.getvalue(), content_type=DOCX)
    assert reading.text == "ARTICLE I\nSection 1.1 Loans. The Lender lends.\nPrincipal\t$600,000\nSection 1.2 Interest."


def test_an_edgar_html_exhibit_loses_its_tags_and_scripts_but_keeps_its_block_breaks():
    markup = (b"<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
              b"<p>Section&nbsp;7.2&nbsp;&nbsp;<b>Notices</b>.  All   notices</p><script>alert(1)</script>"
              b"<div>Section 7.3 Entire&amp;Agreement.</div></body></html>")
    reading = read(markup, content_type="text/plain")
    assert (reading.extractor, reading.text) == ("html", "Section 7.2 Notices. All notices\n\nSection 7.3 Entire&Agreement.")


def test_a_windows_1252_text_file_is_decoded_and_form_feeds_are_page_breaks():
    data = "The \u201cCompany\u201d pays \u00a7 3.2.\fPage two.".encode("cp1252")
    reading = read(data, content_type="text/plain")
    assert reading.text == "The \u201cCompany\u201d pays \u00a7 3.2.\n\nPage two."
    assert reading.page_starts == [0, len("The \u201cCompany\u201d pays \u00a7 3.2.") + 2]


def test_nul_characters_and_windows_line_ends_are_dropped():
    reading = read(b"Section 1.1\r\nLoans\x00.", content_type="text/plain")
    assert reading.text == "Section 1.1\nLoans."
