from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from parties.models import Party
from representations.models import BreachFlag, Representation


class RepresentationForm(forms.ModelForm):
    class Meta:
        model = Representation
        fields = ["agreement", "clause", "party", "given_to", "title", "text", "survival", "brought_down_by_certificate"]
        labels = {"clause": "Section", "given_to": "Given to"}
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        parties = Party.objects.filter(agreement_roles__agreement__matter=matter).distinct()
        self.fields["party"].queryset = parties
        self.fields["given_to"].queryset = parties
        self.fields["given_to"].empty_label = "The other parties"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save representation"))


class BreachFlagForm(forms.ModelForm):
    class Meta:
        model = BreachFlag
        fields = ["description"]
        labels = {"description": "What was untrue"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Flag a breach and draft the notice", css_class="btn-danger"))
