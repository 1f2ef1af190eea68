from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.postgres.forms import SimpleArrayField

from core.bounds import BoundedDatesMixin, validate_day_count
from deadlines.models import CRITICAL_KINDS, Obligation, ObligationKind, ReminderPreference
from deadlines.reminders import MAX_OFFSETS, NON_MUTABLE_HELP
from deadlines.selectors import people_for_matter

DATE_NEEDED = "Enter a due date, a window's closing date, or the deadline this one is dated from."


class ObligationForm(BoundedDatesMixin, forms.ModelForm):
    watcher_emails = SimpleArrayField(
        forms.EmailField(), required=False, delimiter=",",
        help_text="People outside Covenant to remind, comma-separated (e.g. the holder's counsel)",
    )

    reminder_offsets = SimpleArrayField(
        forms.IntegerField(validators=[validate_day_count]), required=False, delimiter=",", max_length=MAX_OFFSETS,
        help_text="Days before the due date to remind, comma-separated (default 30, 14, 7, 1, 0)",
    )

    class Meta:
        model = Obligation
        fields = [
            "title", "kind", "description", "clause", "responsible_party", "nominal_due_date", "window_opens",
            "window_closes", "trigger", "trigger_days", "trigger_business_days", "business_day_convention",
            "recurrence", "recurrence_days_after", "recurrence_year_end_days_after", "critical", "remind_when_overdue",
            "assignees", "watchers", "watcher_emails",
        ]
        labels = {"nominal_due_date": "Due date", "recurrence_days_after": "Days after each period end"}
        widgets = {f: forms.DateInput(attrs={"type": "date"}) for f in ("nominal_due_date", "window_opens", "window_closes")}

    def __init__(self, *args, matter, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Only people who can open the matter; anyone else is "not one of the available choices",
        # the same words as for an id that does not exist.
        people = people_for_matter(matter)
        self.fields["assignees"].queryset = people
        self.fields["watchers"].queryset = people
        self.fields["trigger"].queryset = Obligation.objects.filter(matter=matter).order_by("due_date", "id")
        self.fields["trigger"].empty_label = "Not dated from another deadline"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save deadline"))

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        dates_given = data.get("nominal_due_date") or data.get("window_closes") or data.get("trigger")
        if not dates_given and not {"nominal_due_date", "window_closes"} & set(self.errors):
            self.add_error("nominal_due_date", DATE_NEEDED)
        opens, closes = data.get("window_opens"), data.get("window_closes")
        if opens and closes and closes < opens:
            self.add_error("window_closes", "The window cannot close before it opens.")
        return data


class CloseForm(forms.Form):
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PreferenceForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=[(z, z) for z in sorted(__import__("zoneinfo").available_timezones())])
    muted_kinds = forms.MultipleChoiceField(
        required=False, choices=[(k, ObligationKind(k).label) for k in ObligationKind.values],
        widget=forms.CheckboxSelectMultiple, help_text=NON_MUTABLE_HELP,
    )

    class Meta:
        model = ReminderPreference
        fields = ["mode", "digest_time", "time_zone", "muted_kinds"]
        widgets = {"digest_time": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save preferences"))

    def clean_muted_kinds(self) -> list[str]:
        kinds = self.cleaned_data["muted_kinds"]
        critical = [ObligationKind(k).label for k in kinds if k in CRITICAL_KINDS]
        if critical:
            raise forms.ValidationError(f"{', '.join(critical)}: {NON_MUTABLE_HELP}")
        return kinds
