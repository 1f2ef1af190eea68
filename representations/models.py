"""The representations and warranties of an agreement, as a register: who gives each, to whom,
its words, how long it survives (if the agreement says), whether it is brought down at closing by
certificate, and the breaches counsel flag (each with the draft notice of breach it opens)."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

NOT_STATED = "not stated"


class RepresentationStatus(models.TextChoices):
    STANDING = "standing", "No breach flagged"
    BREACH_FLAGGED = "breach_flagged", "Breach flagged (review with counsel)"


@pghistory.track()
class Representation(models.Model):
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="representations")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="representations")
    clause = models.CharField(max_length=50, help_text='Where the agreement says it, e.g. "§4.1"')
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="representations_given",
                              verbose_name="Given by")
    given_to = models.ForeignKey("parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 help_text="Empty: the other parties to the agreement")
    title = models.CharField(max_length=300, help_text='The heading, e.g. "Due Organization and Qualification"')
    text = models.TextField(help_text="The representation's words")
    survival = models.CharField(max_length=300, blank=True,
                                help_text='How long it survives, as the agreement says; empty: not stated')
    brought_down_by_certificate = models.BooleanField(
        default=False, verbose_name="Brought down at closing by certificate",
        help_text="An officer's certificate at closing repeats it as of the closing date")
    status = models.CharField(max_length=16, choices=RepresentationStatus.choices, default=RepresentationStatus.STANDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "clause"], name="representation_once_per_section"),
            models.CheckConstraint(name="representation_clause_not_blank", condition=~Q(clause="")),
        ]

    def __str__(self) -> str:
        return f"{self.clause} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("representations:detail", args=[self.pk])

    @property
    def survival_words(self) -> str:
        return self.survival or NOT_STATED


@pghistory.track()
class BreachFlag(models.Model):
    """Counsel's flag that a representation was untrue when made, and the draft notice of breach it
    opens (held here until counsel sends it through Notices)."""

    representation = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="breaches")
    description = models.TextField(help_text="What was untrue, and how counsel learned of it")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    flagged_at = models.DateTimeField(auto_now_add=True)
    notice_sender = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    notice_recipient = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    notice_subject = models.CharField(max_length=300)
    notice_body = models.TextField()

    class Meta:
        ordering = ["-flagged_at", "-id"]

    def __str__(self) -> str:
        return f"Breach of {self.representation} flagged {self.flagged_at:%B %-d, %Y}"

    def get_absolute_url(self) -> str:
        return reverse("representations:detail", args=[self.representation_id])
