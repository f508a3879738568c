"""Who may look at an organisation, and who may manage it."""

from django.http import Http404

from .models import Organisation


def get_organisation_for(user, organisation_id: int, admin: bool = False) -> Organisation:
    """Members see their organisation; only its admins (and site admins) manage it."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    if user.is_superuser:
        return organisation
    membership = organisation.memberships.filter(user=user).first()
    if membership is None or (admin and not membership.is_admin):
        raise Http404
    return organisation
