"""Signals: a bottleneck from a case, passed on to the network, and the network's answer back.

A case manager passes a card of the row *Beleid en organisatie* on to a network the case
counts in. The network gets a copy of the text, the month and a theme, and nothing that
names the case, the child or the author (see `models.Signal`). Which card it came from is
kept apart (`SignalOrigin`), only so that the answer can reach it.

The coordinators group the signals into themes, count them per half-year (small numbers
hidden, as in the insight report) and answer a theme. Every card behind a signal of that
theme then gets the answer as a note, also when a signal joins a theme that was answered
already, and again when the answer changes. The network never learns where its answer went.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from rondom.audit.log import record
from rondom.cases.access import CaseAccess
from rondom.cases.models import Case, Participant
from rondom.insights.periods import half_year_key, half_year_label
from rondom.insights.suppression import Line, hidden_keys
from rondom.networks.access import cases_in_network, min_cell_of
from rondom.networks.models import Network
from rondom.timeline.card_actions import CardAction
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card, CardNote
from rondom.timeline.notes import add_notes

from .models import Signal, SignalOrigin, SignalTheme


class AlreadySent(Exception):
    """The card went to this network before."""


class StaleAnswer(Exception):
    """Someone else answered the theme after this answer was started from it."""

    def __init__(self, current: SignalTheme):
        super().__init__("answered meanwhile")
        self.current = current


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def month_text(month: date) -> str:
    """'november 2026', in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(month, "F Y")


# --- sending ---------------------------------------------------------------------------------


def networks_of_case(case: Case) -> list[Network]:
    """The networks this case counts in (`networks.access.cases_in_network`), by name."""
    managers = Participant.objects.filter(case=case, is_case_manager=True, user__isnull=False)
    candidates = Network.objects.filter(
        members__organisation__memberships__user__in=managers.values("user")
    ).distinct()
    return [n for n in candidates if cases_in_network(n).filter(pk=case.pk).exists()]


def may_send(access: CaseAccess, card: Card) -> bool:
    """Only the case's own case manager passes a card on, and only a shared policy card; a
    site admin takes no part in a case, so does not."""
    return (
        access.sees_content
        and access.participant is not None
        and access.participant.is_case_manager
        and card.case_id == access.case.pk
        and card.kind == CardKind.POLICY
        and not card.is_draft
        and card.deleted_at is None
    )


def open_networks(card: Card) -> list[Network]:
    """The networks of the card's case that did not get this card yet."""
    sent = set(SignalOrigin.objects.filter(card=card).values_list("signal__network_id", flat=True))
    return [n for n in networks_of_case(card.case) if n.pk not in sent]


def send_actions(access: CaseAccess, card: Card) -> list[CardAction]:
    """For the card editor (registered in apps.py): the offer to pass the card on."""
    if not may_send(access, card) or not open_networks(card):
        return []
    url = reverse("monitor:card_signal", args=[card.case_id, card.pk])
    return [CardAction(_("Pass on to the network"), url)]


def sent_label(network: Network, month: date, named: bool) -> str:
    """What the card says once passed on; the network is named when the case counts in more
    than one."""
    with translation.override(settings.LANGUAGE_CODE):
        if named:
            return _("Passed on to the network %(network)s (%(month)s)") % {
                # A note's label holds 200 characters; a network's name may take 160.
                "network": Truncator(network.name).chars(100),
                "month": month_text(month),
            }
        return _("Passed on to the network (%(month)s)") % {"month": month_text(month)}


