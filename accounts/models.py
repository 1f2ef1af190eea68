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
