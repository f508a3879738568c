"""Failed logins count for every server process together: the limits live in the database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client
from django.urls import reverse

from tests.conftest import database_url_for_another_process

ROOT = Path(__file__).resolve().parents[2]

FAIL_THREE_TIMES = """
import django
django.setup()
from django.test import Client
from django.urls import reverse

from tests.conftest import database_url_for_another_process
for _ in range(3):
    Client().post(reverse("account_login"), {"login": EMAIL, "password": "wrong-password"})
"""


def test_the_rate_limits_use_the_database_cache():
    assert isinstance(caches["default"], DatabaseCache)  # the cache allauth counts in


@pytest.mark.django_db(transaction=True)
def test_failed_logins_in_another_process_block_a_login_here(manager):
    python_path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-c", f"EMAIL = {manager.email!r}\n{FAIL_THREE_TIMES}"],
        env={
            **os.environ,
            "DATABASE_URL": database_url_for_another_process(),
            "PYTHONPATH": python_path,
            "DJANGO_SETTINGS_MODULE": "rondom.settings",
        },
        check=True,
        timeout=120,
    )
    client = Client()
    blocked = client.post(
        reverse("account_login"), {"login": manager.email, "password": "secret-pass-1"}
    )
    assert blocked.status_code == 200 and "te veel" in blocked.content.decode().lower()
    assert client.get(reverse("caseload:cases")).status_code == 302
