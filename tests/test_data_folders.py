"""Reading the settings creates no folder; each folder is made where it is first needed."""

import os
import subprocess
import sys
import warnings
from pathlib import Path

from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import override_settings

from rondom.core.middleware import StaticFilesMiddleware

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_settings_creates_no_folder(tmp_path):
    data = tmp_path / "data"
    static = tmp_path / "collected"
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-c", "import rondom.settings"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": python_path, "RONDOM_DATA_DIR": str(data),
             "RONDOM_STATIC_ROOT": str(static)},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_opening_a_sqlite_file_makes_its_folder(tmp_path):
    path = tmp_path / "not" / "there" / "rondom.sqlite3"
    handler = ConnectionHandler({"default": {"ENGINE": "rondom.core.sqlite", "NAME": str(path)}})
    wrapper = handler["default"]
    # Straight to the backend's own connect, which the test database guard leaves alone.
    raw = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        raw.execute("CREATE TABLE t (x integer)")
    finally:
        raw.close()
    assert path.is_file()


def test_the_static_files_middleware_makes_static_root_when_the_app_starts(tmp_path):
    static = tmp_path / "var" / "static"
    with override_settings(STATIC_ROOT=static), warnings.catch_warnings():
        warnings.simplefilter("error")  # WhiteNoise warns about a missing STATIC_ROOT
        StaticFilesMiddleware(lambda request: HttpResponse())
    assert static.is_dir()
