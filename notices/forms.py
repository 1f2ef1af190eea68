from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement, NoticeMethod
from notices.models import Notice


class NoticeForm(forms.ModelForm):
    method = forms.ChoiceField(choices=NoticeMethod.choices)
    new_street_lines = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="New address: street")
    new_city = forms.CharField(required=False, label="New address: city")
    new_state = forms.CharField(required=False, label="New address: state")
    new_postal_code = forms.CharField(required=False, label="New address: postal code")

    class Meta:
        model = Notice
        fields = ["agreement", "sender", "recipient", "kind", "method", "subject", "body", "copy_to", "dispatched_at",
                  "delivered_at", "evidence_kind", "evidence", "period_days", "period_business_days"]
        widgets = {"dispatched_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "delivered_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "body": forms.Textarea(attrs={"rows": 4}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record notice"))

    def service_data(self) -> dict:  # type: ignore[type-arg]
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("new_") and k != "agreement"}
        if self.cleaned_data.get("new_street_lines"):
            data["new_address"] = {"street_lines": self.cleaned_data["new_street_lines"], "city": self.cleaned_data["new_city"],
                                   "state": self.cleaned_data["new_state"], "postal_code": self.cleaned_data["new_postal_code"]}
        return data
