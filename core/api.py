import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)
OUT_OF_RANGE = "A value is outside the range this field can hold."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Services raise Django's ValidationError; the API answers it as a 400 with field errors.

    Last line only: a number or date too large for Python or the database (OverflowError,
    DataError) comes from user input that a field failed to bound; it is a 400, never a 500,
    and it is logged so the field gets its bound."""
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    elif isinstance(exc, serializers.ValidationError) and isinstance(exc.detail, list):
        # The schema promises an object for every 400: a bare list of messages becomes the
        # non-field errors (e.g. a NUL character in a search parameter).
        exc = serializers.ValidationError({"non_field_errors": exc.detail})
    elif isinstance(exc, OverflowError | DataError):
        view = context.get("view")
        logger.warning("Unbounded input reached %s: %r", type(view).__name__, exc)
        exc = serializers.ValidationError({"non_field_errors": [OUT_OF_RANGE]})
    return drf_exception_handler(exc, context)
