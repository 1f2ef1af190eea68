"""Django's password forms with two additions: reset emails are capped per account and per
requesting address, and a new password revokes the user's API tokens."""

from typing import Any

from allauth.account import forms as allauth_forms
from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.http import HttpRequest

from accounts.models import SecurityEventKind
from accounts.services import password_reset_email_claim, user_tokens_revoke


class PasswordResetForm(auth_forms.PasswordResetForm):
    requester: str | None = None

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]  # Django calls it with keywords
        request: HttpRequest | None = kwargs.get("request")
        # The same address django-axes sees, so a proxy setting configures both alike.
        self.requester = get_client_ip_address(request) if request is not None else None
        super().save(**kwargs)

    def send_mail(self, subject_template_name: str, email_template_name: str, context: dict[str, Any],
                  from_email: str | None, to_email: str, html_email_template_name: str | None = None) -> None:
        # Past the limit nothing is sent, and the page answers exactly as it does for a send.
        if password_reset_email_claim(user=context["user"], requester=self.requester):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)


class RevokesTokensOnSave:
    @transaction.atomic
    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)  # type: ignore[misc]
        user_tokens_revoke(user=user)
        return user


class PasswordChangeForm(RevokesTokensOnSave, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(RevokesTokensOnSave, auth_forms.SetPasswordForm):
    pass


class AdminPasswordChangeForm(RevokesTokensOnSave, auth_forms.AdminPasswordChangeForm):
    pass


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in form with its field named `username`, as on every login form before it
    (password managers and scripts that fill the field keep working)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = dict(self.fields)  # type: ignore[has-type]  # allauth is untyped
        self.fields = {("username" if name == "login" else name): field for name, field in fields.items()}

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip()

    def user_credentials(self) -> dict[str, Any]:
        self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().user_credentials()


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="What it is for", help_text="For example: the monthly report script.")
    days = forms.IntegerField(min_value=1, max_value=365, initial=90, label="Lasts (days)")


class SecurityLogFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Every kind"), *SecurityEventKind.choices], required=False, label="What happened")
    person = forms.CharField(max_length=150, required=False, label="User name contains")
