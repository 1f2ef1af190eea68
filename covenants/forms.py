from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from core.bounds import BoundedDatesMixin
from covenants.models import (
    ComplianceCertificate,
    Covenant,
    CovenantConsent,
    CovenantKind,
    CovenantStatus,
    ThresholdStep,
)
from covenants.selectors import requirement_words
from deadlines.models import FiscalYearEnd
from deadlines.selectors import people_for_matter
from parties.models import Party

FIGURE_PREFIX = "figure_"
DATE = {"type": "date"}


class CovenantForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Covenant
        fields = ["agreement", "kind", "title", "clause", "text", "party", "mutual", "status", "metric", "operator", "threshold",
                  "unit", "currency", "basis", "frequency", "first_period_end", "last_period_end", "deliverable",
                  "days_after_period", "days_after_year_end", "delivered_after", "days_after_delivery", "cure_days",
                  "cure_business_days", "cure_from", "cure_clause", "responsible_people"]
        labels = {
            "kind": "What kind of covenant", "operator": "Must be", "threshold": "Threshold",
            "unit": "Measured as", "frequency": "Tested or reported", "deliverable": "Report owed",
            "days_after_period": "Due days after each period end", "days_after_year_end": "Due days after the fiscal year end",
            "delivered_after": "Or dated from another report", "days_after_delivery": "Days after that report",
            "cure_days": "Cure period (days)", "cure_business_days": "Count business days", "cure_from": "Counted from",
            "cure_clause": "Cure clause", "status": "Status (affirmative, negative and post-closing covenants)",
        }
        widgets = {"first_period_end": forms.DateInput(attrs=DATE), "last_period_end": forms.DateInput(attrs=DATE),
                   "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, matter, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.fields["party"].queryset = Party.objects.filter(agreement_roles__agreement__matter=matter).distinct()
        self.fields["delivered_after"].queryset = Covenant.objects.filter(matter=matter, kind=CovenantKind.REPORTING)
        self.fields["responsible_people"].queryset = people_for_matter(matter)
        self.fields["operator"].required = False
        if self.instance.pk:  # editing: the kind and the agreement stay
            self.fields["kind"].disabled = self.fields["agreement"].disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save covenant"))


class ConsentForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = CovenantConsent
        fields = ["description", "from_whom", "due_date", "obtained_on", "evidence"]
        labels = {"description": "Consent to obtain", "from_whom": "From", "due_date": "To obtain by"}
        widgets = {"due_date": forms.DateInput(attrs=DATE), "obtained_on": forms.DateInput(attrs=DATE)}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Add the consent"))


class StepForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = ThresholdStep
        fields = ["effective_from", "threshold"]
        labels = {"effective_from": "From the test date", "threshold": "The threshold is"}
        widgets = {"effective_from": forms.DateInput(attrs=DATE)}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Add the step"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=CovenantStatus.choices, label="Status")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Set the status"))


class CertificateForm(BoundedDatesMixin, forms.ModelForm):
    """The certificate as delivered, and one reported figure per financial covenant of the matter."""

    document = forms.FileField(required=False, label="The certificate (PDF, DOCX or TXT)")

    class Meta:
        model = ComplianceCertificate
        fields = ["agreement", "period_end", "delivered_on", "signed_by", "notes"]
        labels = {"period_end": "For the fiscal period ended", "delivered_on": "Delivered on"}
        widgets = {"period_end": forms.DateInput(attrs=DATE), "delivered_on": forms.DateInput(attrs=DATE),
                   "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, matter, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.covenants = {c.pk: c for c in Covenant.objects.filter(matter=matter, kind=CovenantKind.FINANCIAL)}
        for pk, covenant in self.covenants.items():
            self.fields[f"{FIGURE_PREFIX}{pk}"] = forms.DecimalField(
                required=False, max_digits=24, decimal_places=4, label=f"{covenant.title} as reported",
                help_text=f"{covenant.agreement}: {requirement_words(covenant)}. Leave empty if not reported.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record the certificate"))

    def figures(self) -> list[tuple[Covenant, Decimal]]:
        return [(self.covenants[pk], self.cleaned_data[f"{FIGURE_PREFIX}{pk}"]) for pk in self.covenants
                if self.cleaned_data.get(f"{FIGURE_PREFIX}{pk}") is not None]

    def service_data(self) -> dict:  # type: ignore[type-arg]
        return {k: self.cleaned_data[k] for k in ("agreement", "period_end", "delivered_on", "signed_by", "notes")}


class FiscalYearEndForm(forms.ModelForm):
    class Meta:
        model = FiscalYearEnd
        fields = ["month", "day", "source"]
        labels = {"month": "Fiscal year ends in", "day": "On day"}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save the fiscal year end"))
