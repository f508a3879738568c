"""Changing a question: who raised it or wrote it down, and the case manager; never over
someone else's change."""

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent

from ..conftest import question_of
from .conftest import client_for


def url(story) -> str:
    return reverse("help:question_edit", args=[story["case"].pk, question_of(story).pk])


def data(story, **changes) -> dict:
    question = question_of(story)
    return {
        "domain": question.domain, "child": question.child_id, "text": question.text,
        "raised_by": question.raised_by_id, "date_text": question.date_text,
        "status": question.status, "version": question.version, **changes,
    }  # fmt: skip


@pytest.mark.django_db
def test_the_parent_who_raised_it_changes_it(story, parent_user):
    response = client_for(parent_user).post(url(story), data(story, status="resolved"))
    assert response.status_code == 302
    question_of(story).refresh_from_db()
    assert (question_of(story).status, question_of(story).version) == ("resolved", 2)


@pytest.mark.django_db
def test_another_professional_may_not(story, coach):
    client = client_for(coach)
    assert client.get(url(story)).status_code == 403
    assert client.post(url(story), data(story, status="resolved")).status_code == 403


@pytest.mark.django_db
def test_the_case_managers_change_is_logged_as_a_correction(story, manager_client):
    assert manager_client.post(url(story), data(story, text="Stil in de klas")).status_code == 302
    line = AuditEvent.objects.get(action="change help:question_edit")
    assert line.reason.endswith("correction by case manager")


@pytest.mark.django_db
def test_a_change_made_meanwhile_is_reported_not_overwritten(story, parent_user, manager_client):
    loaded = data(story)  # both opened version 1
    assert manager_client.post(url(story), {**loaded, "text": "Eerst"}).status_code == 302
    response = client_for(parent_user).post(url(story), {**loaded, "text": "Daarna"})
    assert response.status_code == 409
    assert "Iemand anders heeft dit gewijzigd" in response.content.decode()
    question_of(story).refresh_from_db()
    assert question_of(story).text == "Eerst"
