"""Signals: the case manager passes a policy card on to the network; the network's
coordinators read the signals, group them into themes, count them and answer a theme.

The case side goes through the case access policy (`timeline.views.cards.get_card_for`); the
network side through the monitor's helpers, a 404 for anyone but the network's coordinators
and site admins. Nothing on the network side names a case, a child, a card or an author.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rondom.audit.log import record
from rondom.networks.models import Network
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card
from rondom.timeline.views.cards import get_card_for

from ..access import get_network_for_monitor, get_theme_for
from ..identity import identifying_words
from ..models import SignalOrigin, SignalTheme
from ..signal_forms import NO_THEME, AnswerForm, AssignForm, SendSignalForm, ThemeForm
from ..signals import (
    AlreadySent,
    StaleAnswer,
    answer_theme,
    assign,
    count_table,
    first_of_month,
    month_text,
    open_networks,
    send_signal,
    signals_of,
)

SIGNALS_A_PAGE = 100


def _log(request: HttpRequest, network: Network, action: str) -> None:
    """A line in the access log with the network as its grounds; never a signal's text."""
    record(request.user, f"monitor:{action}", reason=f"network {network.pk}")


# --- the case side ---------------------------------------------------------------------------


def _back_url(card: Card) -> str:
    if card.child_id:
        return reverse("timeline:child", args=[card.case_id, card.child_id])
    return reverse("cases:detail", args=[card.case_id])


@login_required
def card_signal(request: HttpRequest, case_id: int, card_id: int) -> HttpResponse:
    """Pass a policy card on to the network: a page that shows exactly what goes, and what
    does not, and warns of names and dates of birth of the case in the text."""
    access, card = get_card_for(request, case_id, card_id)
    if not (access.participant and access.participant.is_case_manager):
        raise PermissionDenied
    if card.kind != CardKind.POLICY or card.is_draft or card.deleted_at is not None:
        raise Http404
    case = access.case
    context = {"case": case, "card": card, "back_url": _back_url(card)}
    networks = open_networks(card)
    if not networks:
        context["already_sent"] = SignalOrigin.objects.filter(card=card).exists()
        return render(request, "monitor/signal_send.html", context)
    themes = list(SignalTheme.objects.filter(network__in=networks).order_by("name"))
    kwargs = {"networks": networks, "themes": themes}
    status = 200
    if request.method == "POST":
        form = SendSignalForm(request.POST, **kwargs)
        words = []
        if form.is_valid():
            data = form.cleaned_data
            words = identifying_words(data["text"], case)
            confirmed = data["send_anyway"] and form.warned_words == words
            if not words or confirmed:
                try:
                    send_signal(card, data["network"], data["text"], data["theme_object"],
                                request.user, access.reason)  # fmt: skip
                except AlreadySent:
                    messages.error(request, _("This card was passed on to that network before."))
                    return redirect(context["back_url"])
                messages.success(request, _("The card is passed on to the network."))
                return redirect(context["back_url"])
            # Warn (again): the box to send anyway covers exactly the words now in the text.
            again = request.POST.copy()
            again["warned"] = "|".join(words)
            again.pop("send_anyway", None)
            form = SendSignalForm(again, **kwargs)
            form.is_valid()
        else:
            status = 422
    else:
        form = SendSignalForm(initial={"text": card.text}, **kwargs)
        words = identifying_words(card.text, case)
        form.initial["warned"] = "|".join(words)
    context |= {
        "form": form,
        "networks": networks,
        "words": words,
        "month": month_text(first_of_month(timezone.localdate())),
    }
    return render(request, "monitor/signal_send.html", context, status=status)


# --- the network side ------------------------------------------------------------------------


def _chosen_theme(request: HttpRequest, themes: list[SignalTheme]) -> tuple[str, str]:
    """The theme the list is narrowed to, from ?theme= (an id, "none", or nothing), with its
    name; an unknown value shows every signal."""
    value = request.GET.get("theme", "")
    if value == NO_THEME:
        return value, _("No theme yet")
    names = {str(theme.pk): theme.name for theme in themes}
    return (value, names[value]) if value in names else ("", "")


