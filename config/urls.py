from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path, re_path

from accounts.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from accounts.views import not_here

# The admin's own login form would skip the second factor: it sends people to allauth's instead.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("core.urls")),
    path("", include("ops.urls")),
    # Django's password views with Covenant's forms (reset emails capped, tokens revoked).
    path("accounts/password_change/",
         auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm), name="password_change"),
    path("accounts/password_reset/",
         auth_views.PasswordResetView.as_view(form_class=PasswordResetForm), name="password_reset"),
    path("accounts/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
         name="password_reset_confirm"),
    # allauth's sign-up, email and password pages are not Covenant's: admins make accounts and
    # set emails, and the password pages above cap reset emails and revoke tokens.
    re_path(r"^accounts/(?:signup|email|password|confirm-email|phone|inactive)/", not_here),
    # allauth: log in and out, two-factor (/accounts/2fa/), single sign-on (/accounts/oidc/).
    path("accounts/", include("allauth.urls")),
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
    path("covenants/", include("covenants.urls")),
    path("representations/", include("representations.urls")),
    path("disputes/", include("disputes.urls")),
    path("rates/", include("rates.urls")),
    path("a/", include("deadlines.action_urls")),
    path("calendar/", include("deadlines.feed_urls")),
    path("api/v1/", include("config.api")),
    path("admin/", admin.site.urls),
]

# No route serves MEDIA_ROOT, in any mode: every upload is downloaded through a view that checks
# the user's access to its matter (agreements' document_download, closings' binder_download).
