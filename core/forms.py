from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (or at the top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
