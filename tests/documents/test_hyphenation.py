"""A Dutch word too long for its card on paper breaks at a hyphen where Dutch allows one
(WeasyPrint hyphenates with pyphen, for the language of the document), never in the middle
of a syllable without a hyphen."""

import re

import pyphen
import pytest
from django.urls import reverse

from rondom.timeline.kinds import CardKind

from .pdf_reading import read_pdf

# Too long for a card of eighteen months on the A3 sheet, at 8 pt.
LONG_WORD = "Arbeidsongeschiktheidsverzekering"


def praatplaat_lines(client, story) -> list[str]:
    url = reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
    response = client.get(url)
    assert response.status_code == 200
    # WeasyPrint draws the hyphen it adds where it breaks a word as U+2010.
    text = "\n".join(page.text for page in read_pdf(response.content)).replace("\u2010", "-")
    return [line.strip() for line in re.split(r"\r?\n", text)]


@pytest.mark.django_db
def test_a_long_dutch_word_on_a_praatplaat_card_breaks_at_a_dutch_hyphen(manager_client, story):
    b = story["builder"]
    b.card(CardKind.HELP, b.manager, "2020", LONG_WORD, story["child"])
    lines = praatplaat_lines(manager_client, story)

    start = next(
        i
        for i, line in enumerate(lines)
        if len(line) > 3 and LONG_WORD.startswith(line.rstrip("-"))
    )
    pieces = [lines[start]]
    while pieces[-1].endswith("-"):
        pieces.append(lines[start + len(pieces)])
    assert len(pieces) > 1, f"broken without a hyphen: {lines[start : start + 2]}"
    assert "".join(piece.removesuffix("-") for piece in pieces) == LONG_WORD, pieces
    # Every break is one of the places where Dutch hyphenates this word.
    allowed = set(pyphen.Pyphen(lang="nl").positions(LONG_WORD))
    position = 0
    for piece in pieces[:-1]:
        position += len(piece) - 1
        assert position in allowed, f"{pieces}: no Dutch hyphen after {LONG_WORD[:position]}"
