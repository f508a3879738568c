"""Figures entered by hand: per half-year the value of an indicator whose source is not
Rondom, and where it comes from (the gemeente, the CBS). Only the network's coordinators
enter them; a second save from an older page is refused, never overwritten."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rondom.insights.periods import half_year
from rondom.networks.access import min_cell_of

from ..access import get_indicator_for
from ..freezing import half_of, next_half, runs_in
from ..models import Indicator, Period, PeriodValue
from ..value_forms import ManualValueForm
from ..values import shown
from .agreements import half_label, log_page


def _manual_indicator(request, network_id: int, indicator_id: int) -> Indicator:
    indicator = get_indicator_for(request.user, network_id, indicator_id)
    if not indicator.is_manual:
        raise Http404
    return indicator


def _half_years(indicator: Indicator, today: date) -> list[tuple[int, int]]:
    """The half-years a figure can be entered for: those the joint agreement runs in, up to
    and with the running one, newest first."""
    joint = indicator.joint_agreement
    found, current = [], half_of(joint.starts_on)
    last = half_of(today)
    while current <= last and runs_in(joint, half_year(*current)):
        found.append(current)
        current = next_half(*current)
    return found[::-1]


@login_required
def value_list(request: HttpRequest, network_id: int, indicator_id: int) -> HttpResponse:
    indicator = _manual_indicator(request, network_id, indicator_id)
    network = indicator.joint_agreement.network
    k = min_cell_of(network)
    stored = {
        (value.period.year, value.period.half): value
        for value in indicator.values.select_related("period", "entered_by")
    }
    halves = [
        (year, half, half_label(year, half), stored.get((year, half)))
        for year, half in _half_years(indicator, timezone.localdate())
    ]
    rows = [(year, half, label, value, shown(value, k)) for year, half, label, value in halves]
    log_page(request, network.pk, f"values indicator {indicator.pk}")
    context = {"network": network, "indicator": indicator, "rows": rows, "k": k}
    return render(request, "monitor/value_list.html", context)


@login_required
def value_edit(
    request: HttpRequest, network_id: int, indicator_id: int, year: int, half: int
) -> HttpResponse:
    indicator = _manual_indicator(request, network_id, indicator_id)
    if (year, half) not in _half_years(indicator, timezone.localdate()):
        raise Http404
    network = indicator.joint_agreement.network
    stored = indicator.values.filter(period__year=year, period__half=half).first()
    value = stored or PeriodValue(indicator=indicator)
    label = half_label(year, half)
    if request.method != "POST":
        form = ManualValueForm(instance=value)
        return _value_page(request, indicator, form, label)
    form = ManualValueForm(request.POST, instance=value)
    if not form.is_valid():
        return _value_page(request, indicator, form, label, status=422)
    if value.pk is None:
        period, _created = Period.objects.get_or_create(network=network, year=year, half=half)
        value.period = period
    value.entered_by = request.user
    value.entered_at = timezone.now()
    try:
        saved = form.save_if_current()
    except IntegrityError:
        # Someone else entered the first figure for this half-year at the same moment.
        saved = None
        form.refuse(indicator.values.get(period__year=year, period__half=half))
    if saved is None:
        return _value_page(request, indicator, form, label, status=409)
    log_page(request, network.pk, f"value_enter indicator {indicator.pk} period {year}-{half}")
    messages.success(request, _("The figure for %(half)s is saved.") % {"half": label})
    return redirect("monitor:values", network_id=network.pk, indicator_id=indicator.pk)


def _value_page(request, indicator, form, label, status=200) -> HttpResponse:
    context = {
        "network": indicator.joint_agreement.network,
        "indicator": indicator,
        "form": form,
        "half_label": label,
    }
    return render(request, "monitor/value_edit.html", context, status=status)
