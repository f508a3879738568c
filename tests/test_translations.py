"""Every English source string has a Dutch translation, and Dutch is the default."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

SOURCE = Path(settings.BASE_DIR)


def untranslated_entries(po_file: Path) -> str:
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout + fuzzy.stdout


def login_page(client: Client, **headers: str) -> tuple[str, str]:
    response = client.get(reverse("account_login"), headers=headers)
    assert response.status_code == 200
    return response["Content-Language"], response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"Accept-Language": "de-DE,de;q=0.9"}])
def test_dutch_is_the_default_language(client, headers):
    """Without a preference, or with only languages Rondom does not speak, pages are Dutch."""
    language, page = login_page(client, **headers)
    assert language == "nl"
    assert '<html lang="nl"' in page
    assert "Over dit hulpmiddel" in page and "About this tool" not in page


@pytest.mark.django_db
def test_a_browser_that_asks_for_english_gets_english(client):
    language, page = login_page(client, **{"Accept-Language": "en-GB,en;q=0.9"})
    assert language == "en"
    assert "About this tool" in page and "Over dit hulpmiddel" not in page


@pytest.mark.django_db
def test_the_chosen_language_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    language, page = login_page(client, **{"Accept-Language": "en"})
    assert language == "nl"
    assert "Over dit hulpmiddel" in page


def test_catalogue_covers_every_string_in_the_code(tmp_path, monkeypatch):
    """Extract the strings afresh from a copy of the code: none may lack a translation."""
    copy = tmp_path / "rondom"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
    missing = untranslated_entries(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    assert "msgid" not in missing, missing