def send_signal(
    card: Card, network: Network, text: str, theme: SignalTheme | None, user, reason: str = ""
) -> Signal:
    """Pass the card on: a copy of `text` with the month and the theme, its origin kept apart,
    a note on the card, and a line in the case's access log (without the text; `reason` is the
    sender's grounds in the case). Raises AlreadySent when the card went to this network
    before."""
    if theme is not None and theme.network_id != network.pk:
        raise ValueError("the theme belongs to another network")
    networks = networks_of_case(card.case)
    if network.pk not in {counting.pk for counting in networks}:
        raise ValueError("the case does not count in this network")
    named = len(networks) > 1
    with transaction.atomic():
        # One sender at a time per card, so that a double click cannot send it twice.
        Card.objects.select_for_update().filter(pk=card.pk).first()
        if SignalOrigin.objects.filter(card=card, signal__network=network).exists():
            raise AlreadySent
        month = first_of_month(timezone.localdate())
        signal = Signal.objects.create(network=network, theme=theme, text=text, month=month)
        SignalOrigin.objects.create(signal=signal, card=card)
        add_notes([CardNote(card=card, label=sent_label(network, month, named))])
        if theme is not None:
            theme = SignalTheme.objects.select_for_update().get(pk=theme.pk)
        if theme is not None and theme.answered_at is not None:
            deliver_answer(theme, [signal.pk])
    record(
        user,
        "monitor:signal_sent",
        case_id=card.case_id,
        child_id=card.child_id,
        card_id=card.pk,
        reason=reason,
    )
    return signal


# --- themes and answers ----------------------------------------------------------------------


def signals_of(network: Network) -> QuerySet[Signal]:
    """The network's signals, newest month first; within a month by their random id, so the
    order says nothing about when, or from where, each came."""
    return Signal.objects.filter(network=network).select_related("theme").order_by("-month", "pk")


def theme_named(network: Network, name: str) -> SignalTheme | None:
    return SignalTheme.objects.filter(network=network, name__iexact=name.strip()).first()


def assign(network: Network, signal_ids: Iterable[UUID], theme: SignalTheme | None) -> int:
    """Put the network's signals among `signal_ids` under `theme` (None: under no theme).
    Returns how many moved. Those that join an answered theme bring its answer to their
    cards."""
    if theme is not None and theme.network_id != network.pk:
        raise ValueError("the theme belongs to another network")
    with transaction.atomic():
        if theme is not None:
            # Wait for an answer being given to the theme, so these cards get it too.
            theme = SignalTheme.objects.select_for_update().get(pk=theme.pk)
        moving = Signal.objects.filter(network=network, pk__in=list(signal_ids))
        moving = list(moving.exclude(theme=theme) if theme else moving.exclude(theme=None))
        ids = [signal.pk for signal in moving]
        Signal.objects.filter(pk__in=ids).update(theme=theme)
        if theme is not None and theme.answered_at is not None:
            deliver_answer(theme, ids)
    return len(ids)


def answer_theme(theme: SignalTheme, text: str, user, loaded: datetime | None) -> bool:
    """Give or change the theme's answer, unless someone else answered it after `loaded` (the
    `answered_at` the coordinator started from); then raise StaleAnswer. Every card behind
    the theme's signals gets the answer as a note. Returns False when nothing changed."""
    with transaction.atomic():
        stored = SignalTheme.objects.select_for_update().get(pk=theme.pk)
        if stored.answered_at != loaded:
            raise StaleAnswer(stored)
        if stored.answer == text:
            return False
        changed = bool(stored.answer)
        theme.answer, theme.answered_by, theme.answered_at = text, user, timezone.now()
        theme.save(update_fields=["answer", "answered_by", "answered_at"])
        deliver_answer(theme, list(theme.signals.values_list("pk", flat=True)), changed)
    return True


def answer_label(theme: SignalTheme, changed: bool = False) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if changed:
            return _("Changed answer of the network (theme %(theme)s)") % {"theme": theme.name}
        return _("Answer of the network (theme %(theme)s)") % {"theme": theme.name}


def deliver_answer(theme: SignalTheme, signal_ids: list, changed: bool = False) -> int:
    """The theme's answer as a note on the card behind each of these signals, in a fixed
    number of queries. A card that holds this very note already gets no second one."""
    label = answer_label(theme, changed)
    cards = {
        origin.card_id: origin.card
        for origin in SignalOrigin.objects.filter(signal__in=signal_ids).select_related("card")
    }
    # A card that has this answer already, given or changed, gets no second note of it.
    labels = {answer_label(theme, False), answer_label(theme, True)}
    has_it = set(
        CardNote.objects.filter(
            card__in=list(cards), label__in=labels, text=theme.answer
        ).values_list("card_id", flat=True)
    )
    notes = [
        CardNote(card=card, label=label, text=theme.answer)
        for pk, card in cards.items()
        if pk not in has_it
    ]
    add_notes(notes)
    return len(notes)


