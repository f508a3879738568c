"""Every English source string has a Dutch translation, and Dutch is the default."""

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

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


def test_dutch_is_the_default_language():
    assert settings.LANGUAGE_CODE == "nl"


def test_catalogue_covers_every_string_in_the_code(tmp_path, monkeypatch):
    """Extract the strings afresh from a copy of the code: none may lack a translation."""
    copy = tmp_path / "rondom"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
    missing = untranslated_entries(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    assert "msgid" not in missing, missing
