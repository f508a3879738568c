"""A signal carries no case identity: not in its fields, and not on any page that shows it,
for every role that sees signals. The order of the signals gives nothing away either."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from rondom.monitor.models import Signal, SignalOrigin, SignalTheme
from rondom.monitor.signals import answer_theme, assign
from rondom.timeline.models import CardNote

from .signal_world import SENT_TEXT, build_world, client_for, send


@pytest.fixture
def world(db):
    return build_world()


def test_a_signal_has_only_its_network_theme_text_and_month():
    own = {
        field.name: field
        for field in Signal._meta.get_fields()
        if not (field.auto_created and not field.concrete)
    }
    assert set(own) == {"id", "network", "theme", "text", "month"}
    assert isinstance(own["id"], models.UUIDField) and own["id"].default is uuid.uuid4
    assert isinstance(own["month"], models.DateField)
    assert not isinstance(own["month"], models.DateTimeField)
    assert {own["network"].related_model.__name__, own["theme"].related_model.__name__} == {
        "Network",
        "SignalTheme",
    }
    # The way back to the card is a separate record, with a random id too.
    reverse_fields = [f.name for f in Signal._meta.get_fields() if f.auto_created]
    assert reverse_fields == ["origin"]
    origin = {field.name for field in SignalOrigin._meta.get_fields()}
    assert origin == {"id", "signal", "card"}
    assert isinstance(SignalOrigin._meta.pk, models.UUIDField)


def test_the_stored_signal_holds_nothing_of_the_case(world):
    send(world)
    signal = Signal.objects.get(network=world.network)
    stored = {
        field.attname: getattr(signal, field.attname) for field in Signal._meta.concrete_fields
    }
    assert stored == {
        "id": signal.pk,
        "network_id": world.network.pk,
        "theme_id": None,
        "text": SENT_TEXT,
        "month": timezone.localdate().replace(day=1),
    }
    written = " ".join(str(value) for value in stored.values())
    for marker in world.identifying():
        assert marker not in written


def test_nothing_in_the_admin_reaches_signals_or_their_origin():
    registered = {model.__name__ for model in admin.site._registry}
    assert not registered & {"Signal", "SignalOrigin", "SignalTheme", "CardNote"}


def coordinator_pages(client, world) -> dict[str, str]:
    """Every page and state a coordinator sees signals in."""
    network = world.network
    themes = list(SignalTheme.objects.filter(network=network))
    base = reverse("monitor:signals", args=[network.pk])
    urls = [base, f"{base}?theme=none", f"{base}?page=2", f"{base}?theme=abc"]
    for theme in themes:
        urls += [f"{base}?theme={theme.pk}", reverse("monitor:theme", args=[network.pk, theme.pk])]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    # What a wrong form brings back shows the same list.
    response = client.post(reverse("monitor:signals_assign", args=[network.pk]), {"theme": ""})
    assert response.status_code == 422
    pages["assign refused"] = response.content.decode()
    return pages


@pytest.mark.parametrize("role", ["coordinator", "site admin"])
def test_no_page_with_signals_names_the_case(world, role):
    send(world)
    signal = Signal.objects.get(network=world.network)
    theme = SignalTheme.objects.create(network=world.network, name="Wachtlijsten")
    assign(world.network, [signal.pk], theme)
    answer_theme(theme, "We kopen plekken in.", world.coordinator, None)
    # The theme page shows when it was answered; not in the minute the card went up.
    answered = timezone.now() - timedelta(days=3, minutes=7)
    SignalTheme.objects.filter(pk=theme.pk).update(answered_at=answered)
    assert CardNote.objects.filter(card=world.card).count() == 2  # the answer did arrive
    user = {"coordinator": world.coordinator, "site admin": world.admin}[role]
    with translation.override("nl"):
        pages = coordinator_pages(client_for(user), world)
    origin = SignalOrigin.objects.get(signal=signal)
    note = CardNote.objects.filter(card=world.card).first()
    forbidden = [
        *world.identifying(),
        str(origin.pk),
        f"/cases/{world.case.pk}/",
        # The moment it was sent: the note on the card has it to the second.
        timezone.localtime(note.created_at).strftime("%H:%M"),
    ]
    for url, html in pages.items():
        assert (SENT_TEXT in html) == ("theme=none" not in url), url
        for marker in forbidden:
            assert marker not in html, (url, marker)
        assert not re.search(r"/cases/\d", html), url


def test_within_a_month_the_order_is_that_of_the_random_ids(world):
    month = date(2026, 3, 1)
    made = [
        Signal.objects.create(network=world.network, text=f"Signaal nummer {n:02d}", month=month)
        for n in range(30)
    ]
    Signal.objects.create(network=world.network, text="Een latere maand", month=date(2026, 4, 1))
    html = client_for(world.coordinator).get(reverse("monitor:signals", args=[world.network.pk]))
    html = html.content.decode()
    shown = re.findall(r'sg-text">(Signaal nummer \d\d)', html)
    assert shown == [f"Signaal nummer {n:02d}" for n in _by_id(made)]
    assert shown != sorted(shown)  # random ids; 30 in their own order is one chance in 30!
    assert html.index("Een latere maand") < html.index("Signaal nummer")


def _by_id(signals: list[Signal]) -> list[int]:
    order = sorted(range(len(signals)), key=lambda n: signals[n].pk)
    return order
