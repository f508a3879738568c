"""Inviting people to a round, and the emails with their personal link.

Each invitation gets its link's hash in the same transaction that makes it, so no invitation
is ever without a way in. The link itself (`link_token`) is only ever in an email, and is the
same every time, so that a reminder sends the same link again.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from rondom.accounts.models import User
from rondom.core.mail import site_context, site_link

from .models import Invitation, Round
from .respondents import link_token, token_hash

# How long filling in takes, as the emails promise.
MINUTES_TO_ANSWER = 10


@dataclass
class Invited:
    made: list[Invitation] = field(default_factory=list)
    # Addresses that had an invitation to this round already; they get no second one.
    already: list[str] = field(default_factory=list)


def invite(round: Round, invitees: list[tuple[str, str]], by) -> Invited:
    """Invite these (email, sector) pairs; an address with an account is linked to it."""
    outcome = Invited()
    invitees = [(email.strip().lower(), sector) for email, sector in invitees]
    emails = [email for email, _sector in invitees]
    with transaction.atomic():
        # Lock the round, so that two coordinators inviting at once cannot both pass the
        # check below with the same address.
        Round.objects.select_for_update().filter(pk=round.pk).first()
        known = set(round.invitations.filter(email__in=emails).values_list("email", flat=True))
        accounts = {
            user.lowered: user
            for user in User.objects.annotate(lowered=Lower("email")).filter(
                lowered__in=emails, is_active=True
            )
        }
        new = []
        for email, sector in invitees:
            if email in known:
                outcome.already.append(email)
                continue
            new.append(
                Invitation(
                    round=round, email=email, sector=sector, user=accounts.get(email), invited_by=by
                )
            )
        outcome.made = Invitation.objects.bulk_create(new)
        for invitation in outcome.made:
            invitation.token_hash = token_hash(link_token(invitation.pk))
        Invitation.objects.bulk_update(outcome.made, ["token_hash"])
    return outcome


def personal_link(invitation: Invitation) -> str:
    return site_link(reverse("scan:answer_link", args=[link_token(invitation.pk)]))


def _context(invitation: Invitation, round: Round) -> dict:
    return {
        "network": round.network.name,
        "team": round.team,
        "opens_on": round.opens_on.strftime("%d-%m-%Y"),
        "closes_on": round.closes_on.strftime("%d-%m-%Y"),
        "not_open_yet": not round.is_open() and not round.has_closed(),
        "minutes": MINUTES_TO_ANSWER,
        "min_respondents": settings.SCAN_MIN_RESPONDENTS,
        "link": personal_link(invitation),
        "has_account": invitation.user_id is not None,
        **site_context(),
    }


def invitation_message(invitation: Invitation, round: Round, by) -> EmailMessage:
    """In Dutch, whatever language the coordinator uses: the invitees' language is unknown."""
    with override("nl"):
        context = {
            **_context(invitation, round),
            "inviter": by.get_full_name() or by.email,
            "inviter_email": by.email,
        }
        subject = _("Fill in the collaboration scan of %(network)s in %(site)s") % {
            "network": round.network.name,
            "site": settings.SITE_NAME,
        }
        body = render_to_string("scan/email/invitation.txt", context).strip()
    return EmailMessage(subject, body + "\n", None, [invitation.email])


def reminder_message(invitation: Invitation, round: Round) -> EmailMessage:
    with override("nl"):
        subject = _("Reminder: the collaboration scan of %(network)s in %(site)s") % {
            "network": round.network.name,
            "site": settings.SITE_NAME,
        }
        body = render_to_string("scan/email/reminder.txt", _context(invitation, round)).strip()
    return EmailMessage(subject, body + "\n", None, [invitation.email])


def send_invitations(invitations: list[Invitation], round: Round, by) -> None:
    """One email each, over one connection."""
    if invitations:
        messages = [invitation_message(inv, round, by) for inv in invitations]
        mailers["default"].send_messages(messages)
