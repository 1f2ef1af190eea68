from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.bounds import DATE_OUT_OF_RANGE, validate_law_date
from core.forms import apply_validation_error
from core.history import history_rows
from deadlines.selectors import due_within
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context
from notes import dashboard as board
from notes import export_services, facility_services, margins, services
from notes.filters import NoteFilter, filters_in_words
from notes.forms import (
    LenderFormSet,
    MarginLevelFormSet,
    MarginRatioForm,
    NoteForm,
    ScheduleGenerateForm,
    ScheduleTableForm,
    TransactionForm,
    lender_formset_helper,
)
from notes.interest import CONVENTIONS_TEXT, cents
from notes.models import ExportFormat, Note, NoteStatus
from notes.rendering import dashboard_rows_html
from notes.selectors import (
    lender_positions,
    margin_changes,
    margin_grid,
    note_list,
    note_position,
    rate_explanation,
    schedule_lines,
    yield_of,
)

PAGE_SIZE = 100  # rows per page on the dashboard and a matter's notes list


def _as_of(params: Any) -> tuple[date, str]:
    raw = params.get("as_of", "")
    try:
        day = date.fromisoformat(raw) if raw else timezone.localdate()
        validate_law_date(day)
    except ValueError:
        return timezone.localdate(), "Use a date as YYYY-MM-DD; showing today."
    except ValidationError:
        return timezone.localdate(), f"{DATE_OUT_OF_RANGE} Showing today."
    return day, ""


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Notes")
    notes = Note.objects.filter(matter=matter).select_related("issuer", "holder").order_by("maturity_date", "pk")
    context["page"] = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notes/matter_list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter", "issuer", "holder", "agreement__parent"), pk)
    as_of, as_of_error = _as_of(request.GET)
    return _detail(request, note, TransactionForm(), as_of, as_of_error)


def _default_rate_not_applied(note: Note) -> bool:
    """In default with a default rate recorded, but no rate change to it: interest still runs at
    the note rate, because the date the default began is counsel's to record, not ours to guess."""
    if note.status != NoteStatus.IN_DEFAULT or (note.default_rate is None and note.default_spread is None):
        return False
    live = note.transactions.filter(voided_at__isnull=True)
    return not (live.filter(kind="default").exists() or live.filter(kind="rate_change", rate=note.default_rate).exists())


def _detail(request: HttpRequest, note: Note, form: TransactionForm, as_of: date, as_of_error: str = "", status: int = 200,
            table_form: ScheduleTableForm | None = None, generate_form: ScheduleGenerateForm | None = None,
            lender_formset: Any = None, lender_errors: list[str] | None = None, margin_formset: Any = None,
            margin_errors: list[str] | None = None, ratio_form: MarginRatioForm | None = None) -> HttpResponse:
    context = matter_context(request, note.matter, "Notes")
    table_form = table_form or ScheduleTableForm()
    generate_form = generate_form or ScheduleGenerateForm()
    table_form.helper.form_action = reverse("notes:schedule_table", args=[note.pk])
    generate_form.helper.form_action = reverse("notes:schedule_generate", args=[note.pk])
    form.helper.form_action = reverse("notes:transaction_create", args=[note.pk])
    position = note_position(note, as_of)
    context.update({
        "note": note, "as_of": as_of, "as_of_error": as_of_error, "position": position,
        "accrued": None if position.accrued_interest is None else cents(position.accrued_interest),
        "yield": yield_of(note), "transactions": note.transactions.select_related("new_holder", "created_by"),
        "form": form, "conventions": CONVENTIONS_TEXT, "history": history_rows(note),
        "default_rate_not_applied": _default_rate_not_applied(note), "rate_explained": rate_explanation(note, as_of),
        "accrued_fees": None if position.accrued_fees is None else cents(position.accrued_fees),
        "charges": {"late": cents(position.late_charges or Decimal(0)), "costs": cents(position.costs)},
        "schedule": schedule_lines(note, as_of), "table_form": table_form, "generate_form": generate_form,
        "lender_positions": lender_positions(note, as_of),
        "lender_formset": lender_formset or LenderFormSet(prefix="lenders", initial=[
            {"lender": row.lender, "share": row.share} for row in note.lenders.all()]),
        "lender_helper": lender_formset_helper(), "lender_errors": lender_errors or [],
        **_margin_context(note, margin_formset, margin_errors, ratio_form),
    })
    return render(request, "notes/detail.html", context, status=status)


