"""API tokens (`Authorization: Token <key>`): expiring, revocable, and accepted only from users
who meet the two-factor policy."""

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.request import Request

from accounts.middleware import TWO_FACTOR_NEEDED_API
from accounts.selectors import token_meets_two_factor_policy
from accounts.services import api_token_use

TOKEN_REFUSED = "Invalid, expired or revoked token."


class ApiTokenAuthentication(TokenAuthentication):
    request: Request | None = None

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        self.request = request
        return super().authenticate(request)

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        django_request = self.request._request if self.request is not None else None
        token = api_token_use(key=key, request=django_request)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED)
        if not token_meets_two_factor_policy(token=token):
            raise exceptions.PermissionDenied(TWO_FACTOR_NEEDED_API)
        return token.user, token
