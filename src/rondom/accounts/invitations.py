"""The invitation email: who invites, and how to log in. It never names a family or a case."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import User


def find_or_create_user(email: str, kind: str, **names) -> User:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, kind=kind, **names)
    return user


def send_invitation(user: User, invited_by, base_url: str) -> None:
    send_mail(
        _("You are invited to Rondom"),
        invitation_text(user, invited_by, base_url),
        None,
        [user.email],
    )


def invitation_text(user: User, invited_by, base_url: str) -> str:
    inviter = invited_by.get_full_name() or invited_by.email
    if user.kind == User.Kind.PARENT or user.has_usable_password():
        how = _(
            "Log in at %(url)s with this email address. Parents get a code by email, "
            "so there is no password to remember."
        ) % {"url": base_url + reverse("account_login")}
    else:
        key = default_token_generator.make_token(user)
        link = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
        how = _(
            "Choose your password here: %(url)s. After that you set up the code app for "
            "two-factor authentication."
        ) % {"url": base_url + link}
    return (
        _("%(inviter)s has invited you to work together in Rondom, the timeline around a child.")
        % {"inviter": inviter}
        + "\n\n"
        + how
        + "\n"
    )
