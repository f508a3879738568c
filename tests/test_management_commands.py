"""Rondom's management commands: Django's naming, and their old names."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class

from rondom.core.commands import OLD_NAMES
from rondom.manage import Utility

ROOT = Path(__file__).resolve().parents[1]


def ours() -> dict[str, str]:
    return {name: app for name, app in get_commands().items() if app.startswith("rondom.")}


def test_each_command_has_a_name_with_underscores():
    assert all("-" not in name for name in ours() if name not in OLD_NAMES)


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


def rondom(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "rondom.manage", *args],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": python_path, "RONDOM_DATA_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_line_takes_the_old_name(tmp_path):
    done = rondom("demo-code", "iemand@elders.test", tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "CommandError: Only the demo accounts listed in the README have a known code."
    )
