from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.forms import apply_validation_error
from core.history import history_rows
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context
from security_interests import obligations, selectors, services
from security_interests.forms import (
    AmendmentForm,
    DemandForm,
    FinancingStatementForm,
    SecurityInterestForm,
)
from security_interests.models import FinancingStatement, SecurityInterest

TAB = "Security"


def _security_interest(request: HttpRequest, pk: int, *, write: bool = False) -> SecurityInterest:
    queryset: QuerySet[SecurityInterest] = SecurityInterest.objects.select_related(
        "matter__client", "debtor", "secured_party", "granting_agreement"
    )
    return object_for_user(request.user, queryset, pk, write=write)


def _statement(request: HttpRequest, pk: int, *, write: bool = False) -> FinancingStatement:
    queryset = FinancingStatement.objects.select_related(
        "security_interest__matter__client", "security_interest__debtor", "security_interest__secured_party"
    )
    return object_for_user(request.user, queryset, pk, write=write, lookup=selectors.STATEMENT_LOOKUP)


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    today = timezone.localdate()
    context = matter_context(request, matter, TAB)
    interests = list(selectors.security_interests_of_matter(matter))
    context["interests"] = [
        (si, [selectors.portfolio_row(fs, today) for fs in si.financing_statements.all()]) for si in interests
    ]
    return render(request, "security_interests/matter_list.html", context)


def security_interest_create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = SecurityInterestForm(request.POST or None, matter=matter, initial={"debtor": matter.client_id})
    if request.method == "POST" and form.is_valid():
        try:
            si = services.security_interest_create(matter=matter, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Security interest recorded.")
            return redirect(si)
    return render(request, "includes/form_page.html", {"form": form, "title": f"New security interest in {matter}"})


def security_interest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    si = _security_interest(request, pk)
    today = timezone.localdate()
    statements = si.financing_statements.prefetch_related("amendments").order_by("filing_date", "id")
    context = matter_context(request, si.matter, TAB)
    context.update(
        {
            "si": si,
            "secured_notes": si.notes.all(),
            "ucc1_due": obligations.ucc1_due(si),
            "date_not_known": obligations.DATE_NOT_KNOWN,
            "rows": [selectors.portfolio_row(fs, today) for fs in statements],
            "history": history_rows(si),
        }
    )
    return render(request, "security_interests/detail.html", context)


def security_interest_edit(request: HttpRequest, pk: int) -> HttpResponse:
    si = _security_interest(request, pk, write=True)
    form = SecurityInterestForm(request.POST or None, instance=si, matter=si.matter)
    if request.method == "POST" and form.is_valid():
        try:
            services.security_interest_update(security_interest=si, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Security interest saved.")
            return redirect(si)
    return render(request, "includes/form_page.html", {"form": form, "title": f"Edit {si}"})


def filing_add(request: HttpRequest, pk: int) -> HttpResponse:
    si = _security_interest(request, pk, write=True)
    form = FinancingStatementForm(request.POST or None, initial={"filing_office": services.filing_office_default(si)})
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.financing_statement_create(
                security_interest=si, data=form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{statement} recorded; it lapses on {statement.lapse_date:%B %-d, %Y}.")
            warning = services.filing_office_warning(statement)
            if warning:
                messages.warning(request, warning)
            return redirect(statement)
    return render(request, "includes/form_page.html", {"form": form, "title": f"Record the UCC-1 for {si}"})


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = _statement(request, pk)
    si = statement.security_interest
    context = matter_context(request, si.matter, TAB)
    context.update(
        {
            "statement": statement,
            "row": selectors.portfolio_row(statement, timezone.localdate()),
            "amendments": statement.amendments.all(),
            "warning": services.filing_office_warning(statement),
            "history": history_rows(statement),
        }
    )
    return render(request, "security_interests/statement.html", context)


def amendment_add(request: HttpRequest, pk: int) -> HttpResponse:
    statement = _statement(request, pk, write=True)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.financing_statement_amend(statement=statement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{amendment} recorded.")
            return redirect(statement)
    return render(request, "includes/form_page.html", {"form": form, "title": f"Record a UCC-3 against {statement}"})


def demand_record(request: HttpRequest, pk: int) -> HttpResponse:
    si = _security_interest(request, pk, write=True)
    form = DemandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.security_interest_record_demand(
                security_interest=si, demanded_on=form.cleaned_data["termination_demanded_on"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Demand recorded: the termination is due 20 days after it (UCC 9-513(c)).")
            return redirect(si)
    return render(request, "includes/form_page.html", {"form": form, "title": f"Termination demand for {si}"})


def portfolio(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    needs_action = request.GET.get("needs_action") == "1"
    statements = selectors.portfolio_statements(request.user, today=today, needs_action=needs_action)
    page = Paginator(statements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "security_interests/portfolio.html",
        {
            "page": page,
            "rows": [selectors.portfolio_row(fs, today) for fs in page.object_list],
            "summary": selectors.portfolio_summary(request.user, today=today),
            "unfiled": list(selectors.unfiled_security_interests(request.user)[:50]),
            "needs_action": needs_action,
            "today": today,
            "can_edit_any": not getattr(request.user, "is_finance", False),
        },
    )