def transaction_create(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter", "agreement"), pk, write=True)
    form = TransactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.note_transaction_record(
                note=note, kind=data.pop("kind"), date=data.pop("date"), amount=data.pop("amount"),
                rate=data.pop("rate"), by=request.user, **data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Transaction recorded.")
            return redirect(note)
    return _detail(request, note, form, timezone.localdate(), status=400)


@require_POST
def schedule_table(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    form = ScheduleTableForm(request.POST)
    if form.is_valid():
        try:
            facility_services.schedule_replace(note=note, rows=form.cleaned_data["rows"], kind=form.cleaned_data["kind"],
                                      source=form.cleaned_data["annex"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Schedule saved; its dates are on the deadlines calendar.")
            return redirect(reverse("notes:detail", args=[note.pk]) + "#schedule")
    return _detail(request, note, TransactionForm(), timezone.localdate(), status=400, table_form=form)


@require_POST
def schedule_generate(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    form = ScheduleGenerateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            facility_services.schedule_generate(note=note, method=data["method"], first_date=data["first_date"],
                                       months=data["months"], count=data["count"],
                                       amortize_over=data["amortize_over"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Schedule generated; its dates are on the deadlines calendar.")
            return redirect(reverse("notes:detail", args=[note.pk]) + "#schedule")
    return _detail(request, note, TransactionForm(), timezone.localdate(), status=400, generate_form=form)


@require_POST
def lenders_save(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    formset = LenderFormSet(request.POST, prefix="lenders")
    if formset.is_valid():
        shares = [(f.cleaned_data["lender"], f.cleaned_data["share"]) for f in formset.forms if f.cleaned_data]
        try:
            facility_services.lenders_set(note=note, shares=shares, by=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "Lenders saved.")
            return redirect(reverse("notes:detail", args=[note.pk]) + "#lenders")
    else:
        errors = [str(e) for e in formset.non_form_errors()]
    return _detail(request, note, TransactionForm(), timezone.localdate(), status=400, lender_formset=formset,
                   lender_errors=errors)


def _margin_context(note: Note, formset: Any, errors: list[str] | None, ratio_form: MarginRatioForm | None) -> dict[str, Any]:
    levels = margin_grid(note)
    ratio_form = ratio_form or MarginRatioForm()
    ratio_form.helper.form_action = reverse("notes:margin_ratio_record", args=[note.pk])
    try:
        changes = margin_changes(note)
    except margins.GridRefused:
        changes = []
    return {
        "margin_levels": levels, "margin_changes": changes, "ratio_form": ratio_form, "margin_errors": errors or [],
        "margin_formset": formset or MarginLevelFormSet(prefix="levels", initial=[
            {"name": lv.name, "ratio_from": lv.ratio_from, "ratio_below": lv.ratio_below, "margin": lv.margin}
            for lv in levels]),
    }


@require_POST
def margin_grid_save(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    formset = MarginLevelFormSet(request.POST, prefix="levels")
    errors: list[str] = []
    if formset.is_valid():
        levels = [margins.Level(f.cleaned_data.get("name", ""), f.cleaned_data.get("ratio_from"),
                                f.cleaned_data.get("ratio_below"), f.cleaned_data["margin"])
                  for f in formset.forms if f.cleaned_data]
        try:
            facility_services.margin_grid_set(note=note, levels=levels, by=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "Margin grid saved.")
            return redirect(reverse("notes:detail", args=[note.pk]) + "#margins")
    else:
        errors = [str(e) for e in formset.non_form_errors()]
    return _detail(request, note, TransactionForm(), timezone.localdate(), status=400, margin_formset=formset,
                   margin_errors=errors)


@require_POST
def margin_ratio_record(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    form = MarginRatioForm(request.POST)
    if form.is_valid():
        try:
            facility_services.margin_ratio_record(note=note, effective_date=form.cleaned_data["effective_date"],
                                                  ratio=form.cleaned_data["ratio"], source=form.cleaned_data["source"],
                                                  by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Ratio recorded.")
            return redirect(reverse("notes:detail", args=[note.pk]) + "#margins")
    return _detail(request, note, TransactionForm(), timezone.localdate(), status=400, ratio_form=form)


def _note_form(request: HttpRequest, matter: Any, note: Note | None) -> HttpResponse:
    form = NoteForm(request.POST or None, instance=note, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            if note is None:
                saved = services.note_create(matter=matter, data=form.cleaned_data, by=request.user)
            else:
                saved = services.note_update(note=note, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Saved {saved}.")
            return redirect(saved)
    context = matter_context(request, matter, "Notes")
    context.update({"form": form, "title": f"Edit {note}" if note else "New note"})
    return render(request, "notes/form.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    return _note_form(request, matter_for_user(request.user, pk, write=True), None)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = object_for_user(request.user, Note.objects.select_related("matter"), pk, write=True)
    return _note_form(request, note.matter, note)


def _board(request: HttpRequest) -> tuple[Any, NoteFilter, date, str]:
    as_of, error = _as_of(request.GET)
    filterset = NoteFilter(request.GET, queryset=note_list(user=request.user), request=request)
    return board.build(filterset.qs, as_of), filterset, as_of, error


def _drill(as_of: date, **filters: Any) -> str:
    """The dashboard narrowed to the notes behind one figure, at the same as-of date."""
    return "?" + urlencode({"as_of": as_of.isoformat(), **filters}) + "#notes"


def dashboard(request: HttpRequest) -> HttpResponse:
    data, filterset, as_of, error = _board(request)
    ladders = []
    for currency, months in data.ladder.items():
        not_recorded = data.maturity_not_recorded.get(currency)
        top = max([m.amount for _, m in months] + [not_recorded.amount if not_recorded else 0, 1])
        ladders.append((currency, [
            (month, amount, int(amount.amount * 100 / top), _drill(
                as_of, matures_after=month.isoformat(),
                matures_before=(month + relativedelta(months=1, days=-1)).isoformat(),
            ))
            for month, amount in months
        ], not_recorded))
    page = Paginator(data.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notes/dashboard.html", {
        "rows_html": dashboard_rows_html(page, as_of),
        "board": data, "filter": filterset, "as_of": as_of, "as_of_error": error, "ladders": ladders,
        "not_recorded_url": _drill(as_of, maturity_recorded="false"),
        "holders": [(g, _drill(as_of, holder=g.party_id)) for g in data.by_holder],
        "issuers": [(g, _drill(as_of, issuer=g.party_id)) for g in data.by_issuer],
        "page": page,
        "panels": board.panels(request.user, as_of), "query": request.GET.urlencode(),
        "due": due_within(request.user, as_of, today=timezone.localdate()),
        "export_params": [(k, v) for k, values in request.GET.lists() if k != "page" for v in values],
    })


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The export controls are POST forms: each export is recorded (who, as of when, the filters,
    the matters' notes in it) as it is made. A GET (an old bookmark) records nothing and makes no
    file: it lands on the dashboard with the same filters, beside the export buttons."""
    if fmt not in ExportFormat.values:
        raise Http404("Export as csv or xlsx.")
    if request.method != "POST":
        return redirect(reverse("notes:dashboard") + ("?" + request.GET.urlencode() if request.GET else ""))
    as_of, _ = _as_of(request.POST)
    filterset = NoteFilter(request.POST, queryset=note_list(user=request.user), request=request)
    exported = export_services.dashboard_export(by=request.user, notes=filterset.qs, as_of=as_of, file_format=fmt,
                                                filters=filters_in_words(filterset))
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.name}"'
    return response
