from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user_id=request.user.pk or 0).first()
    return render(request, "accounts/profile.html", {"api_token": token})


@require_http_methods(["GET", "HEAD", "POST"])
def not_here(request: HttpRequest) -> HttpResponse:
    raise Http404("Not a Covenant page.")
