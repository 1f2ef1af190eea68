import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.bounds import validate_law_date
from core.forms import apply_validation_error
from core.history import history_rows
from deadlines import ics, services
from deadlines.forms import CloseForm, ObligationForm
from deadlines.models import Obligation
from deadlines.selectors import matter_obligations, my_deadlines, obligations_for
from matters.access import matter_for_user, object_for_user
from matters.views import matter_context


def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "deadlines/mine.html", {"buckets": my_deadlines(request.user, today), "today": today})


def month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        first = date(int(request.GET.get("year", today.year)), int(request.GET.get("month", today.month)), 1)
        validate_law_date(first)  # year 9999 or year 1 would overflow the weeks around the month
    except (ValueError, ValidationError):
        first = today.replace(day=1)
    weeks = calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month)
    rows = obligations_for(request.user).filter(due_date__gte=weeks[0][0], due_date__lte=weeks[-1][-1])
    by_day: dict[date, list[Obligation]] = {}
    for obligation in rows:
        by_day.setdefault(obligation.due_date, []).append(obligation)  # type: ignore[arg-type]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return render(request, "deadlines/month.html", {
        "first": first, "weeks": [[(d, by_day.get(d, [])) for d in week] for week in weeks],
        "previous": previous, "following": following, "today": today,
    })


def matter_list(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Deadlines")
    context["obligations"] = matter_obligations(matter, timezone.localdate())
    return render(request, "deadlines/matter_list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = object_for_user(request.user, Obligation.objects.select_related("matter", "responsible_party", "completed_by", "trigger"), pk)
    context = matter_context(request, obligation.matter, "Deadlines")
    context.update({
        "obligation": obligation, "deliveries": obligation.deliveries.order_by("-created_at")[:100],
        "history": history_rows(obligation), "close_form": CloseForm(),
        "assignees": obligation.assignees.all(), "watchers": obligation.watchers.all(),
        "chain": services.trigger_chain(obligation),
    })
    return render(request, "deadlines/detail.html", context)


def create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = ObligationForm(request.POST or None, matter=matter)
    if request.method == "POST" and form.is_valid():
        try:
            obligation = services.obligation_create(matter=matter, data=dict(form.cleaned_data), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Deadline saved. Reminders go out by its policy.")
            return redirect(obligation)
    context = matter_context(request, matter, "Deadlines")
    context.update({"form": form, "title": "New deadline"})
    return render(request, "deadlines/form.html", context)


@require_POST
def close(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obligation = object_for_user(request.user, Obligation.objects.select_related("matter"), pk, write=True)
    form = CloseForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if action == "waive":
            services.obligation_waive(obligation=obligation, by=request.user, comment=data.get("comment", ""), evidence=data.get("evidence", ""))
        else:
            services.obligation_complete(obligation=obligation, by=request.user, evidence=data.get("evidence", ""), comment=data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Deadline marked done." if action != "waive" else "Deadline waived.")
    return redirect(obligation)


def download_ics(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = object_for_user(request.user, Obligation.objects.select_related("matter"), pk)
    response = HttpResponse(ics.calendar_for([obligation]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deadline-{obligation.pk}.ics"'
    return response
