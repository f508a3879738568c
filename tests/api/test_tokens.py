"""API tokens: only a hash is stored, the key still works, and the log names the owner."""

import hashlib
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from rondom.accounts.models import User
from rondom.api.models import ApiToken
from rondom.audit.models import AuditEvent
from tests.conftest import make_user


def api_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def refused(client: APIClient) -> bool:
    """The session scheme comes first, so a failed token gets 403 (no WWW-Authenticate)."""
    response = client.get("/api/v1/cases/")
    return response.status_code == 403 and "results" not in response.json()


def stored_row(token: ApiToken) -> str:
    """Everything in the token's database row, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table} WHERE id = %s", [token.pk])
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.mark.django_db
def test_the_token_table_holds_no_plain_key(manager):
    token, key = ApiToken.objects.issue(manager)
    row = stored_row(token)
    assert key not in row
    assert key[8:] not in row  # only the short prefix is kept, to recognise the token
    assert token.prefix == key[:8]
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()


@pytest.mark.django_db
def test_the_key_authenticates_and_a_wrong_key_does_not(manager):
    token, key = ApiToken.objects.issue(manager)
    assert token.last_used is None
    assert api_with(key).get("/api/v1/cases/").status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
    wrong_end = key[:-1] + ("A" if key[-1] != "A" else "B")  # same prefix, other key
    for wrong in [wrong_end, "x" * len(key), token.digest]:
        assert refused(api_with(wrong))


@pytest.mark.django_db
def test_a_revoked_or_deactivated_token_no_longer_works(manager):
    token, key = ApiToken.objects.issue(manager)
    manager.is_active = False
    manager.save()
    assert refused(api_with(key))
    manager.is_active = True
    manager.save()
    token.delete()
    assert refused(api_with(key))


@pytest.mark.django_db
def test_a_professionals_token_needs_their_second_factor():
    professional = User.objects.create_user("nieuw@school.test", "secret-pass-1")
    _token, key = ApiToken.objects.issue(professional)
    assert refused(api_with(key))
    parent = make_user("ouder@nieuw.test", kind=User.Kind.PARENT)
    _token, parent_key = ApiToken.objects.issue(parent)
    assert api_with(parent_key).get("/api/v1/cases/").status_code == 200


@pytest.mark.django_db
def test_an_api_read_with_a_token_is_logged_under_the_tokens_owner(story, manager):
    site_admin = make_user("beheer@rondom.test", is_staff=True, is_superuser=True)
    _token, key = ApiToken.objects.issue(manager)
    card = story["help_card"]
    assert api_with(key).get(f"/api/v1/cards/{card.pk}/").status_code == 200
    event = AuditEvent.objects.filter(channel="api").get()
    assert (event.action, event.card_id) == ("view api:card-retrieve", card.pk)
    assert (event.actor_id, event.actor_label) == (manager.pk, manager.email)
    assert event.actor_id != site_admin.pk


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["create_token", "create-token", "drf_create_token"])
def test_the_command_shows_a_new_key_once(manager, command):
    out = io.StringIO()
    call_command(command, manager.email, stdout=out, stderr=io.StringIO())
    key = out.getvalue().split()[2]
    assert out.getvalue().strip() == f"Generated token {key} for user {manager.email}"
    assert ApiToken.objects.find(key).user == manager
    assert key not in stored_row(ApiToken.objects.get())
    call_command(command, manager.email, stdout=out, stderr=io.StringIO())
    assert manager.api_tokens.count() == 2
    call_command(command, manager.email, "--reset", stdout=out, stderr=io.StringIO())
    assert manager.api_tokens.count() == 1
    assert refused(api_with(key))
    with pytest.raises(CommandError):
        call_command(command, "niemand@x.test", stdout=out)


@pytest.mark.django_db
def test_tokens_are_revoked_by_command(manager):
    first, first_key = ApiToken.objects.issue(manager)
    _second, second_key = ApiToken.objects.issue(manager)
    out = io.StringIO()
    call_command("revoke_tokens", manager.email, "--prefix", first.prefix, stdout=out)
    assert first.prefix in out.getvalue() and first_key not in out.getvalue()
    assert refused(api_with(first_key))
    assert api_with(second_key).get("/api/v1/cases/").status_code == 200
    call_command("revoke_tokens", manager.email, stdout=out)
    assert not manager.api_tokens.exists()
    with pytest.raises(CommandError):
        call_command("revoke_tokens", manager.email, stdout=out)


@pytest.mark.django_db
def test_the_migration_hashes_the_old_plain_tokens(manager):
    """A key made by the framework's authtoken app keeps working after the upgrade."""
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp"
            " NOT NULL, user_id bigint NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)",
            [old_key, "2024-05-01 10:00:00", manager.pk],
        )
    migration = importlib.import_module("rondom.api.migrations.0002_hash_plain_tokens")
    migration.hash_plain_tokens(apps, SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get()
    assert (token.user, token.prefix, token.created.year) == (manager, "01234567", 2024)
    assert old_key not in stored_row(token)
    assert api_with(old_key).get("/api/v1/cases/").status_code == 200
