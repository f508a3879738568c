import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from rondom.audit.chain import Seal
from rondom.audit.log import GENESIS, record
from rondom.audit.models import AppendOnlyError, AuditEvent, ChainConflict, fill_chain
from rondom.audit.sealing import seal_pending
from rondom.audit.verify import verify_chain

from .lines import sealed_lines
from .tampering import tamper


@pytest.mark.django_db
def test_viewing_and_changing_case_pages_is_logged(manager_client, story, manager):
    case, child = story["case"], story["child"]
    manager_client.get(reverse("timeline:child", args=[case.pk, child.pk]))
    card = story["help_card"]
    manager_client.post(reverse("timeline:card_delete", args=[case.pk, card.pk]))
    events = list(AuditEvent.objects.filter(case_id=case.pk))
    assert [(e.action, e.child_id, e.card_id) for e in events] == [
        ("view timeline:child", child.pk, None),
        ("change timeline:card_delete", None, card.pk),
    ]
    assert all(e.actor_id == manager.pk for e in events)


@pytest.mark.django_db
def test_refused_requests_are_not_logged_as_access(story, outsider, client):
    client.force_login(outsider)
    client.get(reverse("cases:detail", args=[story["case"].pk]))
    assert not AuditEvent.objects.filter(case_id=story["case"].pk).exists()


@pytest.mark.django_db
def test_log_never_holds_case_text(manager_client, story):
    manager_client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    for event in AuditEvent.objects.all():
        row = " ".join(str(v) for v in event.__dict__.values())
        assert "Speltherapie" not in row and "Familie Test" not in row


@pytest.mark.django_db
def test_a_request_writes_its_line_and_the_sealer_chains_it():
    written = [record(None, "view cases:detail", case_id=n) for n in (1, 2)]
    assert [(e.seq, e.prev_hash, e.hash) for e in written] == [(None, "", "")] * 2
    assert verify_chain() == (0, [])  # not in the chain yet
    assert seal_pending().count == 2
    first, second = AuditEvent.objects.order_by("id")
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert verify_chain() == (2, [])


@pytest.mark.django_db
@pytest.mark.parametrize("sealed", [False, True])
def test_application_refuses_to_change_or_delete_events(sealed):
    event = record(None, "view cases:detail", case_id=1)
    if sealed:
        seal_pending()
        event = AuditEvent.objects.get(pk=event.pk)
    event.seq = 7
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(seq=7, prev_hash="0" * 64, hash="1" * 64)


@pytest.mark.django_db
def test_the_sealers_one_change_never_touches_a_sealed_line():
    [event] = sealed_lines(1)
    with pytest.raises(ChainConflict):
        fill_chain(AuditEvent, connection, [(5, GENESIS, "f" * 64, Seal.HMAC_SHA256, event.pk)])
    assert AuditEvent.objects.get(pk=event.pk).hash == event.hash


@pytest.mark.django_db
def test_verification_catches_a_changed_row():
    events = sealed_lines(3)
    tamper(("UPDATE {table} SET case_id = 99 WHERE id = %s", [events[1].pk]))
    count, breaks = verify_chain()
    assert count == 3
    assert [(b.seq, b.kind) for b in breaks] == [(2, "hash")]
    with pytest.raises(CommandError):
        call_command("verify_audit")


@pytest.mark.django_db
def test_verification_catches_a_row_removed_after_sealing():
    events = sealed_lines(3)
    tamper(("DELETE FROM {table} WHERE id = %s", [events[1].pk]))
    _, breaks = verify_chain()
    assert {b.seq for b in breaks} == {3}
    assert any(b.kind == "missing" for b in breaks)


@pytest.mark.django_db
def test_verify_command_seals_first_and_reports_an_intact_log(capsys):
    record(None, "view cases:detail", case_id=1)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "1 nieuwe gebeurtenis eerst verzegeld" in out
    assert "1 gebeurtenis gecontroleerd" in out


@pytest.mark.django_db
def test_api_reads_and_writes_are_logged(story, manager):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(manager)
    card = story["help_card"]
    api.get(f"/api/v1/cards/{card.pk}/")
    api.get("/api/v1/children/")
    created = api.post(
        "/api/v1/cards/",
        {"case": story["case"].pk, "kind": "wellbeing", "author": story["school"].pk, "text": "x"},
        format="json",
    )
    events = list(AuditEvent.objects.filter(channel="api"))
    assert [(e.action, e.case_id, e.card_id) for e in events] == [
        ("view api:card-retrieve", story["case"].pk, card.pk),
        ("view api:child-list", story["case"].pk, None),
        ("change api:card-create", story["case"].pk, created.json()["id"]),
    ]


@pytest.mark.django_db
def test_parent_sees_who_looked_at_the_family(story, manager, parent_user, client):
    from django.test import Client

    professional = Client()
    professional.force_login(manager)
    professional.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    client.force_login(parent_user)
    page = client.get(reverse("privacy:access_log", args=[story["case"].pk])).content.decode()
    assert "Inge Bakker" in page  # the case manager's participant name
    assert "bekeek de tijdlijn van Sam" in page
