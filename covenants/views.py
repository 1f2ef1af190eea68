from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.history import history_rows
from covenants import selectors, services
from covenants.forms import (
    CertificateForm,
    ConsentForm,
    CovenantForm,
    FiscalYearEndForm,
    StatusForm,
    StepForm,
)
from covenants.models import ComplianceCertificate, Covenant, CovenantKind, CovenantTest
from covenants.notice import draft_notice
from deadlines.models import FiscalYearEnd
from matters.access import (
    can_report_figures,
    matter_for_reporting,
    matter_for_user,
    object_for_user,
)
from matters.views import matter_context
from notices.letter import notice_pdf
from parties.models import Party


def portfolio(request: HttpRequest) -> HttpResponse:
    """Every covenant the user may see, across matters: what is due, what is in breach, headroom."""
    today = timezone.localdate()
    covenants = selectors.covenants_for(request.user)
    return render(request, "covenants/portfolio.html", {
        "rows": selectors.financial_rows(covenants, today), "breaches": selectors.breaches(request.user),
        "due": selectors.reports_due(request.user, today), "today": today,
    })


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    today = timezone.localdate()
    covenants = selectors.covenants_for(request.user).filter(matter=matter)
    context = matter_context(request, matter, "Covenants")
    context.update({
        "rows": selectors.financial_rows(covenants, today), "breaches": selectors.breaches(request.user, matter),
        "due": selectors.reports_due(request.user, today, matter), "today": today,
        "undertakings": covenants.filter(kind__in=services.UNDERTAKINGS),
        "reporting": covenants.filter(kind=CovenantKind.REPORTING),
        "certificates": ComplianceCertificate.objects.filter(matter=matter).select_related("agreement"),
        "can_report": can_report_figures(request.user, matter),
        "fiscal": [(p, FiscalYearEnd.objects.filter(party=p).first())
                   for p in Party.objects.filter(covenants__matter=matter).distinct().order_by("legal_name")],
    })
    return render(request, "covenants/matter_list.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = CovenantForm(request.POST or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            covenant = services.covenant_create(matter=matter, data=data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Covenant recorded.")
            return redirect(covenant)
    context = matter_context(request, matter, "Covenants")
    context.update({"form": form, "title": "Record a covenant"})
    return render(request, "covenants/form.html", context, status=400 if request.method == "POST" else 200)


