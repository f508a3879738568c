"""In chromium, on a classroom screen and on a laptop: every group label fits inside its box,
and today is a small mark on the red line of the age row with its label beside it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from rondom.cases.models import Case
from rondom.demo.cases import PAPER_CASE, SPLIT_VIEWS_CASE

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Noor started school in June, so her group 1 lasted two months; Yassin is older than
# twelve, so his axis ends in the year of today.
CASES = (SPLIT_VIEWS_CASE, PAPER_CASE)
MARK_AT_MOST = 20  # px
SCREENS = ({"width": 1920, "height": 1080}, {"width": 1280, "height": 800})


def boxes_too_small_for_their_label(page) -> list[str]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(".tl-group"))
             .filter(box => box.scrollWidth > box.clientWidth
                            || box.scrollHeight > box.clientHeight)
             .map(box => `${box.textContent.trim()}: ${box.scrollWidth}/${box.clientWidth} px`)"""
    )


def test_group_labels_fit_their_boxes_and_today_is_a_small_mark_with_its_label_beside_it(
    page, live_server
):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    for screen in SCREENS:
        page.set_viewport_size(screen)
        for title in CASES:
            case = Case.objects.get(title=title)
            child = case.children.get()
            page.goto(f"{live_server.url}{reverse('timeline:child', args=[case.pk, child.pk])}")
            check_group_and_age_rows(page, where=f"{title} at {screen['width']} px")


def check_group_and_age_rows(page, where: str) -> None:
    assert page.locator(".tl-group").count() >= 6, where
    assert boxes_too_small_for_their_label(page) == [], where

    line = page.locator(".tl-row--age .tl-today").bounding_box()
    mark = page.locator(".tl-now__mark").bounding_box()
    label = page.locator(".tl-now__label").bounding_box()
    age_row = page.locator(".tl-row--age .tl-lane").bounding_box()
    assert mark["width"] <= MARK_AT_MOST and mark["height"] <= MARK_AT_MOST, where
    # On the red line (3 px wide, at the left edge of today's column).
    assert abs(mark["x"] + mark["width"] / 2 - (line["x"] + 1.5)) <= 1.5, where
    # Inside the age row, below the labels of the years.
    year = page.locator(".tl-age--current .tl-age__label").bounding_box()
    assert year["y"] + year["height"] <= mark["y"], where
    assert mark["y"] + mark["height"] <= age_row["y"] + age_row["height"], where
    # Its label beside it: at the same height, on one side, not overlapping, on the axis.
    assert label["y"] < mark["y"] + mark["height"] and mark["y"] < label["y"] + label["height"]
    beside_after = label["x"] >= mark["x"] + mark["width"]
    beside_before = label["x"] + label["width"] <= mark["x"]
    assert beside_after or beside_before, where
    assert age_row["x"] <= label["x"], where
    assert label["x"] + label["width"] <= age_row["x"] + age_row["width"], where
