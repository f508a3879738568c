"""Removing a question asks first; the help cards that answered it stay."""

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion

from ..conftest import question_of
from .conftest import client_for


def url(story) -> str:
    return reverse("help:question_delete", args=[story["case"].pk, question_of(story).pk])


@pytest.mark.django_db
def test_it_asks_first_then_removes_and_the_help_card_stays(story, parent_user):
    card = story["help_card"]
    card.question, card.domain = question_of(story), "social_emotional"
    card.save()
    client = client_for(parent_user)
    page = client.get(url(story)).content.decode()
    assert "Deze hulpvraag verwijderen?" in page and "1 hulpkaartje hoort bij deze vraag" in page
    assert HelpQuestion.objects.filter(pk=question_of(story).pk).exists()
    assert client.post(url(story), {"version": 1}).status_code == 302
    assert not HelpQuestion.objects.filter(pk=question_of(story).pk).exists()
    card.refresh_from_db()
    assert card.question is None and card.deleted_at is None


@pytest.mark.django_db
def test_a_question_changed_since_the_page_was_opened_is_not_removed(story, parent_user):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(version=2, status="resolved")
    response = client_for(parent_user).post(url(story), {"version": 1})
    assert response.status_code == 409
    assert "Er is niets verwijderd" in response.content.decode()
    assert HelpQuestion.objects.filter(pk=question_of(story).pk).exists()


@pytest.mark.django_db
def test_someone_who_did_not_raise_it_may_not(story, coach):
    assert client_for(coach).post(url(story), {"version": 1}).status_code == 403
    assert HelpQuestion.objects.filter(pk=question_of(story).pk).exists()
