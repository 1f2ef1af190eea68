from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.history import history_rows
from deadlines.calendars import NY_BANKS
from matters.access import READ_ONLY, can_edit_directory
from rates import rules, services
from rates.forms import RateImportForm, RateIndexForm, RateLookupForm, RateValueForm
from rates.models import RateIndex, RateValue
from rates.selectors import (
    rate_index_list,
    rate_on,
    rate_value_list,
    value_history,
    value_on_lookback,
)


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_directory(request.user):
        raise PermissionDenied(READ_ONLY)


def _index(pk: int) -> RateIndex:
    return get_object_or_404(rate_index_list(), pk=pk)


def index_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(rate_index_list(), 50).get_page(request.GET.get("page"))
    return render(request, "rates/list.html", {"page": page, "can_edit": can_edit_directory(request.user)})


def index_detail(request: HttpRequest, pk: int) -> HttpResponse:
    index = _index(pk)
    page = Paginator(rate_value_list(index=index), 50).get_page(request.GET.get("page"))
    can_edit = can_edit_directory(request.user)
    value_form = RateValueForm(initial={"effective_date": timezone.localdate()}) if can_edit else None
    if value_form is not None:
        value_form.helper.form_action = reverse("rates:value_record", args=[index.pk])
    lookup_form = RateLookupForm(initial={"day": timezone.localdate()})
    lookup_form.helper.form_action = reverse("rates:lookup", args=[index.pk])
    return render(
        request,
        "rates/detail.html",
        {
            "index": index, "page": page, "can_edit": can_edit, "history": history_rows(index), "value_changes": value_history(index),
            "value_form": value_form, "lookup_form": lookup_form,
        },
    )


def index_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = RateIndexForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            index = services.rate_index_create(data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Added {index}. Record its values next.")
            return redirect(index)
    return render(request, "rates/form.html", {"form": form, "title": "New rate index"})


def index_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    index = get_object_or_404(RateIndex, pk=pk)
    form = RateIndexForm(request.POST or None, instance=index)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_index_update(index=index, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Saved {index}.")
            return redirect(index)
    return render(request, "rates/form.html", {"form": form, "title": f"Edit {index}", "index": index})


def value_record(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    index = get_object_or_404(RateIndex, pk=pk)
    form = RateValueForm(request.POST or None, initial={"effective_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            value = services.rate_value_record(
                index=index, effective_date=data["effective_date"], rate=data["rate"],
                source_note=data["source_note"], by=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Recorded {index} {rules.percent(value.rate)} from {value.effective_date:%Y-%m-%d}.")
            return redirect(index)
    return render(request, "rates/form.html", {"form": form, "title": f"Record a value of {index}", "index": index})


@require_POST
def value_delete(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    _require_editor(request)
    value = get_object_or_404(RateValue.objects.select_related("index"), pk=value_pk, index_id=pk)
    day = value.effective_date
    try:
        services.rate_value_delete(value=value)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Deleted the value from {day:%Y-%m-%d}; it stays in the history.")
    return redirect(value.index)


def values_import(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    index = get_object_or_404(RateIndex, pk=pk)
    form = RateImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.rate_values_import(
                index=index, file=form.cleaned_data["file"], by=request.user,
                source_note=form.cleaned_data["source_note"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                f"Imported {result.added} new values and changed {result.changed}; "
                f"{result.unchanged} were already recorded.",
            )
            return redirect(index)
    return render(request, "rates/form.html", {"form": form, "title": f"Import values of {index}", "index": index})


def lookup(request: HttpRequest, pk: int) -> HttpResponse:
    """The rate on a day, explained; a GET form that changes nothing."""
    index = _index(pk)
    form = RateLookupForm(request.GET if "day" in request.GET else None, initial={"day": timezone.localdate()})
    answer = _answer(form, index) if form.is_bound and form.is_valid() else None
    return render(request, "rates/lookup.html", {"index": index, "form": form, "answer": answer})


def _answer(form: RateLookupForm, index: RateIndex) -> dict[str, Any] | None:
    data = form.cleaned_data
    day: date = data["day"]
    spread: Decimal = data["spread"] or Decimal("0")
    try:
        if data["lookback"] is None:
            value, fixing = rate_on(index, day), None
        else:
            fixing = rules.lookback_date(day, data["lookback"], data["calendar"] or NY_BANKS)
            value = value_on_lookback(index, day, data["lookback"], data["calendar"] or NY_BANKS)
        words = rules.explain(index.name, value.rate, spread, data["floor"], data["cap"])
        rate = rules.applicable_rate(value.rate, spread, data["floor"], data["cap"])
    except rules.RateMissing as exc:
        form.add_error("day", str(exc))
        return None
    except rules.RateRefused as exc:
        form.add_error(exc.field, str(exc))
        return None
    return {"value": value, "fixing": fixing, "words": words, "rate": rate}
