"""Each part of a case file is written and read back by one module; they must agree."""

from datetime import UTC, date, datetime

import pytest

from rondom.exchange.export import export_case
from rondom.exchange.parts.cards import CARD_FIELDS
from rondom.exchange.values import email_of, iso, read_date, read_moment


def test_dates_and_moments_read_back_as_they_were_written():
    day, moment = date(2019, 3, 30), datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert read_date(iso(day)) == day
    assert read_moment(iso(moment)) == moment
    assert iso(None) is read_date(None) is read_moment(None) is email_of(None) is None


@pytest.mark.django_db
def test_the_card_fields_the_import_takes_as_they_are_are_written_by_the_export(full_story):
    card = export_case(full_story["case"])["cards"][0]
    assert set(CARD_FIELDS) <= set(card)
    assert not {"id", "child", "author", "revisions"} & set(CARD_FIELDS)
