"""The keyed chain and its head: a shortened or rewritten access log no longer verifies."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rondom.audit.chain import GENESIS, Seal, audit_key
from rondom.audit.checks import audit_key_is_secret
from rondom.audit.log import Head, record
from rondom.audit.models import AuditEvent
from rondom.audit.reseal import ResealRefused, reseal
from rondom.audit.verify import check_log

from .lines import sealed_lines
from .tampering import public_hash, tamper

HEAD_LINE = re.compile(r"^head: (\d+):([0-9a-f]{64})$", re.MULTILINE)


def verify(capsys, **options) -> str:
    """Run verify_audit; its head as printed (NUMBER:HASH)."""
    call_command("verify_audit", **options)
    heads = HEAD_LINE.findall(capsys.readouterr().out)
    assert len(heads) == 1
    return ":".join(heads[0])


def cut_off_after(seq: int) -> None:
    tamper(("DELETE FROM {table} WHERE seq > %s", [seq]))


@pytest.mark.django_db
def test_a_clean_log_passes_and_prints_its_head(capsys):
    events = sealed_lines(5)
    assert verify(capsys) == f"5:{events[-1].hash}"
    assert verify(capsys, expect=f"5:{events[-1].hash}") == f"5:{events[-1].hash}"
    # The whole line, as printed, is accepted too.
    assert verify(capsys, expect=f"head: 5:{events[-1].hash}") == f"5:{events[-1].hash}"


@pytest.mark.django_db
def test_an_empty_log_has_a_head_too(capsys):
    assert verify(capsys) == f"0:{GENESIS}"
    record(None, "view cases:detail", case_id=1)
    verify(capsys, expect=f"0:{GENESIS}")


@pytest.mark.django_db
def test_a_kept_head_still_holds_while_the_log_grows(capsys):
    sealed_lines(3)
    kept = verify(capsys)
    sealed_lines(2)
    for case_id in (6, 7):  # written since; verify_audit seals them first
        record(None, "view cases:detail", case_id=case_id)
    assert verify(capsys, expect=kept).startswith("7:")


@pytest.mark.django_db
def test_cutting_off_the_last_events_fails_against_the_kept_head(capsys):
    events = sealed_lines(10)
    kept = verify(capsys)
    cut_off_after(7)
    # Without a kept head the chain cannot tell: it just reports the shorter head.
    assert verify(capsys) == f"7:{events[6].hash}"
    with pytest.raises(CommandError):
        call_command("verify_audit", expect=kept)
    errors = capsys.readouterr().err
    assert "10" in errors and "7" in errors and "ontbreken" in errors
    assert [b.kind for b in check_log(expect=Head.parse(kept)).breaks] == ["head"]


@pytest.mark.django_db
def test_refilling_the_cut_off_places_fails_against_the_kept_head(capsys):
    sealed_lines(10)
    kept = verify(capsys)
    cut_off_after(7)
    sealed_lines(3)  # numbers 8 to 10 again, with other content and hashes
    with pytest.raises(CommandError):
        call_command("verify_audit", expect=kept)
    assert "andere hash" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_malformed_kept_head_is_refused_in_dutch():
    sealed_lines(1)
    with pytest.raises(CommandError, match="NUMMER:HASH"):
        call_command("verify_audit", expect="10:abc")


@pytest.mark.django_db
@pytest.mark.parametrize("claim_old_seal", [False, True])
def test_taking_out_an_event_and_rehashing_with_plain_sha256_fails(capsys, claim_old_seal):
    """The attack the public algorithm allowed: remove a line, renumber and rehash the rest."""
    sealed_lines(6)
    tamper(("DELETE FROM {table} WHERE seq = %s", [3]))
    previous = AuditEvent.objects.get(seq=2).hash
    statements = []
    for event in AuditEvent.objects.filter(seq__gt=3).order_by("seq"):
        event.seq -= 1
        event.prev_hash = previous
        event.hash = previous = public_hash(event)
        statements.append((
            "UPDATE {table} SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.seq, event.prev_hash, event.hash, event.pk],
        ))  # fmt: skip
        if claim_old_seal:
            statements.append(("UPDATE {table} SET seal = %s WHERE id = %s", [1, event.pk]))
    tamper(*statements)
    with pytest.raises(CommandError):
        call_command("verify_audit")
    kinds = {b.kind for b in check_log().breaks}
    assert kinds == ({"seal"} if claim_old_seal else {"hash"})


def old_chain(count: int) -> list[AuditEvent]:
    """Events as the log held them before it had a key: plain SHA-256, seal 1."""
    events, previous = [], GENESIS
    for seq in range(1, count + 1):
        event = AuditEvent(
            seq=seq, at=timezone.now(), action="view cases:detail", case_id=seq,
            channel=AuditEvent.Channel.PAGE, prev_hash=previous, seal=Seal.SHA256,
        )  # fmt: skip
        event.hash = previous = public_hash(event)
        event.save()
        events.append(event)
    return events


@pytest.mark.django_db
def test_an_old_chain_verifies_only_once_resealed_with_the_key():
    old_chain(4)
    assert [b.kind for b in check_log().breaks] == ["seal"]
    done = reseal(AuditEvent, audit_key(), audit_key())
    assert done.count == 4
    assert check_log().breaks == []
    assert set(AuditEvent.objects.values_list("seal", flat=True)) == {Seal.HMAC_SHA256}


@pytest.mark.django_db
def test_a_broken_old_chain_is_not_resealed():
    events = old_chain(4)
    tamper(("UPDATE {table} SET case_id = 99 WHERE id = %s", [events[1].pk]))
    before = list(AuditEvent.objects.values_list("seq", "hash", "seal"))
    with pytest.raises(ResealRefused) as refused:
        reseal(AuditEvent, audit_key(), audit_key())
    assert [(b.seq, b.kind) for b in refused.value.found.breaks] == [(2, "hash")]
    assert list(AuditEvent.objects.values_list("seq", "hash", "seal")) == before
    assert {b.kind for b in check_log().breaks} == {"hash", "seal"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_reseals_the_old_chain_with_the_key(capsys):
    before_key = ("audit", "0003_seal_and_page_index")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    executor.migrate([before_key])
    try:
        OldEvent = executor.loader.project_state([before_key]).apps.get_model("audit", "AuditEvent")
        previous = GENESIS
        for seq in range(1, 4):
            event = OldEvent(seq=seq, at=timezone.now(), action="view cases:detail",
                             channel="page", prev_hash=previous, seal=Seal.SHA256)  # fmt: skip
            event.hash = previous = public_hash(event)
            event.save()
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert check_log().breaks == []
    assert verify(capsys).startswith("3:")


@pytest.mark.django_db
def test_reseal_command_moves_the_log_to_a_new_key(settings, monkeypatch, capsys):
    settings.AUDIT_KEY = "the-old-key-" * 4
    sealed_lines(3)
    kept = verify(capsys)
    settings.AUDIT_KEY = "the-new-key-" * 4
    assert {b.kind for b in check_log().breaks} == {"hash"}
    with pytest.raises(CommandError, match="RONDOM_AUDIT_OLD_KEY"):
        call_command("reseal_audit")
    monkeypatch.setenv("RONDOM_AUDIT_OLD_KEY", "the-old-key-" * 4)
    call_command("reseal_audit", expect=kept)
    printed = HEAD_LINE.findall(capsys.readouterr().out)
    assert check_log().breaks == []
    assert verify(capsys) == ":".join(printed[0])
    assert AuditEvent.objects.last().action == "reseal access log"


@pytest.mark.django_db
def test_reseal_command_refuses_a_shortened_log(settings, monkeypatch, capsys):
    monkeypatch.setenv("RONDOM_AUDIT_OLD_KEY", settings.AUDIT_KEY)
    sealed_lines(5)
    kept = verify(capsys)
    cut_off_after(3)
    before = list(AuditEvent.objects.values_list("hash", flat=True))
    with pytest.raises(CommandError, match="niets opnieuw verzegeld"):
        call_command("reseal_audit", expect=kept)
    assert list(AuditEvent.objects.values_list("hash", flat=True)) == before


def test_deploy_check_warns_about_a_missing_audit_key(settings):
    settings.AUDIT_KEY = "insecure-development-audit-key"
    assert [w.id for w in audit_key_is_secret(None)] == ["rondom.W001"]
    settings.AUDIT_KEY = "x" * 40
    assert audit_key_is_secret(None) == []
