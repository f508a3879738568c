"""Inviting a participant: an account is made or found, linked, and an email goes out.

The email names no family and no case: only who invites and how to log in.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from rondom.accounts.models import User

from .models import Participant


class InvitationError(ValueError):
    pass


def invite(participant: Participant, email: str, invited_by, base_url: str) -> User:
    case = participant.case
    if participant.is_parent and case.is_anonymous:
        raise InvitationError(_("Parents cannot have an account while the case is anonymous."))
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        kind = User.Kind.PARENT if participant.is_parent else User.Kind.PROFESSIONAL
        user = User.objects.create_user(email=email, password=None, kind=kind)
    taken = case.participants.filter(user=user).exclude(pk=participant.pk).exists()
    if taken:
        raise InvitationError(_("This account already belongs to someone in this case."))
    participant.user = user
    participant.save(update_fields=["user"])
    send_mail(
        _("You are invited to Rondom"),
        invitation_text(user, invited_by, base_url),
        None,
        [user.email],
    )
    return user


def invitation_text(user: User, invited_by, base_url: str) -> str:
    inviter = invited_by.get_full_name() or invited_by.email
    if user.kind == User.Kind.PARENT or user.has_usable_password():
        how = _(
            "Log in at %(url)s with this email address. Parents get a code by email, "
            "so there is no password to remember."
        ) % {"url": base_url + reverse("account_login")}
    else:
        link = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
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
