"""A URL whose view fails, for the error-reporting test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urls


class LedgerOutOfBalance(Exception):
    pass


def failing(request: HttpRequest) -> HttpResponse:
    raise LedgerOutOfBalance("principal 1,000.00 != advances 900.00 - repaid 0.00")


urlpatterns = [path("fails/", failing), *project_urls]
