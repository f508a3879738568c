"""PostgreSQL's trigger allows the sealer's one change, filling in the chain of a line that has
none, and refuses every other UPDATE and every DELETE."""

import pytest
from django.db import DatabaseError, connection, transaction

from rondom.audit.chain import GENESIS
from rondom.audit.log import record

from .lines import sealed_lines

FILL = "seq = 99, prev_hash = '{g}', hash = '{h}', seal = 2".format(g=GENESIS, h="f" * 64)


@pytest.fixture(autouse=True)
def postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only; the PostgreSQL run checks it")


def run(sql: str, pk: int) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", "audit_auditevent"), [pk])
        return cursor.rowcount


def refused(sql: str, pk: int) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        run(sql, pk)


def test_filling_in_the_chain_of_an_unsealed_line_is_allowed():
    line = record(None, "view cases:detail", case_id=1)
    assert run(f"UPDATE {{table}} SET {FILL} WHERE id = %s", line.pk) == 1


@pytest.mark.parametrize(
    "change",
    ["action = 'x'", "case_id = 2", "actor_id = 5", "actor_label = 'x'", "reason = 'x'",
     "at = at - interval '1 day'", "channel = 'api'", "card_id = 3", "child_id = 3",
     "id = id + 1000"],
)  # fmt: skip
def test_an_unsealed_line_keeps_its_content_even_while_it_is_sealed(change):
    line = record(None, "view cases:detail", case_id=1)
    refused(f"UPDATE {{table}} SET {change} WHERE id = %s", line.pk)
    refused(f"UPDATE {{table}} SET {FILL}, {change} WHERE id = %s", line.pk)


@pytest.mark.parametrize(
    "change",
    ["seq = 99", f"prev_hash = '{GENESIS}'", "hash = 'f'", "seal = 1", "seq = NULL"],
)
def test_half_a_chain_is_refused(change):
    line = record(None, "view cases:detail", case_id=1)
    refused(f"UPDATE {{table}} SET {change} WHERE id = %s", line.pk)


@pytest.mark.parametrize(
    "change",
    [FILL, "seq = seq + 100", "hash = 'f'", "prev_hash = 'f'", "seal = 1", "action = 'x'",
     "seq = NULL, prev_hash = '', hash = ''"],
)  # fmt: skip
def test_a_sealed_line_cannot_be_changed_at_all(change):
    [line] = sealed_lines(1)
    refused(f"UPDATE {{table}} SET {change} WHERE id = %s", line.pk)


@pytest.mark.parametrize("sealed", [False, True])
def test_no_line_can_be_deleted(sealed):
    line = sealed_lines(1)[0] if sealed else record(None, "view cases:detail", case_id=1)
    refused("DELETE FROM {table} WHERE id = %s", line.pk)
