from bisect import bisect_right

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q


class TextStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be read"
    RUNNING = "running", "Being read"
    DONE = "done", "Read"
    FAILED = "failed", "Could not be read"


class DocumentText(models.Model):
    """The text read from one uploaded document version: read once, kept with its page offsets."""

    document = models.OneToOneField("agreements.Document", on_delete=models.CASCADE, related_name="text")
    status = models.CharField(max_length=16, choices=TextStatus.choices, default=TextStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    extractor = models.CharField(max_length=32, blank=True, help_text='e.g. "pdf", "pdf+ocr", "docx", "html", "txt"')
    ocr = models.BooleanField(default=False, help_text="At least one page had no text layer and was read by OCR")
    text = models.TextField(blank=True)
    page_starts = ArrayField(models.PositiveIntegerField(), default=list, blank=True,
                             help_text="Character offset where each page begins; page n starts at page_starts[n-1]")
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="document_text_progress_percent", condition=Q(progress__lte=100)),
            models.CheckConstraint(
                name="document_text_error_only_when_failed", condition=Q(status="failed") | Q(error=""),
            ),
        ]
        indexes = [
            models.Index(fields=["claimed_at"], name="document_text_unfinished",
                         condition=Q(status__in=["pending", "running"])),
        ]

    def __str__(self) -> str:
        return f"Text of {self.document} ({self.status})"

    def page_at(self, offset: int) -> int:
        """The 1-based page holding character `offset`."""
        return max(1, bisect_right(self.page_starts, offset))


class SectionKind(models.TextChoices):
    PREAMBLE = "preamble", "Preamble"
    ARTICLE = "article", "Article"
    SECTION = "section", "Section"
    SUBSECTION = "subsection", "Subsection"
    EXHIBIT = "exhibit", "Exhibit"
    SCHEDULE = "schedule", "Schedule"


class Section(models.Model):
    """A numbered part of a document's text. `start`..`end` spans the part with its subparts;
    `start`..`body_end` is its own words up to the next heading (what search indexes)."""

    document_text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=16, choices=SectionKind.choices)
    number = models.CharField(max_length=40, blank=True, help_text='e.g. "VII", "7.2", "7.2(b)", "A"')
    heading = models.CharField(max_length=300, blank=True)
    depth = models.PositiveSmallIntegerField()
    start = models.PositiveIntegerField()
    body_end = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        ordering = ["start", "depth"]
        constraints = [
            models.CheckConstraint(name="section_offsets_ordered",
                                   condition=Q(start__lte=F("body_end")) & Q(body_end__lte=F("end"))),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="section_search_vector")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == SectionKind.PREAMBLE:
            return "Preamble"
        if self.kind in (SectionKind.ARTICLE, SectionKind.EXHIBIT, SectionKind.SCHEDULE):
            return f"{self.get_kind_display()} {self.number}"
        return f"§{self.number}"

    @property
    def anchor(self) -> str:
        return f"s{self.pk}"


class DefinedTerm(models.Model):
    """A term the document defines ("Closing" means ... / (the "Note")), where it is defined."""

    document_text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="defined_terms")
    term = models.CharField(max_length=120)
    start = models.PositiveIntegerField(help_text="Offset of the term inside its quotation marks")
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["document_text", "term"], name="defined_term_once")]

    def __str__(self) -> str:
        return self.term


class FindingKind(models.TextChoices):
    AMOUNT_WORDS_MISMATCH = "amount_words_mismatch", "Amount in words disagrees with its numerals"
    UNDEFINED_TERM = "undefined_term", "Term used but never defined"
    UNUSED_DEFINITION = "unused_definition", "Term defined but never used"
    DOUBLE_DEFINITION = "double_definition", "Term defined twice"
    BROKEN_CROSS_REFERENCE = "broken_cross_reference", "Reference to a part that does not exist"
    ENUMERATION_GAP = "enumeration_gap", "Gap or duplicate in a list"
    PARTY_NAME_INCONSISTENT = "party_name_inconsistent", "Party named inconsistently"
    IMPOSSIBLE_DATE = "impossible_date", "Date that does not exist"
    WEEKDAY_MISMATCH = "weekday_mismatch", "Weekday that does not match its date"


class Finding(models.Model):
    """A proofreading finding in one document version's text, computed when the text is read."""

    document_text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=32, choices=FindingKind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    line = models.PositiveIntegerField(help_text="1-based line of the text where the finding starts")
    words = models.TextField(help_text="The words the finding is about")
    message = models.TextField()

    class Meta:
        ordering = ["start", "kind"]
        constraints = [
            models.CheckConstraint(name="finding_offsets_ordered", condition=Q(start__lte=F("end"))),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at line {self.line}"

    @property
    def anchor(self) -> str:
        return f"f{self.pk}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    EDITED = "edited", "Accepted as edited"
    REJECTED = "rejected", "Rejected"


@pghistory.track()
class ProposedTerm(models.Model):
    """One value proposed from a document version's text (documents.extraction), with the words it
    came from, until counsel accepts, edits or rejects it."""

    document_text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="proposals")
    path = models.CharField(max_length=80, help_text='The key path in the proposal, e.g. "governing_law", "parties.0"')
    value = models.JSONField(null=True, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    section = models.CharField(max_length=40, blank=True)
    quote = models.TextField(blank=True)
    confidence = models.DecimalField(max_digits=3, decimal_places=2)
    status = models.CharField(max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decided_value = models.JSONField(null=True, blank=True, help_text="The value counsel accepted (edited or not)")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "path"]
        constraints = [
            models.UniqueConstraint(fields=["document_text", "path"], name="proposed_term_once_per_path"),
            models.CheckConstraint(name="proposed_term_offsets_ordered", condition=Q(start__lte=F("end"))),
            models.CheckConstraint(name="proposed_term_confidence_0_1", condition=Q(confidence__gte=0, confidence__lte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.path}: {self.value}"
