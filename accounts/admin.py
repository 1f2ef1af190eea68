from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.forms import AdminPasswordChangeForm
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminPasswordChangeForm
    list_display = ("username", "email", "role", "company", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Covenant", {"fields": ("role", "company", "time_zone")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Covenant", {"fields": ("role", "company")}))
