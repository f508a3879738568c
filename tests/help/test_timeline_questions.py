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


@pytest.mark.django_db
def test_the_timeline_shows_how_satisfied_everyone_is_with_the_help(story, coach, outsider):
    from rondom.help.satisfaction import record_answer

    record_answer(
        participant=story["parent"],
        satisfaction="not_satisfied",
        reasons=["waiting"],
        remark="Te lang gewacht op de logopedist",
        given_by=story["parent"].user,
    )
    url = reverse("timeline:child", args=[story["case"].pk, story["child"].pk])
    page = client_for(coach).get(url).content.decode()
    assert 'id="satisfaction"' in page
    assert "niet tevreden" in page and "Te lang gewacht op de logopedist" in page
    assert client_for(outsider).get(url).status_code == 404
