"""API tokens for programs; a professional's token only works once their second factor is set."""

from allauth.mfa.models import Authenticator
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if (
            user.needs_two_factor
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            raise exceptions.AuthenticationFailed("Set up two-factor authentication first.")
        return user, token
