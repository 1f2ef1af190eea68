from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("core.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("profile/", include("accounts.urls")),
    path("parties/", include("parties.urls")),
    path("matters/", include("matters.urls")),
    path("agreements/", include("agreements.urls")),
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

# No route serves MEDIA_ROOT, in any mode: every upload is downloaded through a view that checks
# the user's access to its matter (agreements' document_download, closings' binder_download).
