"""A session ends after a stretch of inactivity: only a person's own requests renew it, not
what an open page does by itself (following the live stream, refreshing after others' edits)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone


def expiry_set_back(client: Client):
    """Put the session's end in the near future, so a renewal shows as a later end."""
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)
    return session.pk, soon


def expires(pk) -> object:
    return Session.objects.get(pk=pk).expire_date


@pytest.mark.django_db
def test_the_live_stream_does_not_renew_an_idle_session(manager_client, story):
    key, soon = expiry_set_back(manager_client)
    manager_client.get(reverse("live:events", args=[story["case"].pk]))
    assert expires(key) == soon


@pytest.mark.django_db
def test_a_refresh_caused_by_someone_else_does_not_renew_it(manager_client, story):
    key, soon = expiry_set_back(manager_client)
    page = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    manager_client.get(page, headers={"HX-Request": "true", "X-Rondom-Background": "1"})
    assert expires(key) == soon


@pytest.mark.django_db
def test_opening_a_page_does_renew_it(manager_client, story):
    key, soon = expiry_set_back(manager_client)
    manager_client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    assert expires(key) > soon + timedelta(minutes=10)