# --- counts ----------------------------------------------------------------------------------

NO_THEME = "none"


@dataclass(frozen=True)
class CountRow:
    label: str
    cells: tuple[str, ...]  # per half-year: the number, or "<k"
    total: str


@dataclass(frozen=True)
class CountTable:
    k: int
    halves: tuple[str, ...]  # half-year keys, oldest first ("2026-2")
    rows: tuple[CountRow, ...]
    totals: CountRow | None

    @property
    def half_labels(self) -> list[str]:
        return [half_year_label(key) for key in self.halves]


def _halves_between(first: str, last: str) -> list[str]:
    """The half-year keys from `first` to `last`, both included."""
    year, half = (int(part) for part in first.split("-"))
    keys = [first]
    while keys[-1] < last:
        year, half = (year, 2) if half == 1 else (year + 1, 1)
        keys.append(f"{year}-{half}")
    return keys


def count_table(network: Network, today: date | None = None) -> CountTable:
    """Signals per theme and half-year, with the totals; every count below the network's k
    shows as `<k`, and where a total would give a hidden count away, a second one is hidden
    too (`insights.suppression`). Two queries, however many signals."""
    k = min_cell_of(network)
    today = today or timezone.localdate()
    themes = list(SignalTheme.objects.filter(network=network).order_by("name"))
    grouped = (
        Signal.objects.filter(network=network)
        .order_by()
        .values("theme_id", "month")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple, int] = {}
    for row in grouped:
        key = (row["theme_id"] or NO_THEME, half_year_key(row["month"]))
        counts[key] = counts.get(key, 0) + row["n"]
    if not counts:
        return CountTable(k, (), (), None)
    first = min(half for _theme, half in counts)
    halves = _halves_between(first, max(half_year_key(today), max(h for _t, h in counts)))
    lines_of = [(theme.pk, theme.name) for theme in themes]
    if any(theme == NO_THEME for theme, _half in counts):
        lines_of.append((NO_THEME, _("No theme yet")))

    values: dict[tuple, int] = {}
    lines: list[Line] = []
    for theme, _label in lines_of:
        cells = tuple(("cell", theme, half) for half in halves)
        for key in cells:
            values[key] = counts.get(key[1:], 0)
        values[("row", theme)] = sum(values[key] for key in cells)
        lines.append(Line(cells, ("row", theme)))
    for half in halves:
        cells = tuple(("cell", theme, half) for theme, _label in lines_of)
        values[("column", half)] = sum(values[key] for key in cells)
        lines.append(Line(cells, ("column", half)))
    values[("all",)] = sum(values[("row", theme)] for theme, _label in lines_of)
    lines.append(Line(tuple(("row", theme) for theme, _label in lines_of), ("all",)))
    lines.append(Line(tuple(("column", half) for half in halves), ("all",)))
    hidden = hidden_keys(values, lines, k)

    def text(key: tuple) -> str:
        return f"<{k}" if key in hidden else str(values[key])

    rows = tuple(
        CountRow(
            str(label),
            tuple(text(("cell", theme, half)) for half in halves),
            text(("row", theme)),
        )
        for theme, label in lines_of
    )
    totals = CountRow(
        _("All signals"), tuple(text(("column", half)) for half in halves), text(("all",))
    )
    return CountTable(k, tuple(halves), rows, totals)


def signal_counts(network: Network, start: date, end: date) -> dict[int | None, int]:
    """How many signals the network got per theme (None: no theme yet) in the months from
    `start` to `end`; raw counts, for a figure that applies the `<k` rule itself."""
    rows = (
        Signal.objects.filter(network=network, month__gte=first_of_month(start), month__lte=end)
        .order_by()
        .values("theme_id")
        .annotate(n=Count("pk"))
    )
    return {row["theme_id"]: row["n"] for row in rows}
