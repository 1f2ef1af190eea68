from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from core.bounds import BoundedDatesMixin
from registration_rights.models import EventKind, RegistrationRights


class RightsForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = RegistrationRights
        fields = [
            "agreement", "closing_date", "purchase_price", "registrable_securities", "filing_deadline_days", "filing_deadline_date",
            "effectiveness_deadline_days", "effectiveness_deadline_days_if_reviewed", "effectiveness_counted_from",
            "business_day_convention", "maintenance_period", "suspension_days_per_period", "suspension_days_per_year",
            "liquidated_damages_rate", "liquidated_damages_period_days", "liquidated_damages_cap", "damages_payable",
        ]
        widgets = {"closing_date": forms.DateInput(attrs={"type": "date"}), "filing_deadline_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, matter, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save terms"))


class EventForm(BoundedDatesMixin, forms.Form):
    kind = forms.ChoiceField(choices=EventKind.choices)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    memo = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record event"))
