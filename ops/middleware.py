import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from ops.metrics import REQUEST_LATENCY

# Any other method is counted as "other", so a client cannot create label values at will.
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestLatencyMiddleware:
    """Observes every request's duration, labelled by the view it resolved to. Unresolved requests
    (404s, redirects before routing) share one label so random paths cannot grow the series."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unresolved"
        method = request.method if request.method in KNOWN_METHODS else "other"
        REQUEST_LATENCY.labels(view=view, method=method, status=str(response.status_code)).observe(
            time.perf_counter() - started
        )
        return response
