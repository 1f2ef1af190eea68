"""The business-day calendars agreements may name, and the holidays each produces for a year.
Firm-wide reference data like the rate indexes: everyone signed in reads it."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from deadlines import catalog

YEAR_RANGE = "Enter a year from 1900 to 2100."


class CalendarYearForm(forms.Form):
    calendar = forms.ChoiceField(label="Calendar", choices=catalog.choices)
    year = forms.IntegerField(label="Year", min_value=1900, max_value=2100,
                              error_messages={"min_value": YEAR_RANGE, "max_value": YEAR_RANGE})


def calendar_list(request: HttpRequest) -> HttpResponse:
    form = CalendarYearForm(request.GET or None, initial={"year": timezone.localdate().year})
    if request.GET and form.is_valid():
        return redirect(f"{_detail_url(form.cleaned_data['calendar'])}?year={form.cleaned_data['year']}")
    return render(request, "deadlines/calendar_list.html", {"calendars": catalog.NAMED, "form": form},
                  status=400 if request.GET else 200)


def _detail_url(key: str) -> str:
    from django.urls import reverse

    return reverse("deadlines:calendar_detail", args=[key])


def calendar_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        calendar = catalog.info(key)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    form = CalendarYearForm({"calendar": key, "year": request.GET.get("year") or timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    return render(request, "deadlines/calendar_detail.html", {
        "calendar": calendar, "year": year, "form": form, "holidays": catalog.closed_days(key, year).items(),
        "previous": year - 1 if year > 1900 else None, "next": year + 1 if year < 2100 else None,
    })
