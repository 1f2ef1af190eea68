from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from accounts.forms import AdminPasswordChangeForm
from accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminPasswordChangeForm
    list_display = ("username", "email", "role", "company", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Covenant", {"fields": ("role", "company", "time_zone")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Covenant", {"fields": ("role", "company")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are made and revoked by their users on the profile page."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at",
                       "made_through_sso")
    exclude = ("key_digest", "use_logged_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
