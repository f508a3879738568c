"""Who may see a network's monitor: its coordinators (and site admins), no one else.

Everyone else gets a 404, so they cannot tell a joint agreement, indicator or signal exists.
Every monitor page fetches its objects through these helpers.
"""

from django.http import Http404

from rondom.networks.access import get_network_for
from rondom.networks.models import Network

from .models import (
    Indicator,
    JointAgreement,
    Period,
    Perspective,
    ReviewMeeting,
    SignalTheme,
    Story,
)


def get_network_for_monitor(user, network_id: int) -> Network:
    """The network, if this person coordinates it; otherwise a 404."""
    return get_network_for(user, network_id)


def get_joint_agreement_for(user, network_id: int, joint_agreement_id: int) -> JointAgreement:
    network = get_network_for(user, network_id)
    found = JointAgreement.objects.filter(network=network, pk=joint_agreement_id).first()
    if found is None:
        raise Http404
    return found


def get_indicator_for(user, network_id: int, indicator_id: int) -> Indicator:
    network = get_network_for(user, network_id)
    found = (
        Indicator.objects.filter(joint_agreement__network=network, pk=indicator_id)
        .select_related("joint_agreement__network")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_story_for(
    user, network_id: int, indicator_id: int, period_id: int, perspective: str
) -> Story:
    """The story of an indicator of this network in one of its periods, from a perspective;
    unsaved while nobody wrote it yet. A 404 for anything not of this network."""
    indicator = get_indicator_for(user, network_id, indicator_id)
    if perspective not in Perspective.values:
        raise Http404
    period = Period.objects.filter(network_id=network_id, pk=period_id).first()
    if period is None:
        raise Http404
    found = Story.objects.filter(indicator=indicator, period=period, perspective=perspective)
    story = found.first() or Story(indicator=indicator, period=period, perspective=perspective)
    story.indicator, story.period = indicator, period
    return story


def get_review_for(user, network_id: int, review_id: int) -> ReviewMeeting:
    network = get_network_for(user, network_id)
    found = (
        ReviewMeeting.objects.filter(network=network, pk=review_id)
        .select_related("network", "period")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_theme_for(user, network_id: int, theme_id: int) -> SignalTheme:
    """A theme of the network's signals, if this person coordinates the network; else 404."""
    network = get_network_for(user, network_id)
    found = SignalTheme.objects.filter(network=network, pk=theme_id).first()
    if found is None:
        raise Http404
    found.network = network
    return found
