"""The published versions of the scan's statements, and putting them in the database.

A data migration publishes each version. Tests that empty the database between them take
the published statements with them, so `current_instrument()` publishes the newest version
again when none is there.
"""

import datetime

from . import instrument_2026_1
from .models import Instrument, Statement

VERSIONS = [(instrument_2026_1, datetime.date(2026, 11, 1))]


def publish(version, published_on: datetime.date, instrument_model, statement_model):
    """Store one version and its statements; running it again changes nothing. Takes the
    models as arguments, so that a migration can pass its historical ones."""
    instrument, _created = instrument_model.objects.get_or_create(
        version=version.VERSION, defaults={"published_on": published_on}
    )
    rows = [("professional", row) for row in version.PROFESSIONAL]
    rows += [("parent", row) for row in version.PARENT]
    for position, (audience, (code, level, text)) in enumerate(rows, start=1):
        statement_model.objects.update_or_create(
            instrument=instrument,
            code=code,
            defaults={"audience": audience, "level": level, "text": text, "position": position},
        )
    return instrument


def current_instrument() -> Instrument:
    """The newest published version."""
    found = Instrument.current()
    if found is None:
        version, published_on = VERSIONS[-1]
        found = publish(version, published_on, Instrument, Statement)
    return found
