"""A long log is checked in parts at once; the parts together find what one walk finds."""

import pytest
from django.db import connection

from rondom.audit import verify
from rondom.audit.log import Head
from rondom.audit.models import AuditEvent

from .lines import sealed_lines
from .tampering import tamper

DELETE = "DELETE FROM {table} WHERE seq = %s"
CHANGE = "UPDATE {table} SET case_id = 99 WHERE seq = %s"
OLD_SEAL = "UPDATE {table} SET seal = 1 WHERE seq = %s"


def found(result) -> tuple:
    return result.count, result.broken, result.hash_breaks, result.head, result.breaks


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "statements",
    [
        [],
        [(DELETE, [11])],  # the first line of the second part
        [(DELETE, [10]), (CHANGE, [21])],  # the last line of a part, the first of the next
        [(DELETE, [1]), (CHANGE, [20]), (DELETE, [30])],
        [("DELETE FROM {table} WHERE seq BETWEEN %s AND %s", [11, 20])],  # a whole part
        [(OLD_SEAL, [5]), (OLD_SEAL, [25])],
    ],
)
@pytest.mark.parametrize("kept", [None, 15, 30])
def test_parts_find_what_one_walk_finds(monkeypatch, statements, kept):
    if connection.vendor != "postgresql":
        pytest.skip("the log is checked in parts on PostgreSQL only")
    lines = sealed_lines(30)
    expect = None if kept is None else Head(kept, lines[kept - 1].hash)
    tamper(*statements)
    monkeypatch.setattr(verify, "PARALLEL_FROM", 1)
    assert len(verify._parts(verify.sealed_rows(AuditEvent), 3)) == 3
    one = verify.check_log(expect, workers=1)
    parts = verify.check_log(expect, workers=3)
    assert found(parts) == found(one)
    assert bool(one.breaks) == bool(statements)
