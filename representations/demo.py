"""The ROO Group agreement's representations and warranties as a register: §4.1 to §4.3 by the
Company to Petty, §5.1 and §5.2 by Petty to the Company, word for word from the executed text.
The agreement states no survival period, and the closing was simultaneous with signing, so no
representation was brought down by certificate."""

from typing import Any

from agreements.demo import seed_sections
from representations.models import Representation
from representations.services import representation_create

BY_THE_COMPANY = ("4.1", "4.2", "4.3")
BY_PETTY = ("5.1", "5.2")


def load(context: dict[str, Any]) -> None:
    npa, roo, petty = context["roo_npa"], context["roo"], context["petty"]
    if Representation.objects.filter(agreement=npa).exists():
        return
    sections = seed_sections()
    for numbers, giver, receiver in ((BY_THE_COMPANY, roo, petty), (BY_PETTY, petty, roo)):
        for number in numbers:
            section = sections[number]
            representation_create(matter=npa.matter, data={
                "agreement": npa, "clause": section.ref, "party": giver, "given_to": receiver,
                "title": section.heading, "text": section.text, "survival": "", "brought_down_by_certificate": False,
            })
