from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms import inlineformset_factory

from agreements.models import (
    Agreement,
    AgreementParty,
    Clause,
    DeemedGiven,
    NoticeCopyTo,
    NoticeMethod,
    NoticeRule,
    Signatory,
)
from core.bounds import BoundedDatesMixin
from deadlines import catalog
from parties.models import Party, Person


class AgreementForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "kind", "title", "dated_as_of", "status", "parent", "exhibit_label", "governing_law",
            "governing_law_clause", "dispute_resolution", "forum", "arbitration_rules", "successor_forum",
            "arbitration_costs",
            "assignment_requires_consent", "amendments_require_writing", "notice_clause_ref", "notice_clause_text",
            "business_day_calendars",
        ]
        widgets = {"dated_as_of": forms.DateInput(attrs={"type": "date"}), "notice_clause_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Agreement.objects.filter(matter=matter)
        self.fields["business_day_calendars"] = calendars_field(
            "Business days: every one of these calendars is open",
            'e.g. "banks in New York and London": New York banks and England and Wales; none: the matter\'s',
        )
        self.helper = FormHelper()
        self.helper.form_tag = False


PartyFormSet = inlineformset_factory(
    Agreement, AgreementParty, fields=["party", "role", "defined_term"], extra=2, can_delete=True
)
def calendars_field(label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(choices=catalog.choices, required=False, label=label, help_text=help_text,
                                     widget=forms.SelectMultiple(attrs={"size": 4}))


class NoticeRuleForm(forms.ModelForm):
    """One rule of the notice clause, entered in words: the method and the clause's own words for it,
    when a notice so sent counts (one part, or two combined), the cut-off, the business days, the
    conditions on the address, and the party it is for when the clause says so."""

    method = forms.ChoiceField(choices=[("", "Every method (a rule for one party)"), *NoticeMethod.choices], required=False)
    calendars = calendars_field("Business days (only if this rule names its own)",
                                "Hold Ctrl or Cmd to choose several; none: the agreement's")

    class Meta:
        model = NoticeRule
        fields = ["method", "method_words", "deemed_given", "offset_days", "business_days", "combine", "also_deemed_given",
                  "also_offset_days", "also_business_days", "cutoff_time", "calendars", "only_outside_us",
                  "confirming_copy", "recipient_party", "scope", "clause"]
        labels = {
            "method_words": "The clause's words for it", "deemed_given": "Deemed given", "offset_days": "Days",
            "business_days": "Business days", "combine": "Combined with", "also_deemed_given": "Second part",
            "also_offset_days": "Days", "also_business_days": "Business days", "cutoff_time": "Cut-off time",
            "only_outside_us": "Only to addresses outside the United States",
            "confirming_copy": "Only with a confirming copy by another method",
            "recipient_party": "Only for notices to", "scope": "Which notices (words)",
        }
        widgets = {"cutoff_time": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name in ("offset_days", "also_offset_days"):
            self.fields[name].required = False
        self.fields["also_deemed_given"].choices = [("", "None"), *DeemedGiven.choices]
        self.fields["recipient_party"].empty_label = "Every party"

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean() or {}
        for name in ("offset_days", "also_offset_days"):
            if data.get(name) is None:
                data[name] = 0
        return data


RuleFormSet = inlineformset_factory(Agreement, NoticeRule, form=NoticeRuleForm, extra=2, can_delete=True)
CopyFormSet = inlineformset_factory(
    Agreement, NoticeCopyTo, fields=["party", "copy_party", "attention", "clause"], extra=1, can_delete=True,
    labels={"party": "Notices to", "copy_party": "With a copy to"},
)


class DocumentForm(forms.Form):
    file = forms.FileField(help_text="PDF, DOCX or TXT")
    is_executed = forms.BooleanField(required=False, label="Executed copy")


class SignatoryForm(forms.ModelForm):
    """Who signed, for which party, and the title under the signature line."""

    class Meta:
        model = Signatory
        fields = ["party", "person", "title_as_signed"]
        labels = {"person": "Signed by", "party": "For", "title_as_signed": "Title as signed"}
        help_texts = {"title_as_signed": "Empty: the person's title in the directory (none for an individual)"}

    def __init__(self, *args, agreement: Agreement, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        parties = agreement.agreement_parties.values("party")
        party, person = self.fields["party"], self.fields["person"]
        assert isinstance(party, forms.ModelChoiceField) and isinstance(person, forms.ModelChoiceField)
        party.queryset = Party.objects.filter(pk__in=parties)
        person.queryset = Person.objects.filter(party__in=parties).select_related("party")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save signatory"))


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["kind", "clause", "heading", "text"]
        labels = {"clause": "Section", "kind": "Kind of clause"}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, agreement: Agreement, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save clause"))
