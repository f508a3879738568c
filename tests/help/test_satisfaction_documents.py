"""Satisfaction on paper: the praatplaat shows each person's latest answer, the family's copy
every answer, earlier ones included."""

import pytest
from django.test import Client
from django.urls import reverse

from rondom.help.satisfaction import record_answer

from ..documents.pdf_reading import all_text, read_pdf

pytestmark = pytest.mark.django_db


def folded(pdf: bytes) -> str:
    return " ".join(all_text(read_pdf(pdf)).split()).replace("\u2010 ", "")


@pytest.fixture
def answers(story, parent_user, manager):
    parent = story["parent"]
    record_answer(participant=parent, satisfaction="not_satisfied", reasons=["waiting"],
                  remark="QXOUD", given_by=parent_user)  # fmt: skip
    record_answer(participant=parent, satisfaction="satisfied", reasons=["help_fits"],
                  remark="QXNIEUW", given_by=parent_user)  # fmt: skip
    record_answer(participant=story["school"], satisfaction="partly", reasons=[],
                  remark="QXSCHOOL", given_by=manager)  # fmt: skip


def test_the_praatplaat_shows_the_latest_answer_of_each_person(story, manager_client, answers):
    case, child = story["case"], story["child"]
    pdf = manager_client.get(reverse("documents:praatplaat", args=[case.pk, child.pk])).content
    text = folded(pdf)
    assert "Hoe tevreden is iedereen over de hulp?" in text
    assert "QXNIEUW" in text and "QXSCHOOL" in text and "QXOUD" not in text
    assert "De hulp past bij wat het kind nodig heeft" in text
    assert "deels tevreden" in text


def test_the_family_copy_holds_every_answer(story, parent_user, answers):
    client = Client()
    client.force_login(parent_user)
    text = folded(client.get(reverse("documents:family_copy", args=[story["case"].pk])).content)
    assert "QXNIEUW" in text and "QXOUD" in text and "QXSCHOOL" in text
    assert "Het duurt lang voordat hulp begint" in text


def test_a_case_without_answers_prints_no_empty_table(story, manager_client):
    case, child = story["case"], story["child"]
    pdf = manager_client.get(reverse("documents:praatplaat", args=[case.pk, child.pk])).content
    assert "Hoe tevreden is iedereen" not in folded(pdf)
