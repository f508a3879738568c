"""Who has consent in a case, and until when."""

from datetime import date

from rondom.accounts.models import Membership

from .access import valid_consents
from .models import Case


def consent_until(case: Case) -> dict[int, date]:
    """For each participant covered by a valid consent: the last day it runs."""
    consents = list(valid_consents().filter(case=case))
    participants = list(case.participants.all())
    org_ids_of = {}
    user_ids = [p.user_id for p in participants if p.user_id]
    for membership in Membership.objects.filter(user_id__in=user_ids):
        org_ids_of.setdefault(membership.user_id, set()).add(membership.organisation_id)
    until: dict[int, date] = {}
    for participant in participants:
        for consent in consents:
            covers = consent.participant_id == participant.pk or (
                consent.organisation_id in org_ids_of.get(participant.user_id, set())
            )
            if covers and (
                participant.pk not in until or consent.valid_until > until[participant.pk]
            ):
                until[participant.pk] = consent.valid_until
    return until
