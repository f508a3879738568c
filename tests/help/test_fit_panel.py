"""Past de hulp? in the meeting's step 3 and on the board: per domain, with the gaps marked."""

import re

import pytest
from django.urls import reverse

from rondom.help.models import HelpQuestion
from rondom.timeline.kinds import CardKind

from ..conftest import question_of
from .conftest import client_for

OTHER_SUPPORT = "andere steun voor ouders (geld, wonen, veiligheid, gezondheid van een ouder)"


def rows(html: str) -> dict[str, str]:
    """{"domain · for": cell} from the panel's table."""
    found = re.findall(
        r'data-cell="(\w+)">\s*<td[^>]*><strong>([^<]+)</strong></td>\s*<td[^>]*>([^<]+)</td>',
        html,
    )
    return {f"{domain} · {about}": cell for cell, domain, about in found}


@pytest.fixture
def gaps(story):
    """Sam has a social-emotional question and no help for it; the play therapy is help for
    his learning that nobody asked for; the family asks for parenting support and gets it."""
    question_of(story)
    card = story["help_card"]
    card.domain = "learning"
    card.save()
    HelpQuestion.objects.create(case=story["case"], domain="parenting", raised_by=story["parent"])
    story["builder"].card(CardKind.HELP, story["school"], "2022", "Opvoedcursus", None,
                          domain="parenting")  # fmt: skip
    return story


@pytest.mark.django_db
def test_step_three_shows_each_domain_with_its_cell_and_what_to_do(gaps, manager_client):
    url = reverse("meetings:detail", args=[gaps["case"].pk, gaps["meeting"].pk]) + "?step=3"
    page = manager_client.get(url).content.decode()
    assert "Past de hulp?" in page and "2 punten om op te letten." in page
    assert rows(page) == {
        "steun bij de opvoeding · het gezin": "both",
        OTHER_SUPPORT + " · het gezin": "neither",
        "leren van het kind · Sam": "help_only",
        "sociaal-emotionele ontwikkeling · Sam": "question_only",
        "lichamelijke ontwikkeling en gezondheid · Sam": "neither",
    }
    # Each gap says so in words and with a sign, not by colour alone, and offers an action.
    assert page.count("Let op: vraag zonder hulp") == 1
    assert page.count("Let op: hulp zonder vraag") == 1
    child = gaps["child"].pk
    ask = (
        reverse("help:question_create", args=[gaps["case"].pk])
        + f"?domain=learning&amp;child={child}"
    )
    assert ask in page
    assert "?step=5#agreements" in page


@pytest.mark.django_db
def test_the_panel_uses_only_the_cards_this_viewer_may_read(gaps, coach):
    card = gaps["help_card"]
    card.is_draft = True  # the parent's own draft: help for nobody else yet
    card.save()
    url = reverse("meetings:detail", args=[gaps["case"].pk, gaps["meeting"].pk]) + "?step=3"
    page = client_for(coach).get(url).content.decode()
    assert rows(page)["leren van het kind · Sam"] == "neither"
    assert "Speltherapie" not in page


@pytest.mark.django_db
def test_the_board_shows_the_panel_in_step_three(gaps, manager_client):
    url = reverse("meetings:present", args=[gaps["case"].pk, gaps["meeting"].pk])
    board = manager_client.get(url + "?step=3", HTTP_HX_TARGET="board-step").content.decode()
    assert "Past de hulp?" in board
    assert "Let op: vraag zonder hulp" in board and "Let op: hulp zonder vraag" in board
    other = manager_client.get(url + "?step=4", HTTP_HX_TARGET="board-step").content.decode()
    assert "Past de hulp?" not in other
