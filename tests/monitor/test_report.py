"""The report of a review meeting: an A4 PDF that holds the figures of the meeting's page,
the stories from all three perspectives, the agreements made and the notes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rondom.monitor.models import Story
from tests.documents.pdf_reading import A4_PORTRAIT, all_text, assert_size, read_pdf
from tests.networks.agreement_world import agreement, client_for, today

from .story_world import HIDDEN, MARKER, build_monitor


@pytest.fixture
def monitor(db):
    made = build_monitor()
    happy, period = made.indicators["happy"], made.periods[2]
    for perspective, words in (("child_parent", "Ouders voelen zich gehoord"),
                               ("organisations", "Scholen bellen eerder"),
                               ("network", "Het netwerk deelt een wachtlijst")):  # fmt: skip
        Story.objects.create(indicator=happy, period=period, perspective=perspective,
                             explains=words, will_do=f"Doorgaan: {words.lower()}")  # fmt: skip
    story = Story.objects.get(indicator=happy, period=period, perspective="network")
    made_here = agreement(made.world.network, "Wachtlijst elk kwartaal delen",
                          owner_organisation=made.world.team)  # fmt: skip
    story.agreements.create(agreement=made_here)
    agreement(made.world.network, "Gesprek met de wethouder", owner_user=made.world.ib,
              due_on=today() - timedelta(days=1))  # fmt: skip
    made.review.notes = "We leerden dat de wachtlijst korter werd door het spreekuur."
    made.review.closed_at = timezone.now()
    made.review.save()
    return made


def page_figures(html: str) -> list[str]:
    return [
        value.replace("&lt;", "<")
        for value in re.findall(r"<span data-figure>([^<]*)</span>", html)
    ]


def trend_rows(html: str) -> list[str]:
    """The rows of the page's trend tables, as their cells' texts in a line."""
    rows = []
    for table in re.findall(r"<table .*?</table>", html, re.S):
        if "<caption>Cijfers van " not in table:
            continue
        body = table[table.index("<tbody") :]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            rows.append(" ".join(re.sub(r"<[^>]+>", " ", row).split()).replace("&lt;", "<"))
    return rows


@pytest.mark.django_db
def test_the_report_holds_the_figures_of_the_page_in_the_same_order(monitor):
    client = client_for(monitor.world.coordinator)
    args = [monitor.world.network.pk, monitor.review.pk]
    html = client.get(reverse("monitor:review", args=args)).content.decode()
    shown = page_figures(html)
    # The agenda's moves, then per counting indicator its figure and its trend table.
    assert shown[:9] == ["7", "6", "−1", "70", "76", "+6", "60", "55", "−5"]
    assert "<10" in shown and len(shown) > 30

    response = client.get(reverse("monitor:review_report", args=args))
    assert response["Content-Type"] == "application/pdf"
    pages = read_pdf(response.content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    position = 0
    for value in shown:
        found = text.find(value, position)
        assert found >= 0, (value, text[position : position + 300])
        position = found + len(value)
    # Each row of each trend table reads the same on paper: period, figure, frozen, change.
    rows = trend_rows(html)
    assert len(rows) == 5 * 3 + 2  # five counting indicators, three half-years, two baselines
    for row in rows:
        assert row in text, row
    assert "2026 eerste helft: <10 · streefwaarde 8 (lager is beter)" in text
    assert HIDDEN not in text
    assert "Kleinste getal dat getoond wordt 10" in text
    assert "minder dan 10 casussen, kinderen of antwoorden" in text


@pytest.mark.django_db
def test_the_report_holds_the_stories_agreements_and_notes(monitor):
    client = client_for(monitor.world.coordinator)
    args = [monitor.world.network.pk, monitor.review.pk]
    text = all_text(read_pdf(client.get(reverse("monitor:review_report", args=args)).content))
    assert "Leerbijeenkomst 2026 eerste helft" in text and "Wijk Test" in text
    for words in ("Vanuit kind en ouder Wat het cijfer verklaart Ouders voelen zich gehoord",
                  "Vanuit de organisaties Wat het cijfer verklaart Scholen bellen eerder",
                  "Het netwerk deelt een wachtlijst"):  # fmt: skip
        assert words in text, words
    # An indicator without stories invites them, without a link on paper.
    assert "Vanuit dit perspectief heeft nog niemand het verhaal verteld" in text
    assert "Verhaal schrijven" not in text
    # The agreements made of the stories, with their status; the open ones of the network.
    assert "Wachtlijst elk kwartaal delen Jeugdteam Noord" in text
    assert "Gesprek met de wethouder Inge Bakker" in text and "te laat" in text
    assert "We leerden dat de wachtlijst korter werd door het spreekuur." in text
    assert MARKER not in text
