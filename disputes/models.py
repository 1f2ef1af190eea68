"""A dispute under an agreement's dispute clause, as a workflow: written notice of the dispute (a
Notices notice of kind "Notice of dispute"), a negotiation period counsel dates (a clause such as
the seed's §7.8 says only "a reasonable time"), then a demand for arbitration before the named
forum, with the costs as the clause allocates them; or a resolution at any stage."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.bounds import validate_law_date


class DisputeStage(models.TextChoices):
    NOTICE_GIVEN = "notice_given", "Notice of dispute given"
    NEGOTIATION = "negotiation", "Negotiation period running"
    ARBITRATION = "arbitration", "Arbitration demanded"
    RESOLVED = "resolved", "Resolved"


@pghistory.track()
class Dispute(models.Model):
    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="disputes")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="disputes")
    clause = models.CharField(max_length=50, blank=True, help_text='The dispute clause, e.g. "§7.8"')
    title = models.CharField(max_length=300, help_text="What the dispute is about, in a line")
    description = models.TextField(blank=True)
    raised_by = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+",
                                  help_text="The party that gave written notice of the dispute")
    other_party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey("notices.Notice", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes",
                               help_text="The written notice of the dispute, as recorded in Notices")
    notice_given_on = models.DateField(validators=[validate_law_date],
                                       help_text="The day the notice counts from (from the notice when recorded)")
    stage = models.CharField(max_length=16, choices=DisputeStage.choices, default=DisputeStage.NOTICE_GIVEN)
    negotiation_ends_on = models.DateField(null=True, blank=True, validators=[validate_law_date],
                                           help_text='The end of "a reasonable time" to resolve it, as counsel dates it')
    arbitration_demanded_on = models.DateField(null=True, blank=True, validators=[validate_law_date])
    forum = models.CharField(max_length=400, blank=True, help_text="The forum and rules the clause names")
    successor_forum = models.CharField(max_length=255, blank=True)
    costs = models.CharField(max_length=300, blank=True, help_text="Who bears the costs, as the clause says")
    resolved_on = models.DateField(null=True, blank=True, validators=[validate_law_date])
    resolution = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notice_given_on", "-id"]
        constraints = [
            models.CheckConstraint(name="dispute_not_against_itself", condition=~Q(raised_by=F("other_party"))),
            models.CheckConstraint(
                name="dispute_negotiation_after_notice",
                condition=Q(negotiation_ends_on__isnull=True) | Q(negotiation_ends_on__gte=F("notice_given_on")),
            ),
            models.CheckConstraint(
                name="dispute_arbitration_has_a_date",
                condition=~Q(stage="arbitration") | Q(arbitration_demanded_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", args=[self.pk])
