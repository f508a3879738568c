"""The questions for help beside a child's timeline, with a link to a card only if readable."""

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion

from ..conftest import question_of
from .conftest import client_for


@pytest.mark.django_db
def test_the_timeline_lists_the_childs_and_the_familys_questions(story, coach):
    question_of(story)
    HelpQuestion.objects.create(case=story["case"], domain="parenting", text="Bedtijd")
    url = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    page = client_for(coach).get(url).content.decode()
    assert "Hulpvragen (2)" in page
    assert "Waarom is Sam zo stil?" in page and "Bedtijd" in page
    assert "open" in page and reverse("help:questions", args=[story["case"].pk]) in page


@pytest.mark.django_db
def test_a_question_on_a_card_the_viewer_cannot_see_shows_without_the_link(
    story, coach, parent_user, draft_card
):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(card=draft_card)
    url = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    for user in (coach, parent_user):
        page = client_for(user).get(url).content.decode()
        assert "Waarom is Sam zo stil?" in page
        assert f"#card-{draft_card.pk}" not in page
    mine = client_for(story["school"].user).get(url).content.decode()
    assert f'href="#card-{draft_card.pk}"' in mine  # the draft's author sees it
