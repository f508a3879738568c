"""A long praatplaat is drawn in parts, side by side, and joined: nothing may get lost."""

from datetime import date

import pytest
from django.utils import translation

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


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [2, 0])
def test_a_praatplaat_drawn_in_parts_has_every_card(story, settings, workers):
    settings.PDF_WORKERS = workers
    b, child = story["builder"], story["child"]
    count = DRAW_IN_PARTS_FROM + 10
    for i in range(count):
        kind = (CardKind.HELP, CardKind.DEVELOPMENT, CardKind.LIFE_EVENT)[i % 3]
        b.card(kind, b.manager, str(2015 + i % 11), f"deel{i:03d} tekst", child)
    with translation.override("nl"):
        pages = read_pdf(praatplaat_pdf(story["case"], child, today=date(2026, 11, 1)))
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    for i in range(count):
        assert f"deel{i:03d}" in text, i
    assert text.count("Tijdlijn rondom Sam ·") == len(pages)  # the running head, every page
    assert "Kaartjes zonder datum" in text  # the part after the sheet came along
