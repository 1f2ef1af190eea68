from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from matters import services, tabs, timeline
from matters.access import can_edit_matter, matter_for_user, require_writer
from matters.forms import MatterForm, MembershipForm, TimelineFilterForm
from matters.models import Matter, MatterStatus, Membership
from matters.selectors import can_manage_members, lead_counsel, matter_history, matter_list


def matter_tabs(matter: Matter) -> list[tuple[str, str]]:
    links = []
    for tab in tabs.tabs():
        try:
            links.append((tab.label, reverse(tab.url_name, args=[matter.pk])))
        except NoReverseMatch:
            continue
    return links


def matter_context(request: HttpRequest, matter: Matter, active: str) -> dict[str, object]:
    """What every matter page shares: the header, the tabs, whether the user may edit."""
    return {
        "matter": matter,
        "matter_tabs": matter_tabs(matter),
        "active_tab": active,
        "can_edit": can_edit_matter(request.user, matter),
    }


def matter_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    matters = matter_list(user=request.user, query=query, status=status)
    page = Paginator(matters, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "matters/list.html",
        {
            "page": page, "q": query, "status": status, "statuses": MatterStatus.choices,
            "can_create": not request.user.is_finance,
        },
    )


def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk)
    context = matter_context(request, matter, "Overview")
    context.update(
        {
            "memberships": matter.memberships.select_related("user"),
            "leads": lead_counsel(matter),
            "member_form": MembershipForm(),
            "can_manage_members": can_manage_members(request.user, matter),
            "history": matter_history(matter),
            "last_seen": (seen := timeline.last_seen(matter, request.user)),
            "unseen": timeline.changes_since(matter, request.user, seen)[:20],
        }
    )
    return render(request, "matters/detail.html", context)


@require_POST
def matter_seen(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter page posts this once it is shown (htmx, on load): a GET never writes."""
    matter = matter_for_user(request.user, pk)
    services.matter_visit_record(matter=matter, user=request.user, at=timezone.now())
    return HttpResponse(status=204)


def matter_create(request: HttpRequest) -> HttpResponse:
    require_writer(request.user)
    form = MatterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            matter = services.matter_create(data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Matter “{matter}” created. You are its lead counsel.")
            return redirect(matter)
    return render(request, "matters/form.html", {"form": form, "title": "New matter"})


def matter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = MatterForm(request.POST or None, instance=matter)
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_update(matter=matter, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Matter saved.")
            return redirect(matter)
    return render(request, "matters/form.html", {"form": form, "title": f"Edit {matter}", "matter": matter})


@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_add(matter=matter, user=form.cleaned_data["user"], role=form.cleaned_data["role"],
                                    by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{form.cleaned_data['user']} added to the matter.")
    else:
        messages.error(request, "Choose a counsel user and a role.")
    return redirect(matter)


@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    matter = matter_for_user(request.user, pk, write=True)
    membership = get_object_or_404(Membership.objects.select_related("matter", "user"), pk=membership_pk, matter=matter)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{membership.user} removed from the matter.")
    return redirect(matter)




def _timeline(request: HttpRequest, pk: int) -> tuple[Matter, timeline.Timeline]:
    matter = matter_for_user(request.user, pk)
    return matter, timeline.timeline(matter, kind=request.GET.get("kind", ""), person=request.GET.get("person", ""))


def matter_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    matter, feed = _timeline(request, pk)
    context = matter_context(request, matter, "Timeline")
    query = request.GET.copy()
    query.pop("page", None)
    context.update({
        "form": TimelineFilterForm(request.GET or None, kinds=feed.kinds, people=feed.people),
        "page": (page := Paginator(feed.rows, 100).get_page(request.GET.get("page"))),
        "history": page.object_list, "query": query.urlencode(),
    })
    return render(request, "matters/timeline.html", context)


def _export_name(matter: Matter, extension: str) -> str:
    return f'attachment; filename="timeline-{matter.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"'


def matter_timeline_csv(request: HttpRequest, pk: int) -> HttpResponse:
    matter, feed = _timeline(request, pk)
    response = HttpResponse(timeline.timeline_csv(matter, feed.rows, request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _export_name(matter, "csv")
    return response


def matter_timeline_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    matter, feed = _timeline(request, pk)
    response = HttpResponse(timeline.timeline_pdf(matter, feed.rows, request.user), content_type="application/pdf")
    response["Content-Disposition"] = _export_name(matter, "pdf")
    return response
