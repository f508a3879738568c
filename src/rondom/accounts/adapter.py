import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from rondom.core.mail import site_context, site_link

from . import encryption


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Accounts come from invitations by case managers and organisation admins only."""
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account email says which site sends it (templates/account/email)."""
        extra = {"code_minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60, **site_context()}
        super().send_mail(template_prefix, email, {**context, **extra})

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The link in the email leads to the site, not to the host the request came in on.
        `key` is the account's id in base 36, a hyphen, and the token."""
        uidb36, _hyphen, token = key.partition("-")
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": token})
        return site_link(path)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up the first second factor right after logging in needs no password again;
        every later change to the second factor does."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa":
            return not _first_setup_just_after_login(context.request)
        return required


class MFAAdapter(DefaultMFAAdapter):
    """allauth passes every second-factor secret (TOTP keys, recovery-code seeds) through
    these two methods on its way to and from the database."""

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)


def _first_setup_just_after_login(request) -> bool:
    user = request.user
    if not user.is_authenticated or Authenticator.objects.filter(user=user).exists():
        return False
    records = get_authentication_records(request, user)
    return bool(records) and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT
