"""The monitor's overview: a network's joint agreements, their indicators with the latest
figure and whether each counts yet; adding and changing them, agreeing to an indicator, and
figures entered by hand.

Only the network's coordinators (and site admins) get here; everyone else gets a 404 on every
address. Each page that shows figures, and each change, writes one line to the access log,
with the network as its grounds and nothing of what was shown or typed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.insights.periods import half_year_label
from rondom.networks.access import min_cell_of
from rondom.networks.models import Network

from ..access import get_indicator_for, get_joint_agreement_for, get_network_for_monitor
from ..catalogue import SOURCES, SOURCES_BY_KEY, Computed, describe
from ..consent import (
    AlreadyAgreed,
    IndicatorChanged,
    agree,
    changes_what_it_measures,
    organisations_of,
    snapshot,
    still_needed,
    take_back_agreements,
    with_agreed,
    withdraw,
)
from ..forms import JointAgreementForm
from ..freezing import fill_in, provisional
from ..indicator_forms import STALE, AgreeForm, IndicatorForm
from ..models import (
    AGREEMENTS_NEEDED,
    Indicator,
    IndicatorConsent,
    JointAgreement,
    PeriodValue,
    SignalTheme,
)
from ..values import Shown, shown


def log_page(request: HttpRequest, network_id: int, action: str, channel=AuditEvent.Channel.PAGE):
    record(request.user, f"monitor:{action}", channel=channel, reason=f"network {network_id}")


def _plain(value) -> str:
    """A target or baseline as the figures print: no trailing zeros, a decimal comma."""
    return shown(PeriodValue(value=value), 1).text


def half_label(year: int, half: int) -> str:
    return str(half_year_label(f"{year}-{half}"))


# --- the overview ----------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure beside an indicator: its half-year, as shown, and how it came to be."""

    label: str
    shown: Shown
    entered_by: str = ""


@dataclass
class IndicatorRow:
    indicator: Indicator
    source: str
    unit: str
    agreed: int
    consents: list[IndicatorConsent]
    latest: Figure | None = None
    provisional: Figure | None = None
    agree_for: list = field(default_factory=list)  # own organisations that may still agree
    withdrawable: set[int] = field(default_factory=set)

    @property
    def counts(self) -> bool:
        return self.agreed >= AGREEMENTS_NEEDED

    @property
    def needed(self) -> int:
        return still_needed(self.agreed)

    @property
    def status(self) -> str:
        if self.counts:
            return _("counts")
        return ngettext(
            "does not count yet: %(n)s more organisation needed",
            "does not count yet: %(n)s more organisations needed",
            self.needed,
        ) % {"n": self.needed}

    @property
    def target(self) -> str:
        return _plain(self.indicator.target)

    @property
    def baseline(self) -> str:
        baseline = self.indicator.baseline
        return "" if baseline is None else _plain(baseline)


def _unit(indicator: Indicator) -> str:
    source = SOURCES_BY_KEY.get(indicator.source)
    return "" if source is None else str(source.unit)


def _rows(request, network: Network, joints: list[JointAgreement], k: int) -> dict[int, list]:
    """Per joint agreement its indicators as the overview shows them, in a fixed number of
    queries, whatever the number of agreements, indicators, periods or cases."""
    indicators = list(
        with_agreed(Indicator.objects.filter(joint_agreement__in=joints)).select_related(
            "joint_agreement"
        )
    )
    consents = defaultdict(list)
    for consent in IndicatorConsent.objects.filter(indicator__in=indicators).select_related(
        "organisation", "agreed_by"
    ):
        consents[consent.indicator_id].append(consent)
    latest: dict[int, PeriodValue] = {}
    values = PeriodValue.objects.filter(indicator__in=indicators).select_related(
        "period", "entered_by"
    )
    for value in values.order_by("period__year", "period__half"):
        latest[value.indicator_id] = value
    themes = dict(SignalTheme.objects.filter(network=network).values_list("pk", "name"))
    mine = list(organisations_of(request.user, network))
    counting = [i for i in indicators if i.agreed >= AGREEMENTS_NEEDED]
    (year, half), running = provisional(network, counting)
    rows: dict[int, list[IndicatorRow]] = defaultdict(list)
    for indicator in indicators:
        row = IndicatorRow(
            indicator, describe(indicator, themes), _unit(indicator), indicator.agreed,
            consents[indicator.pk],
        )  # fmt: skip
        agreed_for = {c.organisation_id for c in row.consents}
        row.withdrawable = {o.pk for o in mine} & agreed_for
        # Drawn from the organisations read once for the page, not a query per indicator.
        row.agree_for = [o for o in mine if o.pk not in agreed_for]
        if row.counts:
            value = latest.get(indicator.pk)
            if value is not None:
                who = value.entered_by.get_full_name() if value.entered_by else ""
                period = value.period
                row.latest = Figure(half_label(period.year, period.half), shown(value, k), who)
            computed: Computed | None = running.get(indicator.pk)
            if computed is not None:
                unsaved = PeriodValue(value=computed.value, count=computed.count)
                row.provisional = Figure(half_label(year, half), shown(unsaved, k))
        rows[indicator.joint_agreement_id].append(row)
    return rows


@login_required
def overview(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    k = min_cell_of(network)
    joints = list(
        JointAgreement.objects.filter(network=network).prefetch_related("signatures__organisation")
    )
    rows = _rows(request, network, joints, k)
    log_page(request, network.pk, "view")
    context = {
        "network": network,
        "k": k,
        "joints": [(joint, rows.get(joint.pk, [])) for joint in joints],
        "needed": AGREEMENTS_NEEDED,
    }
    return render(request, "monitor/overview.html", context)


# --- joint agreements ------------------------------------------------------------------------


def _joint_page(request, network: Network, form, joint=None, status=200) -> HttpResponse:
    context = {"network": network, "form": form, "joint": joint}
    return render(request, "monitor/joint_form.html", context, status=status)


@login_required
def joint_new(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    today = timezone.localdate()
    if request.method != "POST":
        return _joint_page(request, network, JointAgreementForm(network=network, today=today))
    form = JointAgreementForm(request.POST, network=network, today=today)
    if not form.is_valid():
        return _joint_page(request, network, form, status=422)
    with transaction.atomic():
        joint = form.save(commit=False)
        joint.network = network
        joint.created_by = request.user
        joint.save()
        form.save_signatures(joint)
    log_page(request, network.pk, f"joint_add joint {joint.pk}")
    messages.success(request, _("The joint agreement is saved. Now propose its indicators."))
    return redirect(f"{reverse('monitor:overview', args=[network.pk])}#joint-{joint.pk}")


@login_required
def joint_edit(request: HttpRequest, network_id: int, joint_id: int) -> HttpResponse:
    joint = get_joint_agreement_for(request.user, network_id, joint_id)
    network = joint.network
    today = timezone.localdate()
    if request.method != "POST":
        form = JointAgreementForm(instance=joint, network=network, today=today)
        return _joint_page(request, network, form, joint)
    form = JointAgreementForm(request.POST, instance=joint, network=network, today=today)
    valid = form.is_valid()
    if valid and form.save_if_current(form.save_signatures):
        log_page(request, network.pk, f"joint_edit joint {joint.pk}")
        messages.success(request, _("The joint agreement is saved."))
        return redirect(f"{reverse('monitor:overview', args=[network.pk])}#joint-{joint.pk}")
    joint.refresh_from_db()
    return _joint_page(request, network, form, joint, status=409 if valid else 422)


# --- indicators ------------------------------------------------------------------------------


def _indicator_page(request, joint, form, indicator=None, status=200) -> HttpResponse:
    context = {
        "network": joint.network,
        "joint": joint,
        "form": form,
        "indicator": indicator,
        "sources": SOURCES,
        "k": min_cell_of(joint.network),
        "needed": AGREEMENTS_NEEDED,
        "agreed": indicator.consents.count() if indicator is not None else 0,
    }
    return render(request, "monitor/indicator_form.html", context, status=status)


@login_required
def indicator_new(request: HttpRequest, network_id: int, joint_id: int) -> HttpResponse:
    joint = get_joint_agreement_for(request.user, network_id, joint_id)
    if request.method != "POST":
        return _indicator_page(request, joint, IndicatorForm(network=joint.network))
    indicator = Indicator(joint_agreement=joint, proposed_by=request.user)
    form = IndicatorForm(request.POST, instance=indicator, network=joint.network)
    if not form.is_valid():
        return _indicator_page(request, joint, form, status=422)
    indicator = form.save()
    log_page(request, joint.network_id, f"indicator_add indicator {indicator.pk}")
    messages.success(
        request,
        ngettext(
            "The indicator is proposed. It counts once %(n)s member organisation agrees.",
            "The indicator is proposed. It counts once %(n)s member organisations agree.",
            AGREEMENTS_NEEDED,
        )
        % {"n": AGREEMENTS_NEEDED},
    )
    return redirect(_at(indicator))


def _at(indicator: Indicator) -> str:
    network_id = indicator.joint_agreement.network_id
    return f"{reverse('monitor:overview', args=[network_id])}#indicator-{indicator.pk}"


@login_required
def indicator_edit(request: HttpRequest, network_id: int, indicator_id: int) -> HttpResponse:
    indicator = get_indicator_for(request.user, network_id, indicator_id)
    joint = indicator.joint_agreement
    if request.method != "POST":
        form = IndicatorForm(instance=indicator, network=joint.network)
        return _indicator_page(request, joint, form, indicator)
    before = snapshot(indicator)
    form = IndicatorForm(request.POST, instance=indicator, network=joint.network)
    valid = form.is_valid()
    taken_back = []

    def after_save(saved: Indicator) -> None:
        if changes_what_it_measures(before, saved):
            taken_back.append(take_back_agreements(saved))

    if valid and form.save_if_current(after_save):
        log_page(request, network_id, f"indicator_edit indicator {indicator.pk}")
        if taken_back and taken_back[0]:
            messages.warning(
                request,
                ngettext(
                    "The indicator is changed. It now measures something else than %(n)s "
                    "organisation agreed to, so that agreement is taken back: the "
                    "organisations are asked to agree again.",
                    "The indicator is changed. It now measures something else than %(n)s "
                    "organisations agreed to, so their agreement is taken back: the "
                    "organisations are asked to agree again.",
                    taken_back[0],
                )
                % {"n": taken_back[0]},
            )
        else:
            messages.success(request, _("The indicator is saved."))
        return redirect(_at(indicator))
    current = Indicator.objects.select_related("joint_agreement__network").get(pk=indicator.pk)
    return _indicator_page(request, joint, form, current, status=409 if valid else 422)


@login_required
@require_POST
def indicator_agree(request: HttpRequest, network_id: int, indicator_id: int) -> HttpResponse:
    indicator = get_indicator_for(request.user, network_id, indicator_id)
    network = indicator.joint_agreement.network
    form = AgreeForm(
        request.POST, organisations=organisations_of(request.user, network), indicator=indicator
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_at(indicator))
    organisation = form.cleaned_data["organisation"]
    try:
        started = agree(indicator, organisation, request.user, form.cleaned_data["version"])
    except IndicatorChanged:
        messages.error(request, STALE)
        return redirect(_at(indicator))
    except AlreadyAgreed as already:
        consent = already.consent
        messages.info(
            request,
            _("%(organisation)s agreed already, on %(day)s.")
            % {"organisation": organisation.name, "day": _day(consent.agreed_at)},
        )
        return redirect(_at(indicator))
    log_page(request, network.pk, f"indicator_agree indicator {indicator.pk} organisation "
                              f"{organisation.pk}")  # fmt: skip
    said = _("%(organisation)s agrees to “%(name)s”.") % {
        "organisation": organisation.name,
        "name": indicator.name,
    }
    if started:
        said += " " + _("The indicator counts from now on.")
        made = fill_in(indicator)
        if made:
            said += " " + ngettext(
                "Its figure for %(n)s half-year frozen earlier is worked out now.",
                "Its figures for %(n)s half-years frozen earlier are worked out now.",
                made,
            ) % {"n": made}
    messages.success(request, said)
    return redirect(_at(indicator))


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


@login_required
@require_POST
def indicator_withdraw(
    request: HttpRequest, network_id: int, indicator_id: int, organisation_id: int
) -> HttpResponse:
    """A coordinator takes back the agreement of one of their own organisations."""
    indicator = get_indicator_for(request.user, network_id, indicator_id)
    network = indicator.joint_agreement.network
    organisation = organisations_of(request.user, network).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    if withdraw(indicator, organisation):
        log_page(request, network.pk, f"indicator_withdraw indicator {indicator.pk} organisation "
                                  f"{organisation.pk}")  # fmt: skip
        messages.success(
            request,
            _("%(organisation)s no longer agrees to “%(name)s”.")
            % {"organisation": organisation.name, "name": indicator.name},
        )
    return redirect(_at(indicator))
