"""An indicator's page: what it measures and who agreed to it, its trend, and per period the
story behind the figure from three perspectives; writing a story, and making a network
agreement of what the partners will do.

Only the network's coordinators (and site admins) get here (`monitor.access`); everyone else
gets a 404. Every page that shows a figure writes a line to the access log, with the
network as its grounds and nothing of what was shown or written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.networks.access import min_cell_of
from rondom.networks.agreements import log as log_agreement
from rondom.networks.forms import NetworkAgreementForm

from ..access import get_indicator_for, get_story_for
from ..catalogue import describe
from ..consent import still_needed, with_agreed
from ..models import AGREEMENTS_NEEDED, Indicator, PeriodValue, Story, StoryAgreement
from ..stories import cells_for, stories_at, what_for_agreement
from ..story_forms import StoryForm
from ..trend import hidden_note, number_text, period_label, trend_chart, trends_for
from ..values import shown


def log(user, network_id: int, action: str, channel: str = AuditEvent.Channel.PAGE) -> None:
    record(user, f"monitor:{action}", channel=channel, reason=f"network {network_id}")


@login_required
def indicator(request: HttpRequest, network_id: int, indicator_id: int) -> HttpResponse:
    indicator = get_indicator_for(request.user, network_id, indicator_id)
    network = indicator.joint_agreement.network
    trend = trends_for([indicator], network)[indicator.pk]
    consents = list(indicator.consents.select_related("organisation", "agreed_by"))
    agreed = with_agreed(Indicator.objects.filter(pk=indicator.pk)).get().agreed
    found = stories_at([indicator], [point.period for point in trend.points])
    log(request.user, network.pk, "indicator")
    context = {
        "network": network,
        "indicator": indicator,
        "source_label": describe(indicator, dict(network.signal_themes.values_list("pk", "name"))),
        "consents": consents,
        "counts": agreed >= AGREEMENTS_NEEDED,
        "still_needed": still_needed(agreed),
        "trend": trend,
        "chart": trend_chart(trend, f"mst-trend-{indicator.pk}"),
        "hidden_note": hidden_note(trend.k),
        # The newest period first: that is the one people write about.
        "periods": [
            (point, cells_for(indicator, point.period, found)) for point in reversed(trend.points)
        ],
    }
    return render(request, "monitor/indicator.html", context)


def _story_anchor(story: Story) -> str:
    url = reverse("monitor:indicator", args=[story.indicator.joint_agreement.network_id,
                                             story.indicator_id])  # fmt: skip
    return f"{url}#story-{story.indicator_id}-{story.period_id}-{story.perspective}"


def _story_context(story: Story) -> dict:
    network = story.indicator.joint_agreement.network
    stored = PeriodValue.objects.filter(indicator=story.indicator, period=story.period).first()
    return {
        "network": network,
        "indicator": story.indicator,
        "period": story.period,
        "period_label": period_label(story.period),
        "story": story,
        "figure": shown(stored, min_cell_of(network)),
        "target_text": number_text(story.indicator.target),
        "back": _story_anchor(story),
    }


@login_required
def story_edit(
    request: HttpRequest, network_id: int, indicator_id: int, period_id: int, perspective: str
) -> HttpResponse:
    story = get_story_for(request.user, network_id, indicator_id, period_id, perspective)
    if request.method != "POST":
        log(request.user, network_id, "story")
        context = {**_story_context(story), "form": StoryForm(instance=story)}
        return render(request, "monitor/story_edit.html", context)
    form = StoryForm(request.POST, instance=story)
    valid = form.is_valid()
    if valid and form.save_story(request.user) is not None:
        log(request.user, network_id, "story_edit")
        messages.success(request, _("The story is saved."))
        return redirect(_story_anchor(story))
    # Refused: nothing written, or someone else saved first (the form says what they saved).
    log(request.user, network_id, "story")
    context = {**_story_context(story), "form": form}
    return render(request, "monitor/story_edit.html", context, status=409 if valid else 422)


@login_required
def story_agreement(
    request: HttpRequest, network_id: int, indicator_id: int, period_id: int, perspective: str
) -> HttpResponse:
    """What the partners will do becomes a network agreement: what, who and by when."""
    story = get_story_for(request.user, network_id, indicator_id, period_id, perspective)
    if story.pk is None:
        raise Http404
    network = story.indicator.joint_agreement.network
    data = request.POST if request.method == "POST" else None
    form = NetworkAgreementForm(
        data,
        network=network,
        today=timezone.localdate(),
        initial={"what": what_for_agreement(story)},
    )
    if data is not None and form.is_valid():
        with transaction.atomic():
            agreement = form.save(commit=False)
            agreement.network = network
            agreement.created_by = request.user
            agreement.save()
            StoryAgreement.objects.create(story=story, agreement=agreement)
            log_agreement(request.user, network.pk, "add", agreement)
        messages.success(
            request,
            _("The agreement is made. You find it under the agreements of %(network)s.")
            % {"network": network.name},
        )
        return redirect(_story_anchor(story))
    log(request.user, network.pk, "story")
    made = StoryAgreement.objects.filter(story=story).select_related(
        "agreement__owner_user", "agreement__owner_organisation"
    )
    context = {
        **_story_context(story),
        "form": form,
        "made_here": [source.agreement for source in made],
    }
    return render(
        request, "monitor/story_agreement.html", context, status=200 if data is None else 422
    )
