from crispy_forms.helper import FormHelper
from django import forms
from django.forms import inlineformset_factory

from agreements.models import Agreement, AgreementParty, NoticeRule
from core.bounds import BoundedDatesMixin


class AgreementForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "kind", "title", "dated_as_of", "status", "parent", "exhibit_label", "governing_law",
            "governing_law_clause", "dispute_resolution", "forum", "arbitration_rules", "successor_forum",
            "assignment_requires_consent", "amendments_require_writing", "notice_clause_ref", "notice_clause_text",
        ]
        widgets = {"dated_as_of": forms.DateInput(attrs={"type": "date"}), "notice_clause_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Agreement.objects.filter(matter=matter)
        self.helper = FormHelper()
        self.helper.form_tag = False


PartyFormSet = inlineformset_factory(
    Agreement, AgreementParty, fields=["party", "role", "defined_term"], extra=2, can_delete=True
)
RuleFormSet = inlineformset_factory(
    Agreement, NoticeRule, fields=["method", "deemed_given", "offset_days", "business_days", "cutoff_time", "clause"],
    extra=2, can_delete=True, widgets={"cutoff_time": forms.TimeInput(attrs={"type": "time"})},
)


class DocumentForm(forms.Form):
    file = forms.FileField(help_text="PDF, DOCX or TXT")
    is_executed = forms.BooleanField(required=False, label="Executed copy")
