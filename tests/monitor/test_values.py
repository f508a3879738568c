from decimal import Decimal

from rondom.monitor.models import PeriodValue
from rondom.monitor.values import shown


def test_a_figure_with_fewer_than_k_behind_it_never_leaves_the_server():
    figure = shown(PeriodValue(value=Decimal("3"), count=3), k=10)
    assert figure.hidden and figure.value is None
    assert figure.text == "<10"


def test_a_figure_with_k_behind_it_shows_in_dutch_notation():
    assert shown(PeriodValue(value=Decimal("7.25"), count=10), k=10).text == "7,3"
    assert shown(PeriodValue(value=Decimal("12.00"), count=40), k=10).text == "12"


def test_a_figure_entered_by_hand_has_no_count_and_shows():
    figure = shown(PeriodValue(value=Decimal("4.5"), count=None, source_note="CBS"), k=10)
    assert figure.text == "4,5" and figure.source_note == "CBS"


def test_a_missing_figure_shows_a_dash():
    assert shown(None, k=10).text == "–"
