"""POST /api/v1/auth/token/: a token for a user name and password, plus the authenticator app's
code (or a recovery code) from a user who has two-factor."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.middleware import TWO_FACTOR_NEEDED_API
from accounts.models import SecurityEventKind, User
from accounts.selectors import two_factor_applies, user_has_two_factor
from accounts.services import api_token_create, security_event_record

BAD_CREDENTIALS = "Unable to log in with provided credentials."
CODE_NEEDED = "This user has two-factor sign-in: send the code from the authenticator app, or a recovery code."
CODE_WRONG = "Incorrect code."
PASSKEY_ONLY = "This user signs in with a passkey only: make a token on the profile page."
CODE_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(max_length=64, required=False, allow_blank=True,
                                 help_text="For users with two-factor: the authenticator app's code or a recovery code.")
    name = serializers.CharField(max_length=100, required=False, default="API",
                                 help_text="What the token is for, as shown on the profile page.")


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


def _check_second_factor(request: Request, user: User, code: str) -> None:
    if not user_has_two_factor(user=user):
        if two_factor_applies(user=user):
            raise exceptions.PermissionDenied(TWO_FACTOR_NEEDED_API)
        return
    authenticators = list(Authenticator.objects.filter(user=user, type__in=CODE_TYPES))
    if not authenticators:
        raise exceptions.ValidationError({"code": [PASSKEY_ONLY]})
    if not code:
        raise exceptions.ValidationError({"code": [CODE_NEEDED]})
    if not any(authenticator.wrap().validate_code(code) for authenticator in authenticators):
        security_event_record(kind=SecurityEventKind.TWO_FACTOR_FAILED, request=request._request, user=user,
                              detail="API token request")
        raise exceptions.ValidationError({"code": [CODE_WRONG]})


@extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer}, auth=[])
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token_obtain(request: Request) -> Response:
    body = TokenRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data: dict[str, Any] = body.validated_data
    # django-axes counts a failure here as on the login page, and locks the account alike.
    user = authenticate(request._request, username=data["username"], password=data["password"])
    if not isinstance(user, User):
        raise exceptions.ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
    _check_second_factor(request, user, data.get("code", ""))
    token, key = api_token_create(user=user, name=data["name"], request=request._request)
    return Response({"token": key, "expires_at": token.expires_at})
