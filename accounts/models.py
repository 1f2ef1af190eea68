import pghistory
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    COUNSEL = "counsel", "Counsel"
    FINANCE = "finance", "Finance"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["password", "last_login"],
)
class User(AbstractUser):
    """A person who logs in. Counsel record; finance users (the CFO) read their company's matters."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.COUNSEL)
    company = models.ForeignKey(
        "parties.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finance_users",
        help_text="For finance users: the client company whose matters they may read.",
    )
    time_zone = models.CharField(max_length=64, default="America/New_York")

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="finance_user_has_company",
                condition=~models.Q(role="finance") | models.Q(company__isnull=False),
            ),
        ]

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_counsel(self) -> bool:
        return self.role == Role.COUNSEL

    @property
    def is_finance(self) -> bool:
        return self.role == Role.FINANCE and not self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class PasswordResetEmail(models.Model):
    """One password-reset email sent: counted to cap how many an account, or an address, gets."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_reset_emails")
    requester = models.GenericIPAddressField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "sent_at"]),
            models.Index(fields=["requester", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"Password reset for {self.user_id} at {self.sent_at:%Y-%m-%d %H:%M}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), exclude=["key_digest", "last_used_at", "use_logged_at"])
class ApiToken(models.Model):
    """An API key. Only its SHA-256 is stored: the key is shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="The key's first characters, to tell keys apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_logged_at = models.DateTimeField(null=True, blank=True, help_text="When a use last went into the security log.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    made_through_sso = models.BooleanField(
        default=False, help_text="Made in a single sign-on session, which meets the two-factor policy by itself.")

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SecurityEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
    SIGNED_OUT = "signed_out", "Signed out"
    TWO_FACTOR_ADDED = "two_factor_added", "Two-factor method added"
    TWO_FACTOR_REMOVED = "two_factor_removed", "Two-factor method removed"
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", "Recovery codes renewed"
    TWO_FACTOR_FAILED = "two_factor_failed", "Two-factor code refused"
    TOKEN_CREATED = "token_created", "API token created"
    TOKEN_REVOKED = "token_revoked", "API token revoked"
    TOKEN_USED = "token_used", "API token used"
    DOWNLOAD = "download", "File downloaded or exported"


@pghistory.track(pghistory.InsertEvent())
class SecurityEvent(models.Model):
    """One line of the security log. Written once, never changed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=32, choices=SecurityEventKind.choices)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="security_events")
    username = models.CharField(max_length=150, blank=True, help_text="The name given, for failed sign-ins.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.at:%Y-%m-%d %H:%M}"
