import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ops.metrics import exposition
from ops.readiness import readiness


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering; touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results = readiness()
    ready = all(result.ok for result in results.values())
    checks = {name: {"state": "ok" if r.ok else "fail", "detail": r.detail} for name, r in results.items()}
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)


def _may_scrape(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())
    user = request.user
    return user.is_authenticated and getattr(user, "is_admin", False)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """For a scraper with the METRICS_TOKEN, or an admin's session; 404 for everyone else."""
    if not _may_scrape(request):
        raise Http404
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
