from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from closings.models import Closing, Deliverable, DeliverableKind, DeliverableStatus
from core.bounds import BoundedDatesMixin


class ClosingForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Closing
        fields = ["agreements", "scheduled_at", "time_zone", "place", "place_party", "simultaneous_with_signing", "clause"]
        widgets = {"scheduled_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreements"].queryset = matter.agreements.all() if matter else Closing.objects.none()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save closing"))


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = ["description", "kind", "from_party", "to_party", "amount", "wire_reference", "required",
                  "days_after_closing", "clause", "comments"]
        labels = {"days_after_closing": "Days after closing (post-closing items)"}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Add deliverable"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("outstanding", "Outstanding"), ("received", "Received"), ("waived", "Waived")])
    version = forms.IntegerField()
    waiver_reason = forms.CharField(required=False)
    evidence = forms.FileField(required=False)


class CloseForm(BoundedDatesMixin, forms.Form):
    closed_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


class ReopenForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept in the closing's history.")
    confirm = forms.BooleanField(label="Yes, reopen it: void the fundings, un-issue the notes and remove the post-closing deadlines")


class ChecklistFilterForm(forms.Form):
    """The checklist's filters, kept in the URL (GET) so a filtered view can be shared and printed."""

    party = forms.ChoiceField(required=False, label="Delivered by")
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *DeliverableStatus.choices])
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *DeliverableKind.choices])

    def __init__(self, *args, parties: list[tuple[int, str]], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "Any party"), *((str(pk), name) for pk, name in parties)]  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-auto g-2 align-items-end"
        self.helper.add_input(Submit("submit", "Filter", css_class="btn-sm"))


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(choices=DeliverableStatus.choices)
    waiver_reason = forms.CharField(required=False)
