from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from core import nav


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The matters menu (one query) and the top-level entries apps registered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from matters.access import visible_matters

    extra = []
    for item in nav.items():
        if (item.finance_only and not user.is_finance) or (item.hide_for_finance and user.is_finance):
            continue
        try:
            extra.append({"label": item.label, "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue
    return {
        "nav_matters": list(visible_matters(user).order_by("name").only("id", "name")[:15]),
        "nav_extra": extra,
    }
