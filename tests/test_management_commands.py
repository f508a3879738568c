"""Rondom's management commands: Django's naming, their old names, and Dutch messages."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import translation

from rondom.core.commands import OLD_NAMES
from rondom.core.commands import Command as RondomCommand
from rondom.manage import Utility

ROOT = Path(__file__).resolve().parents[1]


def ours() -> dict[str, str]:
    return {name: app for name, app in get_commands().items() if app.startswith("rondom.")}


def test_each_command_has_a_name_with_underscores_and_speaks_dutch():
    commands = ours()
    new_names = {name for name in commands if name not in OLD_NAMES}
    assert all("-" not in name for name in new_names)
    for name in new_names:
        assert isinstance(load_command_class(commands[name], name), RondomCommand), name


def test_each_old_name_runs_the_command_it_stands_for():
    commands = ours()
    assert {name for name in commands if "-" in name} <= set(OLD_NAMES)
    for old, new in OLD_NAMES.items():
        assert commands[old] == commands[new], old
        old_class = type(load_command_class(commands[old], old))
        assert old_class is type(load_command_class(commands[new], new)), old


def test_help_lists_the_new_names_only():
    listing = Utility(["rondom", "help"]).main_help_text()
    names = Utility(["rondom", "help", "--commands"]).main_help_text(commands_only=True)
    for text in (listing, names):
        lines = {line.strip() for line in text.splitlines()}
        assert set(OLD_NAMES.values()) <= lines
        assert not set(OLD_NAMES) & lines
    assert "    verify_audit" in listing and "[audit]" in listing


@pytest.mark.django_db
def test_a_command_speaks_dutch_while_another_language_is_active(tmp_path, settings):
    settings.RETENTION_MONTHS = 12
    out = io.StringIO()
    with translation.override("en"):
        call_command("purge", stdout=out)
        call_command("send_reminders", stdout=out)
        with pytest.raises(CommandError) as caught:
            call_command("export_case", "424242", "-o", str(tmp_path / "x.json"))
        assert translation.get_language() == "en"  # the caller's language is left as it was
    assert out.getvalue().splitlines() == [
        "0 casussen gewist die meer dan 12 maanden geleden zijn afgesloten.",
        "Antwoorden van 0 scanrondes gewist; de resultaten blijven.",
        "0 herinneringen verstuurd.",
    ]
    assert str(caught.value) == "Er is geen casus 424242."


def rondom(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "rondom.manage", *args],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": python_path, "RONDOM_DATA_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_line_takes_the_old_name_and_answers_in_dutch(tmp_path):
    done = rondom("demo-code", "iemand@elders.test", tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "CommandError: Alleen de demo-accounts uit de README hebben een bekende code."
    )
