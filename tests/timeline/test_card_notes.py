"""Notes that reach a card from outside the case (the network's answer to a signal) show with
the card for whoever may read that card, wherever the card goes, and nowhere else."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from jsonschema import Draft202012Validator

from rondom.cases.models import Case
from rondom.exchange.document import schema
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import FORMATS
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import CardNote
from rondom.timeline.notes import add_notes, attach_notes

from ..conftest import coach_with_consent
from ..documents.pdf_reading import all_text, read_pdf

LABEL = "Antwoord van het netwerk (thema Wachtlijsten)"
ANSWER = "QXANSWER: de gemeente koopt twintig extra plekken in."
KEPT = "QXKEPT: antwoord bij een kaartje dat de ouders niet zien."


@pytest.fixture
def noted(story):
    """A shared policy card with the network's answer, and one kept from the parents with an
    answer of its own."""
    b, child = story["builder"], story["child"]
    shared = b.card(CardKind.POLICY, b.manager, "2024", "Wachtlijst jeugd-GGZ", child)
    kept = b.card(CardKind.POLICY, b.manager, "2024", "Zorgmelding bij de wijk", child)
    kept.restricted_to.add(b.manager)
    kept.restriction_reason = "child_safety"
    kept.save()
    add_notes([CardNote(card=shared, label=LABEL, text=ANSWER)])
    add_notes([CardNote(card=kept, label=LABEL, text=KEPT)])
    return {"shared": shared, "kept": kept}


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def timeline(story) -> str:
    return reverse("timeline:child", args=[story["case"].pk, story["child"].pk])


def test_the_note_shows_on_the_card_for_the_people_in_the_case(story, noted, client, manager,
                                                                parent_user):  # fmt: skip
    coach = coach_with_consent(story)
    for user in (manager, parent_user, coach):
        client.force_login(user)
        html = page(client, timeline(story))
        card = html.split(f'id="card-{noted["shared"].pk}"')[1].split("</article>")[0]
        assert f'<strong class="tl-card__from">{LABEL}:</strong> {ANSWER}' in card
    client.force_login(manager)
    history = reverse("timeline:card_history", args=[story["case"].pk, noted["shared"].pk])
    assert ANSWER in page(client, history)
    editor = reverse("timeline:card_edit", args=[story["case"].pk, noted["shared"].pk])
    assert ANSWER in page(client, editor)


def test_a_note_on_a_card_someone_may_not_read_reaches_them_nowhere(story, noted, client,
                                                                    parent_user):  # fmt: skip
    client.force_login(parent_user)
    case = story["case"]
    seen = [
        page(client, timeline(story)),
        page(client, reverse("exchange:case_file", args=[case.pk])),
    ]
    copy = client.get(reverse("documents:family_copy", args=[case.pk]))
    seen.append(all_text(read_pdf(copy.content)))
    praatplaat = client.get(reverse("documents:praatplaat", args=[case.pk, story["child"].pk]))
    seen.append(all_text(read_pdf(praatplaat.content)))
    seen = "\n".join(seen)
    assert "QXANSWER" in seen  # the shared card's note does reach the parent
    assert "QXKEPT" not in seen
    kept = reverse("timeline:card_history", args=[case.pk, noted["kept"].pk])
    assert client.get(kept).status_code == 404


def test_someone_outside_the_case_sees_no_note(story, noted, client, outsider):
    client.force_login(outsider)
    for url in (
        timeline(story),
        reverse("timeline:card_history", args=[story["case"].pk, noted["shared"].pk]),
        reverse("timeline:card_edit", args=[story["case"].pk, noted["shared"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404 and b"QXANSWER" not in response.content


def test_the_note_goes_along_on_paper(story, noted, client, manager, parent_user):
    client.force_login(parent_user)
    with translation.override("nl"):
        copy = client.get(reverse("documents:family_copy", args=[story["case"].pk]))
        sheet = client.get(
            reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
        )
    folded = "".join(all_text(read_pdf(copy.content)).split())
    assert "".join(ANSWER.split()) in folded
    folded = "".join(all_text(read_pdf(sheet.content)).split())
    assert "Notitiesbijdekaartjes" in folded and "QXANSWER" in folded


def test_the_case_file_carries_notes_and_brings_them_back(story, noted):
    document = export_case(story["case"])
    assert Draft202012Validator(schema(), format_checker=FORMATS).is_valid(document)
    by_text = {card["text"]: card for card in document["cards"]}
    assert by_text["Wachtlijst jeugd-GGZ"]["notes"] == [
        {"label": LABEL, "text": ANSWER, "created_at": by_text["Wachtlijst jeugd-GGZ"]["notes"][0]
         ["created_at"]}
    ]  # fmt: skip
    assert "notes" not in by_text["Speltherapie"]  # a card without notes, as before
    copy = Case.objects.get(pk=import_case(json.dumps(document)).case.pk)
    note = CardNote.objects.get(card__case=copy, card__text="Wachtlijst jeugd-GGZ")
    original = CardNote.objects.get(card=noted["shared"])
    assert (note.label, note.text, note.created_at) == (LABEL, ANSWER, original.created_at)


def test_open_pages_hear_of_a_new_note(story, noted, django_capture_on_commit_callbacks,
                                       monkeypatch):  # fmt: skip
    sent = []
    monkeypatch.setattr("rondom.live.hub.hub.deliver", lambda case, event: sent.append(event))
    card = noted["shared"]
    with django_capture_on_commit_callbacks(execute=True):
        add_notes([CardNote(card=card, label=LABEL, text="Nog een antwoord")])
    assert sent == [
        {"case": story["case"].pk, "kind": "card", "id": card.pk, "version": card.version}
    ]


def test_notes_cost_one_query_for_any_number_of_cards(story, noted, django_assert_num_queries):
    cards = list(story["case"].cards.all())
    with django_assert_num_queries(1):
        attach_notes(cards, story["case"].pk)
    assert [n.text for n in noted["shared"].notes.all()] == [ANSWER]
    shown = {card.pk: [n.text for n in card.shown_notes] for card in cards}
    assert shown[noted["shared"].pk] == [ANSWER]
    with django_assert_num_queries(0):
        assert add_notes([]) == []