def _covenant(request: HttpRequest, pk: int, *, write: bool = False) -> Covenant:
    return object_for_user(request.user, Covenant.objects.select_related("matter", "agreement", "party"), pk, write=write)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = _covenant(request, pk, write=True)
    form = CovenantForm(request.POST or None, instance=covenant, matter=covenant.matter)
    if request.method == "POST" and form.is_valid():
        try:
            services.covenant_update(covenant=covenant, data=dict(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Covenant saved.")
            return redirect(covenant)
    context = matter_context(request, covenant.matter, "Covenants")
    context.update({"form": form, "title": f"Edit {covenant}"})
    return render(request, "covenants/form.html", context, status=400 if request.method == "POST" else 200)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _covenant(request, pk), StepForm(), StatusForm(initial={"status": ""}))


def _detail(request: HttpRequest, covenant: Covenant, step_form: StepForm, status_form: StatusForm,
            status: int = 200, consent_form: ConsentForm | None = None) -> HttpResponse:
    context = matter_context(request, covenant.matter, "Covenants")
    step_form.helper.form_action = reverse("covenants:step_add", args=[covenant.pk])
    status_form.helper.form_action = reverse("covenants:status_set", args=[covenant.pk])
    consent_form = consent_form or ConsentForm()
    consent_form.helper.form_action = reverse("covenants:consent_add", args=[covenant.pk])
    context["consent_form"] = consent_form
    context.update({
        "covenant": covenant, "requirement": selectors.requirement_words(covenant),
        "tests": covenant.tests.select_related("certificate").order_by("-certificate__period_end"),
        "obligations": selectors.covenant_obligations(covenant), "step_form": step_form,
        "status_form": status_form, "history": history_rows(covenant),
    })
    return render(request, "covenants/detail.html", context, status=status)


@require_POST
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = _covenant(request, pk, write=True)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.threshold_step_add(covenant=covenant, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Step recorded.")
            return redirect(covenant)
    return _detail(request, covenant, form, StatusForm(), status=400)


@require_POST
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = _covenant(request, pk, write=True)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.covenant_consent_add(covenant=covenant, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Consent recorded; it is tracked as a deadline.")
            return redirect(covenant)
    return _detail(request, covenant, StepForm(), StatusForm(), status=400, consent_form=form)


@require_POST
def status_set(request: HttpRequest, pk: int) -> HttpResponse:
    covenant = _covenant(request, pk, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.covenant_status_set(covenant=covenant, status=form.cleaned_data["status"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Status recorded.")
            return redirect(covenant)
    return _detail(request, covenant, StepForm(), form, status=400)


def fiscal_year_end(request: HttpRequest, pk: int, party_pk: int) -> HttpResponse:
    """The fiscal year end of a party to this matter's covenants (the directory's people edit it)."""
    matter = matter_for_user(request.user, pk, write=True)
    party = get_object_or_404(Party.objects.filter(covenants__matter=matter).distinct(), pk=party_pk)
    current = FiscalYearEnd.objects.filter(party=party).first()
    form = FiscalYearEndForm(request.POST or None, instance=current or FiscalYearEnd(party=party))
    if request.method == "POST" and form.is_valid():
        try:
            services.fiscal_year_end_record(party=party, **{k: form.cleaned_data[k] for k in ("month", "day", "source")})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Fiscal year end recorded; the reports its covenants owe are re-dated.")
            return redirect("covenants:matter_list", matter.pk)
    context = matter_context(request, matter, "Covenants")
    context.update({"form": form, "title": f"Fiscal year end of {party.legal_name}"})
    return render(request, "covenants/form.html", context, status=400 if request.method == "POST" else 200)


def certificate_create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_reporting(request.user, pk)
    form = CertificateForm(request.POST or None, request.FILES or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_record(matter=matter, data=form.service_data(), figures=form.figures(),
                                                      document=form.cleaned_data["document"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            breached = certificate.tests.filter(result="breach").count()
            messages.success(request, f"Certificate recorded: {breached} breach(es); cure deadlines and draft notices "
                                      "of default opened." if breached else "Certificate recorded: every test passes.")
            return redirect(certificate)
    context = matter_context(request, matter, "Covenants")
    context.update({"form": form, "title": "Record a compliance certificate"})
    return render(request, "covenants/form.html", context, status=400 if request.method == "POST" else 200)


def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = object_for_user(request.user, ComplianceCertificate.objects.select_related("matter", "agreement"), pk)
    tests = [(t, selectors.requirement_words(t.covenant), list(selectors.test_obligations(t)))
             for t in certificate.tests.select_related("covenant", "notice_sender", "notice_recipient")]
    context = matter_context(request, certificate.matter, "Covenants")
    context.update({"certificate": certificate, "tests": tests, "history": history_rows(certificate)})
    return render(request, "covenants/certificate.html", context)


def certificate_document(request: HttpRequest, pk: int) -> FileResponse:
    certificate = object_for_user(request.user, ComplianceCertificate.objects.all(), pk)
    if not certificate.document:
        raise Http404("No certificate document uploaded.")
    name = certificate.document.name.rsplit("/", 1)[-1]
    return FileResponse(certificate.document.open("rb"), as_attachment=True, filename=name)


def notice_draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft notice of default as a letter (the Notices letter, from an unsaved notice)."""
    test = object_for_user(request.user, CovenantTest.objects.select_related("certificate__matter", "covenant"), pk,
                           lookup="certificate__matter")
    notice = draft_notice(test)
    if notice is None:
        raise Http404("No draft notice: the test passed or the agreement names no lender.")
    response = HttpResponse(notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="draft-notice-of-default-{test.pk}.pdf"'
    return response
