"""Questions for help on the praatplaat and in the family's copy, read back from the PDF."""

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion

from ..conftest import question_of
from ..documents.pdf_reading import all_text, read_pdf
from .conftest import client_for


@pytest.mark.django_db
def test_the_praatplaat_lists_the_questions_and_names_a_card_by_its_number(story, coach):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(card=story["help_card"])
    url = reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
    text = all_text(read_pdf(client_for(coach).get(url).content))
    assert "Hulpvragen (1)" in text
    assert "Waarom is Sam zo stil?" in text and "op kaartje" in text


@pytest.mark.django_db
def test_a_draft_card_is_never_named_on_paper(story, coach, draft_card, parent_user):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(card=draft_card)
    url = reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
    text = all_text(read_pdf(client_for(coach).get(url).content))
    assert "Waarom is Sam zo stil?" in text and "op kaartje" not in text
    copy = reverse("documents:family_copy", args=[story["case"].pk])
    text = all_text(read_pdf(client_for(parent_user).get(copy).content))
    assert "Waarom is Sam zo stil?" in text and "Kladje" not in text
    assert "op het kaartje van" not in text