def _list_page(
    request: HttpRequest,
    network: Network,
    assign_form: AssignForm | None = None,
    theme_form: ThemeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    themes = list(SignalTheme.objects.filter(network=network).order_by("name"))
    chosen, chosen_name = _chosen_theme(request, themes)
    signals = signals_of(network)
    if chosen == NO_THEME:
        signals = signals.filter(theme__isnull=True)
    elif chosen:
        signals = signals.filter(theme_id=int(chosen))
    page = Paginator(signals, SIGNALS_A_PAGE).get_page(request.GET.get("page"))
    _log(request, network, "signals")
    context = {
        "network": network,
        "themes": themes,
        "chosen": chosen,
        "chosen_name": chosen_name,
        "page": page,
        "table": count_table(network),
        "assign_form": assign_form or AssignForm(network=network, themes=themes),
        "theme_form": theme_form or ThemeForm(network=network),
        "no_theme": NO_THEME,
    }
    return render(request, "monitor/signals.html", context, status=status)


@login_required
def signal_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    return _list_page(request, network)


def _list_url(network: Network, request: HttpRequest) -> str:
    """Back to the list as it was narrowed down."""
    url = reverse("monitor:signals", args=[network.pk])
    theme = request.POST.get("shown", "")
    if theme == NO_THEME or theme.isdigit():
        url += f"?theme={theme}"
    return url


@login_required
@require_POST
def signals_assign(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    themes = list(SignalTheme.objects.filter(network=network).order_by("name"))
    form = AssignForm(request.POST, network=network, themes=themes)
    if not form.is_valid():
        return _list_page(request, network, assign_form=form, status=422)
    theme = form.cleaned_data["theme_object"]
    moved = assign(network, form.cleaned_data["signal_ids"], theme)
    _log(request, network, "signals_assign")
    if theme is None:
        message = ngettext(
            "%(count)d signal is now under no theme.",
            "%(count)d signals are now under no theme.",
            moved,
        ) % {"count": moved}
    else:
        message = ngettext(
            "%(count)d signal moved to the theme %(theme)s.",
            "%(count)d signals moved to the theme %(theme)s.",
            moved,
        ) % {"count": moved, "theme": theme.name}
        if theme.answered_at and moved:
            message += " " + _("The theme's answer goes to the cases they came from.")
    messages.success(request, message)
    return redirect(_list_url(network, request))


@login_required
@require_POST
def theme_new(request: HttpRequest, network_id: int) -> HttpResponse:
    network = get_network_for_monitor(request.user, network_id)
    form = ThemeForm(request.POST, network=network)
    if not form.is_valid():
        return _list_page(request, network, theme_form=form, status=422)
    SignalTheme.objects.get_or_create(network=network, name=form.cleaned_data["name"])
    _log(request, network, "theme_new")
    messages.success(
        request, _("The theme %(name)s is ready.") % {"name": form.cleaned_data["name"]}
    )
    return redirect(_list_url(network, request))


@login_required
def theme_detail(request: HttpRequest, network_id: int, theme_id: int) -> HttpResponse:
    """A theme's signals and the network's answer, which every case behind them receives."""
    theme = get_theme_for(request.user, network_id, theme_id)
    network = theme.network
    status = 200
    conflict = None
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                changed = answer_theme(theme, data["answer"], request.user, data["loaded"])
            except StaleAnswer as stale:
                conflict = stale.current
                again = request.POST.copy()
                again["loaded"] = conflict.answered_at.isoformat() if conflict.answered_at else ""
                form = AnswerForm(again)
                form.is_valid()
                form.add_error(
                    None,
                    _("Someone else answered this theme while you were writing. Your answer "
                      "was not saved. Their answer is shown above; save again to replace it."),
                )  # fmt: skip
                status = 409
            else:
                _log(request, network, "theme_answer")
                if changed:
                    messages.success(
                        request, _("The answer is saved and goes to the cases behind the theme.")
                    )
                return redirect("monitor:theme", network_id=network.pk, theme_id=theme.pk)
        else:
            status = 422
    else:
        loaded = theme.answered_at.isoformat() if theme.answered_at else ""
        form = AnswerForm(initial={"answer": theme.answer, "loaded": loaded})
    if conflict is not None:
        theme = conflict
    signals = signals_of(network).filter(theme=theme)
    page = Paginator(signals, SIGNALS_A_PAGE).get_page(request.GET.get("page"))
    _log(request, network, "theme")
    context = {"network": network, "theme": theme, "page": page, "form": form,
               "conflict": conflict is not None}  # fmt: skip
    return render(request, "monitor/theme_detail.html", context, status=status)
