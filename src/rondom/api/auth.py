"""API tokens for programs; a professional's token only works once their second factor is set."""

from allauth.mfa.models import Authenticator
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, checked against the stored hashes.

    It extends the framework's class so the header parsing and the OpenAPI description stay
    the same; only the lookup differs, because the key itself is not stored.
    """

    model = ApiToken

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if (
            user.needs_two_factor
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            raise exceptions.AuthenticationFailed(_("Set up two-factor authentication first."))
        token.mark_used()
        return user, token
