"""The JSON API at /api/v1/: one router; each app adds its viewsets in `<app>/api.py:register`."""

from importlib import import_module

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts.api import token_obtain
from matters.api import MatterViewSet
from parties.api import PartyViewSet

DOMAIN_APPS = (
    "agreements", "notes", "deadlines", "notices", "closings", "security_interests",
    "registration_rights", "rates", "covenants", "representations", "disputes", "documents",
)

router = DefaultRouter()
router.register("matters", MatterViewSet, basename="matter")
router.register("parties", PartyViewSet, basename="party")
for app in DOMAIN_APPS:
    import_module(f"{app}.api").register(router)

urlpatterns = [
    path("auth/token/", token_obtain, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script.
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
         name="api-docs"),
    path("", include(router.urls)),
]
