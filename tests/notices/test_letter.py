from io import BytesIO

import pytest
from django.test import override_settings
from pypdf import PdfReader

from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _pdf(client, notice_id):
    response = client.get(f"/notices/{notice_id}/letter.pdf")
    assert response.status_code == 200
    return PdfReader(BytesIO(response.content))


def _text(reader):
    return "\n".join(line.strip() for page in reader.pages for line in page.extract_text().splitlines())


@override_settings(FIRM_NAME="Whitman & Crane LLP", FIRM_ADDRESS=["One Liberty Plaza", "New York, NY 10006"])
def test_the_letter_can_be_signed_as_generated(client_as, counsel, send):
    notice_id = send(copy_to="Goodwin Procter LLP\nAttention: Jane Roe", body="You failed to pay interest.").json()["id"]
    text = _text(_pdf(client_as(counsel), notice_id))
    flat = " ".join(text.split())
    assert "Whitman & Crane LLP\nOne Liberty Plaza\nNew York, NY 10006" in text
    assert "March 2, 2026" in text
    assert "BY CERTIFIED MAIL, RETURN RECEIPT REQUESTED" in text
    assert "Attention: General Counsel\n400 Harbor Drive, Suite 1200\nBoston, MA 02110" in text
    assert "with a copy to:\nGoodwin Procter LLP\nAttention: Jane Roe" in text
    assert "Re: Notice of default under the Note Purchase Agreement dated as of January 5, 2026, Section 9.3" in flat
    assert "This notice is given pursuant to Section 9.3 of the Note Purchase Agreement." in flat
    assert "MERIDIAN CREDIT PARTNERS II, L.P." in text
    assert "By: ____" in text
    assert "Name: Dana Whitfield\nTitle: Authorized Signatory" in text
    assert text.count("ROO Group, Inc.") == 1  # the addressee, once


@override_settings(FIRM_NAME="")
def test_without_a_firm_the_letterhead_is_the_senders_name_and_address(client_as, counsel, send):
    text = _text(_pdf(client_as(counsel), send().json()["id"]))
    assert text.startswith("Meridian Credit Partners II, L.P.\n712 Fifth Avenue, 30th Floor")


def test_markup_in_user_text_is_printed_literally_not_rendered(client_as, counsel, send, deal, tmp_path):
    deal["lender"].legal_name = 'A<B Corp <img src="/tmp/x.png"/>'
    deal["lender"].save()
    notice_id = send(subject='<link href="javascript:alert(1)">click</link>',
                     body='<font size="40">big</font> & <b>bold</b>').json()["id"]
    reader = _pdf(client_as(counsel), notice_id)
    text = _text(reader)
    assert 'A<B CORP <IMG SRC="/TMP/X.PNG"/>' in text
    assert '<link href="javascript:alert(1)">click</link>' in text
    assert '<font size="40">big</font> & <b>bold</b>' in text
    assert all("/Annots" not in page and not page.images for page in reader.pages)


def test_a_party_named_with_an_angle_bracket_does_not_break_the_letter(client_as, counsel, send, deal):
    deal["lender"].legal_name = "A<B Corp"
    deal["lender"].save()
    PartyFactory(legal_name="Unrelated")
    assert client_as(counsel).get(f"/notices/{send().json()['id']}/letter.pdf").status_code == 200
