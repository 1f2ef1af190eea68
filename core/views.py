from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core import home as home_panels
from core import search as global_search
from matters.selectors import matter_list


def home(request: HttpRequest) -> HttpResponse:
    """Finance users land on their dashboard once it exists; everyone else on their matters."""
    if request.user.is_finance:
        try:
            return redirect(reverse("notes:dashboard"))
        except NoReverseMatch:
            pass
    matters = matter_list(user=request.user)[:20]
    panels = home_panels.panels_for(request.user, timezone.localdate())
    return render(request, "core/home.html", {"matters": matters, "panels": panels})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    results = global_search.search(request.user, query)
    return render(request, "core/search.html", {"q": query, "results": results})
