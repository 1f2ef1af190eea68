from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from agreements.models import Agreement, NoticeMethod
from core.bounds import BoundedDatesMixin
from notices.models import EvidenceKind, Notice
from parties.zones import zone_choices


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    """The same wall-clock time as `moment` read in the current zone, in `zone` instead."""
    return timezone.make_naive(moment).replace(tzinfo=zone)


class NoticeForm(BoundedDatesMixin, forms.ModelForm):
    method = forms.ChoiceField(choices=NoticeMethod.choices)
    confirmation_method = forms.ChoiceField(choices=[("", "None"), *NoticeMethod.choices], required=False,
                                            label="Confirming copy sent by")
    time_zone = forms.ChoiceField(choices=zone_choices, label="Sent from (time zone)",
                                  help_text="The times above are read here; days after dispatch count from this day")
    new_street_lines = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="New address: street")
    new_city = forms.CharField(required=False, label="New address: city")
    new_state = forms.CharField(required=False, label="New address: state")
    new_postal_code = forms.CharField(required=False, label="New address: postal code")

    class Meta:
        model = Notice
        fields = ["agreement", "sender", "recipient", "kind", "method", "subject", "body", "copy_parties", "copy_to",
                  "confirmation_method", "dispatched_at", "delivered_at", "evidence_kind", "evidence", "period_days", "period_business_days", "business_day_convention", "time_zone"]
        widgets = {"dispatched_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "delivered_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
                   "body": forms.Textarea(attrs={"rows": 4}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.fields["copy_parties"].label = "Copies sent to (the clause's \"with a copy to\")"
        self.fields["copy_to"].label = "Other copies (free text)"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record notice"))

    def clean(self) -> dict:  # type: ignore[type-arg]
        """The times typed are wall-clock times in the notice's own zone, not the server's."""
        data = super().clean() or {}
        try:
            zone = ZoneInfo(data.get("time_zone") or "")
        except (ZoneInfoNotFoundError, ValueError):
            return data
        for name in ("dispatched_at", "delivered_at"):
            if data.get(name):
                data[name] = in_zone(data[name], zone)
        return data

    def service_data(self) -> dict:  # type: ignore[type-arg]
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("new_") and k != "agreement"}
        if self.cleaned_data.get("new_street_lines"):
            data["new_address"] = {"street_lines": self.cleaned_data["new_street_lines"], "city": self.cleaned_data["new_city"],
                                   "state": self.cleaned_data["new_state"], "postal_code": self.cleaned_data["new_postal_code"]}
        return data


class DeliveryForm(BoundedDatesMixin, forms.Form):
    delivered_at = forms.DateTimeField(label="Received at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                       help_text="Date and time the notice was received, in the notice's time zone")
    evidence_kind = forms.ChoiceField(choices=EvidenceKind.choices, required=False)
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Evidence (description)")
    evidence_file = forms.FileField(required=False, label="Evidence (scan: PDF, DOCX or TXT)")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Record delivery"))
