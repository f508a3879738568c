"""The sealer gives new lines their place in the chain, and nothing else in the log changes."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rondom.audit.chain import GENESIS
from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.audit.sealing import SealRefused, seal_pending
from rondom.audit.verify import check_log

from .lines import sealed_lines
from .tampering import tamper


def line(case_id: int = 1, **fields) -> AuditEvent:
    return AuditEvent.objects.create(
        at=timezone.now(), action="view cases:detail", channel="page", case_id=case_id, **fields
    )


@pytest.mark.django_db
def test_sealing_numbers_new_lines_after_the_last_and_does_nothing_twice():
    first = sealed_lines(3)
    assert seal_pending().count == 0
    later = record(None, "view cases:detail", case_id=9)
    sealed = seal_pending()
    assert sealed.count == 1
    later = AuditEvent.objects.get(pk=later.pk)
    assert (later.seq, later.prev_hash) == (4, first[-1].hash)
    assert (sealed.head.seq, sealed.head.hash) == (4, later.hash)
    assert check_log().breaks == []


@pytest.mark.django_db
def test_sealing_in_batches_gives_the_same_chain():
    for n in range(7):
        record(None, "view cases:detail", case_id=n)
    assert seal_pending(batch_size=3).count == 7
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 8))
    assert check_log().count == 7 and check_log().breaks == []


@pytest.mark.django_db
def test_a_line_that_commits_after_later_ones_were_sealed_is_sealed_next():
    """Ids come in the order requests began; a slow request's line joins the chain late."""
    line(id=10)
    line(id=11)
    seal_pending()
    slow = line(id=5)
    seal_pending()
    assert AuditEvent.objects.get(pk=slow.pk).seq == 3
    assert check_log().count == 3 and check_log().breaks == []


@pytest.mark.django_db
def test_the_sealer_refuses_to_go_on_under_another_key(settings, capsys):
    sealed_lines(2)
    settings.AUDIT_KEY = "another-key-" * 4
    waiting = record(None, "view cases:detail", case_id=3)
    with pytest.raises(SealRefused):
        seal_pending()
    with pytest.raises(CommandError, match="Er is niets verzegeld"):
        call_command("seal_audit")
    assert AuditEvent.objects.get(pk=waiting.pk).seq is None
    # verify_audit still checks and names the cause.
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert "RONDOM_AUDIT_KEY" in capsys.readouterr().err


@pytest.mark.django_db
def test_seal_command_says_what_it_sealed_and_keeps_quiet_for_cron(capsys):
    record(None, "view cases:detail", case_id=1)
    call_command("seal_audit")
    assert "1 nieuwe gebeurtenis verzegeld" in capsys.readouterr().out
    record(None, "view cases:detail", case_id=1)
    call_command("seal_audit", verbosity=0)
    assert capsys.readouterr().out == ""
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0


@pytest.mark.django_db
def test_a_line_removed_before_it_was_sealed_leaves_no_trace():
    """The window the README names: until the sealer has run, only the append-only rules
    guard a line, and someone with full rights on the database can remove it unseen."""
    sealed_lines(2)
    gone = record(None, "view cases:detail", case_id=3)
    record(None, "view cases:detail", case_id=4)
    tamper(("DELETE FROM {table} WHERE id = %s", [gone.pk]))
    seal_pending()
    assert check_log().count == 3 and check_log().breaks == []


@pytest.mark.django_db
def test_the_database_refuses_chain_fields_without_the_rest():
    with pytest.raises(DatabaseError), transaction.atomic():
        line(seq=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        line(hash="f" * 64, prev_hash=GENESIS)


@pytest.mark.django_db(transaction=True)
def test_going_back_a_migration_seals_every_line_first():
    """Before migration 0005 every line had its place; going back gives it one."""
    sealed_lines(2)
    record(None, "view cases:detail", case_id=3)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    executor.migrate([("audit", "0004_reseal_with_key")])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM audit_auditevent WHERE seq IS NULL")
            assert cursor.fetchone() == (0,)
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert check_log().count == 3 and check_log().breaks == []
