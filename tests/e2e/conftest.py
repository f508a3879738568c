import os
import re
import shutil
import time

import pytest

CHROMIUM = os.environ.get("RONDOM_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def current_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(page, base_url: str, email: str, password: str = "rondom-demo") -> None:
    """A professional: email and password, then the code of the authenticator app."""
    from rondom.demo.accounts import DEMO_TOTP_SECRET

    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"{base_url}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", current_code(DEMO_TOTP_SECRET))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/cases/")


def parent_log_in(page, base_url: str, email: str = "moeder@rondom.test") -> None:
    """A parent: the email address, then the code the login email carries."""
    from django.core import mail

    page.goto(f"{base_url}/accounts/login/code/")
    page.get_by_label("E-mail").fill(email)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/accounts/login/code/confirm/"))
    code = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", mail.outbox[-1].body, re.M).group(1)
    page.locator("input[name=code]").fill(code)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}/cases/")
