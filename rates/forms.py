from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.bounds import BoundedDatesMixin
from deadlines.calendars import NY_BANKS, NY_STATE, US_FEDERAL, WEEKENDS
from rates import csv_import
from rates.models import RateIndex, validate_rate
from rates.rules import MAX_LOOKBACK_DAYS


def _helper(label: str, method: str = "post") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    helper.add_input(Submit("submit", label))
    return helper


class RateIndexForm(forms.ModelForm):
    class Meta:
        model = RateIndex
        fields = ["name", "kind", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save")

    def _post_clean(self) -> None:
        """The service validates the index, and says at the field when the name is taken."""


def _rate_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=9, decimal_places=6, required=required, validators=[validate_rate],
        help_text=help_text,
    )


class RateValueForm(BoundedDatesMixin, forms.Form):
    effective_date = forms.DateField(label="Effective from", widget=forms.DateInput(attrs={"type": "date"}))
    rate = _rate_field("Rate (% a year)", help_text="7.25 is 7.25%. Recording a date again replaces its rate.")
    source_note = forms.CharField(label="Source", max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record value")


class RateImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            f"A header line date,rate then one value per line, e.g. 2024-09-19,8.00 or 9/19/2024,8%. "
            f"At most {csv_import.MAX_LINES:,} lines. Nothing is imported unless every line is good."
        ),
    )
    source_note = forms.CharField(label="Source", max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Import")


CALENDARS = [
    (NY_BANKS, "New York banks (Federal Reserve holidays)"),
    (US_FEDERAL, "U.S. federal government"),
    (NY_STATE, "New York State"),
    (WEEKENDS, "Weekends only"),
]


class RateLookupForm(BoundedDatesMixin, forms.Form):
    """The rate on a day, with the spread, floor and cap an agreement sets (percent a year)."""

    day = forms.DateField(label="On", widget=forms.DateInput(attrs={"type": "date"}))
    spread = _rate_field("Spread (% a year)", required=False, help_text="Negative for \"prime minus\": -1.00")
    floor = _rate_field("Floor (% a year)", required=False)
    cap = _rate_field("Cap (% a year)", required=False)
    lookback = forms.IntegerField(
        label="Lookback (business days)", required=False, min_value=0, max_value=MAX_LOOKBACK_DAYS,
        help_text="For term rates fixed before the period starts; leave empty for the rate on the day.",
    )
    calendar = forms.ChoiceField(label="Business-day calendar", choices=CALENDARS, initial=NY_BANKS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("Look up", method="get")
