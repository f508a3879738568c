"""Inviting a participant: an account is made or found, linked, and an email goes out."""

from django.utils.translation import gettext as _

from rondom.accounts.invitations import find_or_create_user, send_invitation
from rondom.accounts.models import User

from .models import PARENT_ROLES, Participant


class InvitationError(ValueError):
    pass


def account_kind_for(role: str) -> str:
    """Parents and carers log in as parents; everyone else in a case as a professional."""
    return User.Kind.PARENT if role in PARENT_ROLES else User.Kind.PROFESSIONAL


def role_misfit(role: str, user: User) -> str | None:
    """Why this account may not take this role in a case, or None when it may."""
    if user.is_superuser or user.is_staff:
        # Their account reads every case already; taking part would blur who acts as what.
        return _("A site admin account cannot take part in a case.")
    if user.kind != account_kind_for(role):
        return _(
            "This email address belongs to a %(kind)s account, which does not fit this role."
        ) % {"kind": user.get_kind_display()}
    return None


def invite(participant: Participant, email: str, invited_by) -> User:
    case = participant.case
    if participant.is_parent and case.is_anonymous:
        raise InvitationError(_("Parents cannot have an account while the case is anonymous."))
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is not None and (misfit := role_misfit(participant.role, existing)):
        raise InvitationError(misfit)
    user = existing or find_or_create_user(email, account_kind_for(participant.role))
    if case.participants.filter(user=user).exclude(pk=participant.pk).exists():
        raise InvitationError(_("This account already belongs to someone in this case."))
    participant.user = user
    participant.save(update_fields=["user"])
    send_invitation(user, invited_by)
    return user
