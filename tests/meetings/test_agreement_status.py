"""Marking an agreement done, dropped or open again, when two people do it at once."""

import pytest
from django.test import Client
from django.urls import reverse

from rondom.meetings.models import Agreement


def _set(client: Client, agreement: Agreement, status: str, version) -> str:
    response = client.post(
        reverse(
            "meetings:agreement_status",
            args=[agreement.case_id, agreement.meeting_id, agreement.pk],
        ),
        {"status": status, "version": version},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_page_sends_the_version_it_shows(story, manager_client):
    agreement = story["agreement"]
    page = manager_client.get(
        reverse("meetings:detail", args=[agreement.case_id, agreement.meeting_id])
    ).content.decode()
    assert f'name="version" value="{agreement.version}"' in page


@pytest.mark.django_db
def test_a_status_set_from_an_old_page_does_not_overwrite_the_newer_one(
    story, manager_client, parent_user
):
    agreement = story["agreement"]
    seen = agreement.version
    parent = Client()
    parent.force_login(parent_user)
    _set(parent, agreement, "done", seen)
    html = _set(manager_client, agreement, "dropped", seen)
    agreement.refresh_from_db()
    assert agreement.status == "done" and agreement.version == seen + 1
    assert agreement.status_set_by == parent_user
    assert "Iemand anders heeft deze afspraak intussen gewijzigd; die staat nu op “klaar”" in html


@pytest.mark.django_db
def test_a_status_set_from_the_current_page_is_saved(story, manager_client, manager):
    agreement = story["agreement"]
    _set(manager_client, agreement, "dropped", agreement.version)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.status_set_by) == ("dropped", manager)
