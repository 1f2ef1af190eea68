from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.authtoken.models import Token


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user_id=request.user.pk or 0).first()
    return render(request, "accounts/profile.html", {"api_token": token})
