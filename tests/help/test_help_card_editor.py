"""A help card asks its domain and the question it answers, in the card editor."""

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

from ..conftest import question_of
from .conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_help(story) -> str:
    return reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=help"


def post(client, story, **data):
    base = {"kind": CardKind.HELP, "child": story["child"].pk, "text": "Weerbaarheidstraining",
            "date_text": "2022"}  # fmt: skip
    return client.post(new_help(story), {**base, **data}, **HTMX)


@pytest.mark.django_db
def test_a_new_help_card_needs_a_domain(story, parent_user):
    response = post(client_for(parent_user), story)
    assert response.status_code == 422
    assert "Kies het gebied van de hulp" in response.content.decode()


@pytest.mark.django_db
def test_an_old_help_card_without_a_domain_may_stay_without(story, parent_user):
    card = story["help_card"]  # written before the domain was asked
    url = reverse("timeline:card_edit", args=[story["case"].pk, card.pk])
    response = client_for(parent_user).post(
        url, {"kind": "help", "child": story["child"].pk, "text": "Speltherapie, wekelijks",
              "date_text": "2021", "version": card.version}, **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    card.refresh_from_db()
    assert (card.text, card.domain) == ("Speltherapie, wekelijks", "")


@pytest.mark.django_db
def test_picking_a_question_sets_the_domain_and_may_set_it_helped(story, parent_user):
    question = question_of(story)
    response = post(client_for(parent_user), story, question=question.pk, set_question_helped="on")
    assert response.status_code == 200
    assert "hulp loopt" in response["HX-Trigger"]
    card = Card.objects.get(text="Weerbaarheidstraining")
    assert (card.question, card.domain) == (question, "social_emotional")
    question.refresh_from_db()
    assert (question.status, question.version) == ("helped", 2)


@pytest.mark.django_db
def test_the_question_stays_open_unless_asked(story, parent_user):
    post(client_for(parent_user), story, question=question_of(story).pk)
    question_of(story).refresh_from_db()
    assert question_of(story).status == "open"


@pytest.mark.django_db
def test_a_domain_that_is_not_the_questions_is_refused(story, parent_user):
    response = post(client_for(parent_user), story, question=question_of(story).pk,
                    domain="learning")  # fmt: skip
    assert response.status_code == 422
    assert "Deze hulpvraag gaat over sociaal-emotionele ontwikkeling" in response.content.decode()
    assert not Card.objects.filter(text="Weerbaarheidstraining").exists()


@pytest.mark.django_db
def test_another_cases_question_cannot_be_chosen(story, other_story, parent_user):
    elsewhere = HelpQuestion.objects.create(case=other_story["case"], domain="parenting")
    response = post(client_for(parent_user), story, question=elsewhere.pk, domain="parenting")
    assert response.status_code == 422


@pytest.mark.django_db
def test_done_questions_are_not_offered(story, manager_client):
    question_of(story)
    HelpQuestion.objects.create(case=story["case"], domain="parenting", text="Al opgelost",
                                status="resolved")  # fmt: skip
    page = manager_client.get(new_help(story) + f"&child={story['child'].pk}", **HTMX)
    html = page.content.decode()
    assert "Waarom is Sam zo stil?" in html and "Al opgelost" not in html
    assert "geen hulpvraag (hulp zonder vraag)" in html
