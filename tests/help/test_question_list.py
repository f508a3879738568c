"""The page of a case's questions for help: everyone who sees the content reads them."""

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion

from ..conftest import question_of
from .conftest import client_for


def url(story) -> str:
    return reverse("help:questions", args=[story["case"].pk])


@pytest.mark.django_db
def test_the_list_shows_each_question_grouped_for_the_family_and_per_child(story, coach):
    question_of(story)
    HelpQuestion.objects.create(
        case=story["case"], domain="parenting", text="Grenzen stellen", raised_by=story["parent"]
    )
    page = client_for(coach).get(url(story)).content.decode()
    assert "Hulpvragen" in page
    family, sam = (
        page.index("Het gezin"),
        page.index('<h2 class="utrecht-heading-2" id="group-2">Sam</h2>'),
    )
    assert family < page.index("Grenzen stellen") < sam < page.index("Waarom is Sam zo stil?")
    assert "steun bij de opvoeding" in page and "sociaal-emotionele ontwikkeling" in page.lower()
    assert "gesteld door Samira" in page and "sinds 2021" in page


@pytest.mark.django_db
def test_only_who_may_change_a_question_is_offered_to(story, coach, parent_user, manager):
    edit = reverse("help:question_edit", args=[story["case"].pk, question_of(story).pk])
    assert edit not in client_for(coach).get(url(story)).content.decode()
    assert edit in client_for(parent_user).get(url(story)).content.decode()  # raised it
    assert edit in client_for(manager).get(url(story)).content.decode()  # the case manager


@pytest.mark.django_db
def test_the_case_page_links_to_the_list(story, manager_client):
    page = manager_client.get(reverse("cases:detail", args=[story["case"].pk])).content.decode()
    assert url(story) in page
