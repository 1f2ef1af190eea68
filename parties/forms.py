from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from core.bounds import BoundedDatesMixin
from parties.models import NoticeAddress, Party, Person
from parties.zones import zone_choices


class _CrispyModelForm(forms.ModelForm):
    submit_label = "Save"

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class PartyForm(_CrispyModelForm):
    class Meta:
        model = Party
        fields = ["kind", "legal_name", "entity_type", "jurisdiction", "organizational_id"]


class NoticeAddressForm(BoundedDatesMixin, _CrispyModelForm):
    class Meta:
        model = NoticeAddress
        fields = [
            "attention", "care_of", "care_of_party", "street_lines", "city", "state", "postal_code", "country",
            "phone", "fax", "email", "time_zone", "effective_from", "effective_until",
        ]
        widgets = {
            "street_lines": forms.Textarea(attrs={"rows": 3}),
            "effective_from": forms.DateInput(attrs={"type": "date"}),
            "effective_until": forms.DateInput(attrs={"type": "date"}),
        }


    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(
            choices=[("", "From the country and state")] + zone_choices(), required=False, label="Time zone",
            help_text=self.fields["time_zone"].help_text,
        )


class PersonForm(_CrispyModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "email", "phone", "is_signatory"]
