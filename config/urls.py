from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("core.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("profile/", include("accounts.urls")),
    path("parties/", include("parties.urls")),
    path("matters/", include("matters.urls")),
    path("agreements/", include("agreements.urls")),
    path("documents/", include("documents.urls")),
    path("notes/", include("notes.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("notices/", include("notices.urls")),
    path("closings/", include("closings.urls")),
    path("security-interests/", include("security_interests.urls")),
    path("registration-rights/", include("registration_rights.urls")),
    path("a/", include("deadlines.action_urls")),
    path("calendar/", include("deadlines.feed_urls")),
    path("api/v1/", include("config.api")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
