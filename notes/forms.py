from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from core.bounds import BoundedDatesMixin
from notes.models import Bucket, Note, NoteTransaction, ScheduleKind, ScheduleMethod
from notes.models import MarginRatio as NoteMarginRatio
from notes.schedule import MAX_ROWS, Scheduled, read_table
from parties.models import Party


class PaymentOrderField(forms.CharField):
    """The order payments are applied in, typed and shown in words: "costs, late charges, fees,
    interest, principal"."""

    WORDS = {label.replace(" ", ""): value for value, label in Bucket.choices}

    def __init__(self, *, base_field: Any = None, size: Any = None, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(Bucket(item).label for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        if isinstance(text, list):
            return text
        order = []
        for word in (w.strip().lower() for w in str(text).replace(" then ", ",").split(",")):
            key = word.replace(" ", "").removesuffix("s")
            match = self.WORDS.get(key) or self.WORDS.get(key + "s")
            if word and match is None:
                raise forms.ValidationError(f'"{word}" is not one of: ' + ", ".join(label for _, label in Bucket.choices) + ".")
            if match:
                order.append(match)
        return order


class NoteForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Note
        fields = [
            "title", "agreement", "issuer", "holder", "principal", "purchase_price", "currency", "issue_date",
            "maturity_date", "facility", "commitment", "availability_end", "commitment_fee_rate", "fee_day_count", "interest_rate", "rate_index",
            "spread", "rate_floor", "rate_cap", "day_count", "compounding_months", "compounding_anchor", "default_rate", "default_spread", "payment_terms",
            "payment_frequency_months", "interest_anchor", "business_day_convention", "accrue_to_adjusted",
            "rate_reset", "lookback_days", "pik", "annual_fee", "prepayment_premium", "late_charge_percent",
            "late_charge_grace_days", "payment_order", "secured", "collateral_summary",
        ]
        labels = {"interest_rate": "Fixed interest rate (% a year)", "rate_index": "Floating rate index",
                  "spread": "Spread over the index (% a year)", "rate_floor": "Floor (% a year)",
                  "rate_cap": "Cap (% a year)", "availability_end": "Availability ends",
                  "prepayment_premium": "Prepayment premium (% by loan year)", "late_charge_percent": "Late charge (%)",
                  "late_charge_grace_days": "Late charge grace period (days)", "annual_fee": "Annual facility fee",
                  "payment_order": "Payments are applied to"}
        field_classes = {"payment_order": PaymentOrderField}
        widgets = {
            "availability_end": forms.DateInput(attrs={"type": "date"}),
            "compounding_anchor": forms.DateInput(attrs={"type": "date"}),
            "interest_anchor": forms.DateInput(attrs={"type": "date"}),
            "issue_date": forms.DateInput(attrs={"type": "date"}),
            "maturity_date": forms.DateInput(attrs={"type": "date"}),
            "collateral_summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save note"))

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        for field in ("principal", "purchase_price"):
            if data.get(field) is not None and data[field] <= 0:
                self.add_error(field, "Must be greater than zero.")
        if data.get("issue_date") and data.get("maturity_date") and data["maturity_date"] <= data["issue_date"]:
            self.add_error("maturity_date", "The maturity date must be after the issue date.")
        if data.get("commitment") is not None and data["commitment"] <= 0:
            self.add_error("commitment", "Must be greater than zero.")
        return data


class TransactionForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = NoteTransaction
        fields = ["kind", "date", "amount", "fee_type", "rate", "new_holder", "from_lender", "share", "consent_evidence",
                  "reference", "memo"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "consent_evidence": forms.Textarea(attrs={"rows": 2}),
                   "memo": forms.Textarea(attrs={"rows": 2})}
        labels = {"fee_type": "Which fee (fees charged)", "rate": "New rate (% a year)", "new_holder": "New holder (transfer) or assignee",
                  "from_lender": "Assigning lender", "share": "Share assigned (% of the facility)"}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record transaction"))


class ScheduleTableForm(forms.Form):
    """An annex's amortization table, pasted: one `date,amount` per line."""

    rows = forms.CharField(widget=forms.Textarea(attrs={"rows": 5, "placeholder": "2026-03-31,250000.00"}),
                           max_length=100_000, label="Rows (one per line: YYYY-MM-DD,0.00)")
    kind = forms.ChoiceField(choices=ScheduleKind.choices, initial=ScheduleKind.AMORTIZATION, label="Payments are")
    annex = forms.CharField(max_length=100, required=False, label="From (e.g. Annex A)")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("prefix", "table")  # the note page also has the transaction form's `kind`
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Replace the schedule"))

    def clean_rows(self) -> list[Scheduled]:
        rows, errors = read_table(self.cleaned_data["rows"])
        if errors:
            raise forms.ValidationError(errors)
        return rows


class ScheduleGenerateForm(BoundedDatesMixin, forms.Form):
    method = forms.ChoiceField(choices=ScheduleMethod.choices)
    first_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="First payment on")
    months = forms.TypedChoiceField(coerce=int, choices=[(1, "Monthly"), (3, "Quarterly"), (6, "Semi-annually"),
                                                         (12, "Annually")], label="Every")
    count = forms.IntegerField(min_value=1, max_value=MAX_ROWS, label="Number of payments")
    amortize_over = forms.IntegerField(min_value=2, max_value=MAX_ROWS, required=False,
                                       label="Balloon: amortize over (payments)")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("prefix", "generate")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Generate the schedule"))


class LenderShareForm(forms.Form):
    lender = forms.ModelChoiceField(queryset=Party.objects.order_by("legal_name"))
    share = forms.DecimalField(max_digits=9, decimal_places=6, min_value=Decimal("0.000001"), max_value=Decimal(100),
                               label="Share at issue (%)")


LenderFormSet = forms.formset_factory(LenderShareForm, extra=4, max_num=50, absolute_max=50)


def lender_formset_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class MarginLevelForm(forms.Form):
    name = forms.CharField(max_length=50, required=False, label="Level", help_text='e.g. "Level II"')
    ratio_from = forms.DecimalField(max_digits=12, decimal_places=4, required=False, label="Ratio from (at least)")
    ratio_below = forms.DecimalField(max_digits=12, decimal_places=4, required=False, label="Ratio below")
    margin = forms.DecimalField(max_digits=9, decimal_places=6, min_value=Decimal(-100), max_value=Decimal(100),
                                label="Margin (%)")


MarginLevelFormSet = forms.formset_factory(MarginLevelForm, extra=5, max_num=20, absolute_max=20)


class MarginRatioForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = NoteMarginRatio
        fields = ["effective_date", "ratio", "source"]
        labels = {"effective_date": "Margin changes from", "ratio": "Reported ratio"}
        widgets = {"effective_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record the ratio", css_class="btn-sm"))
