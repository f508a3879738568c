"""In chromium: a parent logs in with a code and sees the family's timeline; a professional
without the parents' consent sees nothing of it."""

import pytest
from django.core.management import call_command

from rondom.accounts.models import User
from rondom.cases.models import Case, Role
from rondom.demo.cases import PAPER_CASE

from .conftest import log_in, parent_log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_parent_logs_in_with_a_code_and_sees_the_timeline(page, live_server):
    call_command("demo")
    page.goto(f"{live_server.url}/accounts/login/")
    # The way in a parent finds on the login page leads to the code form.
    page.get_by_role("link", name="Inloggen met een code").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/code/")
    parent_log_in(page, live_server.url)
    page.get_by_role("link", name=PAPER_CASE).click()
    page.get_by_role("link", name="Tijdlijn openen").click()
    page.wait_for_selector(".tl-row--help")
    assert page.locator(".tl-card", has_text="Tweelingzusjes geboren").count() == 1


def test_professional_without_consent_sees_nothing_of_the_case(page, live_server):
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    teacher = User.objects.get(email="leerkracht@rondom.test")  # in another case only
    case.participants.create(
        name="Lotte de Boer", role=Role.SCHOOL, letter="S", colour="#0b57d0", user=teacher
    )
    child = case.children.get()
    log_in(page, live_server.url, "leerkracht@rondom.test")
    assert page.get_by_role("link", name=PAPER_CASE).count() == 0
    response = page.goto(f"{live_server.url}/cases/{case.pk}/children/{child.pk}/timeline/")
    assert response.status == 404
    assert "Yassin" not in page.content()
