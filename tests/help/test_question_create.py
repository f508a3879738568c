"""Adding a question for help: a domain, for the family or one child, dated like a card."""

from datetime import date

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.help.models import HelpQuestion

from .conftest import client_for


def url(story) -> str:
    return reverse("help:question_create", args=[story["case"].pk])


@pytest.mark.django_db
def test_the_only_child_is_chosen_and_the_person_who_adds_it_raised_it(story, coach):
    page = client_for(coach).get(url(story)).content.decode()
    child = story["child"].pk
    assert f'<option value="{child}" selected>Sam</option>' in page
    me = story["case"].participants.get(user=coach).pk
    assert f'<option value="{me}" selected>' in page


@pytest.mark.django_db
def test_a_question_is_dated_through_the_school_career_like_a_card(story, coach):
    response = client_for(coach).post(
        url(story),
        {"domain": "learning", "child": story["child"].pk, "text": "Lezen gaat moeizaam",
         "raised_by": story["parent"].pk, "date_text": "groep 3", "status": "open"},
    )  # fmt: skip
    assert response.status_code == 302
    question = HelpQuestion.objects.get(text="Lezen gaat moeizaam")
    # Sam's career starts in August 2019 with group 1, so group 3 is 2021/2022.
    assert (question.starts_on, question.ends_on) == (date(2021, 8, 1), date(2022, 7, 31))
    assert question.date_groups == "3" and question.created_by == coach
    assert AuditEvent.objects.filter(
        action="change help:question_create", actor_id=coach.pk
    ).exists()


@pytest.mark.django_db
def test_a_family_domain_has_no_child_and_a_child_domain_needs_one(story, coach):
    client = client_for(coach)
    family = {"domain": "parenting", "child": story["child"].pk, "raised_by": story["parent"].pk,
              "status": "open", "date_text": "2020"}  # fmt: skip
    assert client.post(url(story), family).status_code == 302
    assert HelpQuestion.objects.get(domain="parenting").child is None
    no_child = {**family, "domain": "physical", "child": ""}
    response = client.post(url(story), no_child)
    assert response.status_code == 422
    assert "gaat over één kind. Kies het kind." in response.content.decode()


@pytest.mark.django_db
def test_a_date_that_cannot_be_is_refused_in_dutch(story, coach):
    data = {"domain": "parenting", "raised_by": story["parent"].pk, "status": "open",
            "date_text": "31-02-2020"}  # fmt: skip
    response = client_for(coach).post(url(story), data)
    assert response.status_code == 422
    assert not HelpQuestion.objects.filter(domain="parenting").exists()


@pytest.mark.django_db
def test_a_private_draft_of_someone_else_cannot_be_the_card_it_shows_on(story, coach, draft_card):
    client = client_for(coach)
    assert "Kladje" not in client.get(url(story)).content.decode()
    data = {"domain": "parenting", "raised_by": story["parent"].pk, "status": "open",
            "card": draft_card.pk}  # fmt: skip
    assert client.post(url(story), data).status_code == 422


@pytest.mark.django_db
def test_a_question_dated_by_group_moves_when_the_school_career_changes(story, coach):
    from rondom.career.changes import career_changed, set_group_sequence

    client_for(coach).post(
        url(story),
        {"domain": "learning", "child": story["child"].pk, "text": "Rekenen",
         "raised_by": story["parent"].pk, "date_text": "groep 3", "status": "open"},
    )  # fmt: skip
    period = story["child"].school_periods.first()
    set_group_sequence(period, ["1", "2", "2", "3", "4"], 2019)  # group 2 repeated
    career_changed(story["child"])
    question = HelpQuestion.objects.get(text="Rekenen")
    assert (question.starts_on, question.ends_on) == (date(2022, 8, 1), date(2023, 7, 31))
