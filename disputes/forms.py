from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from agreements.models import Agreement
from core.bounds import BoundedDatesMixin
from disputes.models import Dispute
from notices.models import Notice, NoticeKind
from parties.models import Party

DATE = forms.DateInput(attrs={"type": "date"})


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class DisputeForm(BoundedDatesMixin, forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["agreement", "notice", "notice_given_on", "raised_by", "other_party", "title", "description", "clause",
                  "forum", "successor_forum", "costs"]
        labels = {"notice": "Written notice of the dispute", "notice_given_on": "Notice given on", "clause": "Dispute clause"}
        help_texts = {"forum": "Empty: as the agreement records it", "costs": "Empty: as the agreement records it",
                      "notice_given_on": "Empty: the day the chosen notice is deemed given"}
        widgets = {"notice_given_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, matter=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(matter=matter)
        self.fields["notice"].queryset = Notice.objects.filter(matter=matter, kind=NoticeKind.DISPUTE)
        self.fields["notice"].empty_label = "Not recorded in Notices"
        parties = Party.objects.filter(agreement_roles__agreement__matter=matter).distinct()
        self.fields["raised_by"].queryset = parties
        self.fields["other_party"].queryset = parties
        self.fields["notice_given_on"].required = False
        self.helper = _helper("Open the dispute")


class NegotiationForm(BoundedDatesMixin, forms.Form):
    ends_on = forms.DateField(label="Negotiation period ends on", widget=DATE,
                              help_text='The end of "a reasonable time" after the notice, as counsel dates it')

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = _helper("Date the negotiation period")


class ArbitrationForm(BoundedDatesMixin, forms.Form):
    on = forms.DateField(label="Arbitration demanded on", widget=DATE)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record the demand for arbitration")


class ResolutionForm(BoundedDatesMixin, forms.Form):
    on = forms.DateField(label="Resolved on", widget=DATE)
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="How it was resolved")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = _helper("Record the resolution")
