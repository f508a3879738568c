"""Security headers, and `rondom check --deploy` with production settings."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)

PRODUCTION_ENV = {
    "RONDOM_DEBUG": "0",
    "RONDOM_SECRET_KEY": secrets.token_urlsafe(60),
    "RONDOM_AUDIT_KEY": secrets.token_urlsafe(48),
    "RONDOM_ALLOWED_HOSTS": "rondom.example.nl",
    "RONDOM_SSL_REDIRECT": "1",
    "RONDOM_EMAIL_HOST": "smtp.example.nl",
    "RONDOM_TOTP_KEY": Fernet.generate_key().decode(),
    "RONDOM_SITE_URL": "https://rondom.example.nl",
}


def test_deploy_check_is_clean_with_production_settings():
    env = {**os.environ, **PRODUCTION_ENV}
    # The browser tests set this for their own process; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "rondom.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_policy_and_no_inline_script(manager_client, story):
    pages = [
        reverse("caseload:cases"),
        reverse("cases:detail", args=[story["case"].pk]),
        reverse("timeline:child", args=[story["case"].pk, story["child"].pk]),
        reverse("timeline:card_edit", args=[story["case"].pk, story["help_card"].pk]),
        reverse("account_login"),
    ]
    for url in pages:
        response = manager_client.get(url)
        policy = response["Content-Security-Policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("style-src-attr")[0]
        )
        assert "frame-ancestors 'none'" in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly(client, manager):
    response = client.get(reverse("account_login"))
    assert response.cookies["csrftoken"]["httponly"]
    login = client.post(
        reverse("account_login"), {"login": manager.email, "password": "secret-pass-1"}
    )
    assert login.cookies["sessionid"]["httponly"]
    assert login.cookies["sessionid"]["samesite"] == "Lax"


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(manager, story):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(reverse("cases:edit", args=[story["case"].pk]), {"title": "x"})
    assert response.status_code == 403
