"""Inviting a participant: an account is made or found, linked, and an email goes out."""

from django.utils.translation import gettext as _

from rondom.accounts.invitations import find_or_create_user, send_invitation
from rondom.accounts.models import User

from .models import Participant


class InvitationError(ValueError):
    pass


def invite(participant: Participant, email: str, invited_by, base_url: str) -> User:
    case = participant.case
    if participant.is_parent and case.is_anonymous:
        raise InvitationError(_("Parents cannot have an account while the case is anonymous."))
    kind = User.Kind.PARENT if participant.is_parent else User.Kind.PROFESSIONAL
    user = find_or_create_user(email, kind)
    if case.participants.filter(user=user).exclude(pk=participant.pk).exists():
        raise InvitationError(_("This account already belongs to someone in this case."))
    participant.user = user
    participant.save(update_fields=["user"])
    send_invitation(user, invited_by, base_url)
    return user
