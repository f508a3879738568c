"""Failed logins count for every server process together: the limits live in the database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

FAIL_THREE_TIMES = """
import django
django.setup()
from django.test import Client
from django.urls import reverse
for _ in range(3):
    Client().post(reverse("account_login"), {"login": EMAIL, "password": "wrong-password"})
"""


def database_url() -> str:
    """The test database, as another process reaches it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_the_rate_limits_use_the_database_cache():
    assert isinstance(caches["default"], DatabaseCache)  # the cache allauth counts in


@pytest.mark.django_db(transaction=True)
def test_failed_logins_in_another_process_block_a_login_here(manager):
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-c", f"EMAIL = {manager.email!r}\n{FAIL_THREE_TIMES}"],
        env={**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": python_path,
             "DJANGO_SETTINGS_MODULE": "rondom.settings"},
        check=True, timeout=120,
    )  # fmt: skip
    client = Client()
    blocked = client.post(
        reverse("account_login"), {"login": manager.email, "password": "secret-pass-1"}
    )
    assert blocked.status_code == 200 and "te veel" in blocked.content.decode().lower()
    assert client.get(reverse("cases:list")).status_code == 302
