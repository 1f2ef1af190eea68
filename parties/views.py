from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.forms import apply_validation_error
from core.history import history_rows
from matters.access import READ_ONLY, can_edit_directory
from parties import services
from parties.filters import PartyFilter
from parties.forms import NoticeAddressForm, PartyForm, PersonForm
from parties.models import NoticeAddress, Party, Person
from parties.selectors import current_address, party_list


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_directory(request.user):
        raise PermissionDenied(READ_ONLY)


def party_index(request: HttpRequest) -> HttpResponse:
    filterset = PartyFilter(request.GET, queryset=party_list(user=request.user))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(party, current_address(party, today)) for party in page.object_list]
    return render(
        request,
        "parties/list.html",
        {"filter": filterset, "page": page, "rows": rows, "can_edit": can_edit_directory(request.user)},
    )


def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(party_list(user=request.user), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "parties/detail.html",
        {
            "party": party,
            "current": current_address(party, today),
            "addresses": party.notice_addresses.all(),
            "people": party.people.all(),
            "history": history_rows(party),
            "can_edit": can_edit_directory(request.user),
        },
    )


def party_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = PartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            party = services.party_create(data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Added {party}. Add its notice address next.")
            return redirect("parties:address_add", pk=party.pk)
    return render(request, "parties/form.html", {"form": form, "title": "New party"})


def party_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    party = get_object_or_404(Party, pk=pk)
    form = PartyForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_update(party=party, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Saved {party}.")
            return redirect(party)
    return render(request, "parties/form.html", {"form": form, "title": f"Edit {party}", "party": party})


def address_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    party = get_object_or_404(Party, pk=pk)
    form = NoticeAddressForm(request.POST or None, initial={"effective_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_address_add(party=party, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Notice address added; the previous one is kept in the history.")
            return redirect(party)
    return render(
        request, "parties/form.html",
        {"form": form, "title": f"New notice address for {party}", "party": party},
    )


def address_edit(request: HttpRequest, pk: int, address_pk: int) -> HttpResponse:
    _require_editor(request)
    address = get_object_or_404(NoticeAddress, pk=address_pk, party_id=pk)
    form = NoticeAddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_address_update(address=address, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Notice address saved.")
            return redirect(address.party)
    return render(
        request, "parties/form.html",
        {"form": form, "title": f"Edit notice address of {address.party}", "party": address.party},
    )


def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    party = get_object_or_404(Party, pk=pk)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_create(party=party, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Person added.")
            return redirect(party)
    return render(request, "parties/form.html", {"form": form, "title": f"New person for {party}", "party": party})


def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    _require_editor(request)
    person = get_object_or_404(Person, pk=person_pk, party_id=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, data=form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Person saved.")
            return redirect(person.party)
    return render(request, "parties/form.html", {"form": form, "title": f"Edit {person}", "party": person.party})
