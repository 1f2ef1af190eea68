from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from core.search import SearchHit
from matters.access import visible_parties_q
from parties.models import NoticeAddress, Party


def party_list(*, user: Any, query: str = "") -> QuerySet[Party]:
    """The directory the user may read (`matters.access.visible_parties_q`), with every notice
    address prefetched in one query."""
    parties = Party.objects.filter(visible_parties_q(user)).prefetch_related(
        Prefetch(
            "notice_addresses",
            queryset=NoticeAddress.objects.select_related("care_of_party").order_by("-effective_from"),
        )
    )
    if query:
        parties = parties.filter(
            Q(legal_name__icontains=query) | Q(jurisdiction__icontains=query)
            | Q(people__name__icontains=query)
        ).distinct()
    return parties


def notice_address_in_effect(*, party: Party, on: date) -> NoticeAddress | None:
    return (
        NoticeAddress.objects.select_related("party", "care_of_party")
        .filter(party=party, effective_from__lte=on)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
        .first()
    )


def current_address(party: Party, today: date) -> NoticeAddress | None:
    """The address in effect today, from an already prefetched `notice_addresses`."""
    return next((a for a in party.notice_addresses.all() if a.in_effect_on(today)), None)


def search_hits(user: Any, query: str) -> list[SearchHit]:
    parties = Party.objects.filter(visible_parties_q(user)).filter(
        Q(legal_name__icontains=query) | Q(people__name__icontains=query)
    ).distinct()[:10]
    return [
        SearchHit("Party", p.legal_name, reverse("parties:detail", args=[p.pk]), p.jurisdiction)
        for p in parties
    ]
