"""Notices show their method in words, never the stored code."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_notice_page_and_the_matter_list_say_the_method_in_words(client_as, counsel, send, matter):
    notice_id = send(period_days=10).json()["id"]
    client = client_as(counsel)
    for url in (f"/notices/{notice_id}/", f"/notices/matter/{matter.pk}/"):
        page = client.get(url).content.decode()
        assert "Certified or registered mail, return receipt requested" in page, url
        assert ">certified_mail<" not in page, url
