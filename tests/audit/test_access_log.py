import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from rondom.audit.log import GENESIS, record, verify_chain
from rondom.audit.models import AppendOnlyError, AuditEvent

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
def test_chain_links_every_event_to_the_one_before():
    first = record(None, "view cases:detail", case_id=1)
    second = record(None, "view cases:detail", case_id=2)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert verify_chain() == (2, [])


@pytest.mark.django_db
def test_application_refuses_to_change_or_delete_events():
    event = record(None, "view cases:detail", case_id=1)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_changes_too():
    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only; the PostgreSQL run checks it")
    event = record(None, "view cases:detail", case_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


@pytest.mark.django_db
def test_verification_catches_a_changed_row():
    events = [record(None, "view cases:detail", case_id=n) for n in range(1, 4)]
    tamper(("UPDATE {table} SET case_id = 99 WHERE id = %s", [events[1].pk]))
    count, breaks = verify_chain()
    assert count == 3
    assert [(b.seq, b.kind) for b in breaks] == [(2, "hash")]
    with pytest.raises(CommandError):
        call_command("verify-audit")


@pytest.mark.django_db
def test_verification_catches_a_removed_row():
    events = [record(None, "view cases:detail", case_id=n) for n in range(1, 4)]
    tamper(("DELETE FROM {table} WHERE id = %s", [events[1].pk]))
    _, breaks = verify_chain()
    assert {b.seq for b in breaks} == {3}
    assert any(b.kind == "missing" for b in breaks)


@pytest.mark.django_db
def test_verify_command_reports_an_intact_log(capsys):
    record(None, "view cases:detail", case_id=1)
    call_command("verify-audit")
    assert "1 gebeurtenis gecontroleerd" in capsys.readouterr().out


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
    page = client.get(reverse("audit:case_log", args=[story["case"].pk])).content.decode()
    assert "Inge Bakker" in page  # the case manager's participant name
    assert "bekeek de tijdlijn of een kaartje" in page
