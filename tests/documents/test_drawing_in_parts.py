"""A long praatplaat is drawn in parts, side by side, and joined, when the cores are free:
nothing may get lost either way."""

from datetime import date

import pytest
from django.utils import translation

from rondom.documents import pdf, timeline_sheets
from rondom.documents.pdf import draw_in_parts
from rondom.documents.praatplaat import Band, split_bands
from rondom.documents.timeline_sheets import DRAW_IN_PARTS_FROM, praatplaat_pdf
from rondom.timeline.kinds import ROWS, CardKind

from .pdf_reading import A3_LANDSCAPE, all_text, assert_size, read_pdf


def test_split_keeps_every_band_in_order_and_balances_the_cards():
    bands = [Band(ROWS[0], first=True, items=[object()] * n) for n in (9, 1, 1, 9, 5, 5)]
    runs = split_bands(bands, 2)
    assert [band for run in runs for band in run] == bands
    assert len(runs) == 2
    weights = [sum(1 + len(band.items) for band in run) for run in runs]
    assert abs(weights[0] - weights[1]) <= 10
    assert split_bands(bands, 1) == [bands]
    assert split_bands(bands[:1], 4) == [bands[:1]]


@pytest.mark.parametrize(
    ("cores", "load", "expected"),
    [
        (1, 0.0, False),  # one core: nothing to share the work with
        (2, 0.0, True),
        (2, 0.99, True),
        (2, 1.0, False),  # the other core is as good as taken
        (2, 1.8, False),
        (4, 2.9, True),
        (4, 3.0, False),
        (8, 0.5, True),
        (8, 12.0, False),
        (2, float("inf"), False),  # the load could not be read
    ],
)
def test_parts_only_when_cores_are_free(cores, load, expected):
    assert draw_in_parts(cores, load) is expected


@pytest.fixture
def drawn(monkeypatch) -> list[int]:
    """How many parts each praatplaat was drawn in."""
    counts: list[int] = []
    render = timeline_sheets.render_parts

    def counting(htmls):
        counts.append(len(htmls))
        return render(htmls)

    monkeypatch.setattr(timeline_sheets, "render_parts", counting)
    return counts


def long_timeline(story) -> int:
    b, child = story["builder"], story["child"]
    count = DRAW_IN_PARTS_FROM + 10
    for i in range(count):
        kind = (CardKind.HELP, CardKind.DEVELOPMENT, CardKind.LIFE_EVENT)[i % 3]
        b.card(kind, b.manager, str(2015 + i % 11), f"deel{i:03d} tekst", child)
    return count


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("workers", "load", "in_parts", "parts"),
    [(2, 0.2, None, 2), (2, 1.5, None, 1), (2, 1.5, True, 2), (0, 0.0, None, 1)],
    ids=["free cores", "busy cores", "parts asked for", "no helpers"],
)
def test_a_long_praatplaat_is_drawn_in_parts_only_on_free_cores(
    story, settings, monkeypatch, drawn, workers, load, in_parts, parts
):
    settings.PDF_WORKERS = workers
    monkeypatch.setattr(pdf, "usable_cores", lambda: 2)
    monkeypatch.setattr(pdf, "load_average", lambda: load)
    count = long_timeline(story)
    with translation.override("nl"):
        pages = read_pdf(
            praatplaat_pdf(story["case"], story["child"], date(2026, 11, 1), in_parts=in_parts)
        )
    assert drawn == [parts]
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    for i in range(count):
        assert f"deel{i:03d}" in text, i
    assert text.count("Tijdlijn rondom Sam ·") == len(pages)  # the running head, every page
    assert "Kaartjes zonder datum" in text  # the part after the sheet came along
