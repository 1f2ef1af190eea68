from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from core.bounds import BoundedDatesMixin
from notes.models import Note
from security_interests.models import AmendmentKind, SecurityInterest

DATE = forms.DateInput(attrs={"type": "date"})


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class SecurityInterestForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = SecurityInterest
        fields = [
            "debtor", "secured_party", "notes", "collateral", "all_assets", "granting_agreement",
            "granting_clause", "clause_reference", "granted_on", "priority", "status",
        ]
        widgets = {
            "collateral": forms.Textarea(attrs={"rows": 3}),
            "granting_clause": forms.Textarea(attrs={"rows": 3}),
            "granted_on": DATE,
        }

    def __init__(self, *args: Any, matter: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["notes"]).queryset = Note.objects.filter(matter=matter)
        agreement = cast(forms.ModelChoiceField, self.fields["granting_agreement"])
        agreement.queryset = Agreement.objects.filter(matter=matter)
        self.helper = _helper("Save")

    def _post_clean(self) -> None:
        # The service validates the model (and the rules across fields) before saving.
        pass


class FinancingStatementForm(BoundedDatesMixin, forms.Form):
    filing_office = forms.CharField(
        max_length=100, help_text="The state; defaults to the debtor's state of organization (UCC 9-307(e))."
    )
    file_number = forms.CharField(max_length=100, help_text="The initial financing statement file number.")
    filing_date = forms.DateField(widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record filing")


class AmendmentForm(BoundedDatesMixin, forms.Form):
    kind = forms.ChoiceField(choices=AmendmentKind.choices)
    filing_date = forms.DateField(widget=DATE)
    file_number = forms.CharField(max_length=100, required=False, label="UCC-3 file number")
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record amendment")


class DemandForm(BoundedDatesMixin, forms.Form):
    termination_demanded_on = forms.DateField(
        widget=DATE, label="Demand received on",
        help_text="The debtor's authenticated demand for a termination statement (UCC 9-513(c)).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record demand")
