"""Account holders answer after login, through the invitation made for their account; the
header offers *Scan* only to someone with an invitation in an open round."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from rondom.scan.models import Response
from tests.accounts.test_login import code_now

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import client_for, invite_one, make_round
from .test_respond import MARKER, answers_for, fill_in_everything, screen_statements, step_url

HEADER_LINK = f'href="{reverse("scan:mine")}"'


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_an_account_holder_logs_in_and_goes_on_to_the_scan(round, manager):
    invitation, token = invite_one(round, manager.email.upper())
    assert invitation.user == manager
    browser = client_for()
    link = browser.get(reverse("scan:answer_link", args=[token]))
    assert link.status_code == 302
    login_url = link["Location"]
    assert urlsplit(login_url).path == reverse("account_login")
    answer_url = reverse("scan:answer", args=[round.pk])
    # Without logging in, the round's pages do not open for this browser.
    assert browser.get(answer_url).status_code == 403
    browser.post(login_url, {"login": manager.email, "password": "secret-pass-1"})
    done = browser.post(reverse("mfa_authenticate"), {"code": code_now()})
    assert done["Location"] == answer_url
    assert browser.get(answer_url)["Location"] == step_url(round, 1)
    assert HEADER_LINK in browser.get(step_url(round, 1)).content.decode()


@pytest.mark.django_db
def test_an_account_holder_answers_through_their_own_invitation(round, manager):
    invitation, token = invite_one(round, manager.email)
    browser = client_for(manager)
    assert browser.get(reverse("scan:answer_link", args=[token]))["Location"] == reverse(
        "scan:answer", args=[round.pk]
    )
    fill_in_everything(browser, round, remark=MARKER)
    browser.post(step_url(round, 6), {"go": "send"})
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert Response.objects.get().submitted
    done = browser.get(reverse("scan:answer", args=[round.pk]))
    assert "Je hebt de scan ingevuld" in text_of(done) and MARKER in done.content.decode()


@pytest.mark.django_db
def test_someone_else_gets_nothing_of_an_account_holders_invitation(round, manager, outsider):
    _invitation, token = invite_one(round, manager.email)
    first = client_for(manager)
    statements = screen_statements(round)[0]
    first.post(step_url(round, 1), answers_for(statements, remark=MARKER) | {"go": "2"})
    other = client_for(outsider)
    page = other.get(reverse("scan:answer_link", args=[token]))
    assert page.status_code == 200
    assert "Deze uitnodiging is voor een ander account" in text_of(page)
    assert MARKER not in page.content.decode()
    for url in (reverse("scan:answer", args=[round.pk]), step_url(round, 1), step_url(round, 6)):
        assert other.get(url).status_code == 404
    save = other.post(reverse("scan:answer_save", args=[round.pk]), {"statement": "1"})
    assert save.status_code == 404
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_my_scans_list_the_open_invitations_with_progress(network, coordinator, manager):
    open_round = make_round(network, coordinator, team="Team Noord")
    sent_round = make_round(network, coordinator)
    closed = make_round(network, coordinator, opens_in=-30, closes_in=-2)
    for made in (open_round, sent_round, closed):
        invite_one(made, manager.email)
    browser = client_for(manager)
    statements = screen_statements(open_round)[0]
    browser.post(step_url(open_round, 1), answers_for(statements) | {"go": "2"})
    fill_in_everything(browser, sent_round)
    browser.post(step_url(sent_round, 6), {"go": "send"})
    page = browser.get(reverse("scan:mine"))
    text = text_of(page)
    assert "Team Noord" in text
    assert f"{len(statements)} van 28 beantwoord" in text and "Ga verder" in text
    assert "ingevuld" in text and "Bekijk je antwoorden" in text
    assert page.content.decode().count(reverse("scan:answer", args=[closed.pk])) == 0
    assert HEADER_LINK in page.content.decode()


@pytest.mark.django_db
def test_the_header_offers_the_scan_only_with_an_open_invitation(network, coordinator, manager):
    later = make_round(network, coordinator, opens_in=3, closes_in=20)
    invite_one(later, manager.email)
    assert HEADER_LINK not in client_for(manager).get(reverse("caseload:cases")).content.decode()
    invite_one(make_round(network, coordinator), manager.email)
    # Looked up once, at login.
    assert HEADER_LINK in client_for(manager).get(reverse("caseload:cases")).content.decode()


@pytest.mark.django_db
def test_my_scans_need_a_login(client):
    response = client.get(reverse("scan:mine"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
