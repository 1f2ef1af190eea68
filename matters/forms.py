from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from accounts.models import Role, User
from matters.models import Matter, MembershipRole


class MatterForm(forms.ModelForm):
    class Meta:
        model = Matter
        fields = ["name", "client", "status", "holiday_calendar", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save matter"))


class MembershipForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label="Counsel")
    role = forms.ChoiceField(choices=MembershipRole.choices)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, role__in=[Role.COUNSEL, Role.ADMIN]
        ).order_by("username")
        self.helper = FormHelper()
        self.helper.form_class = "row row-cols-auto g-2 align-items-end"
        self.helper.add_input(Submit("submit", "Add member"))


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, label="Kind of record")
    person = forms.ChoiceField(required=False, label="Who")

    def __init__(self, *args, kinds: list[str], people: list[tuple[str, str]], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every kind"), *((k, k) for k in kinds)]  # type: ignore[attr-defined]
        self.fields["person"].choices = [("", "Everyone"), *people]  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-auto g-2 align-items-end mb-3"
        self.helper.add_input(Submit("submit", "Filter", css_class="btn-sm"))
