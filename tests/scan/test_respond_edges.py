"""Answering at the edges: a shared browser, a remark taken back, and addresses or values
that no form would send."""

import pytest
from django.urls import reverse

from rondom.scan.models import Answer

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import client_for, invite_one
from .test_respond import open_link, screen_statements, step_url


@pytest.mark.django_db
def test_a_login_after_someone_elses_link_answers_only_as_the_account(round, manager):
    # At a shared computer a parent opens her link and writes a remark; then a
    # professional, invited to the same round, logs in there.
    _parent, token = invite_one(round, "ouder@thuis.test", "parent")
    invite_one(round, manager.email, "school")
    browser, _ = open_link(token)
    statement = screen_statements(round, "parent")[0][0]
    browser.post(
        reverse("scan:answer_save", args=[round.pk]),
        {"statement": statement.pk, f"s{statement.pk}-remark": "MERKTEKEN VAN DE OUDER"},
    )
    assert Answer.objects.filter(remark="MERKTEKEN VAN DE OUDER").exists()
    browser.force_login(manager)  # a login, with its signal, in the same session
    page = browser.get(step_url(round, 1)).content.decode()
    assert "MERKTEKEN VAN DE OUDER" not in page
    assert "Samen met jou" not in page  # the professional version, not the parent's


@pytest.mark.django_db
def test_a_remark_taken_back_is_gone(round):
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    statement = screen_statements(round)[0][0]
    save = reverse("scan:answer_save", args=[round.pk])
    prefix = f"s{statement.pk}"
    browser.post(save, {"statement": statement.pk, f"{prefix}-remark": "Jan de Vries zei"})
    assert Answer.objects.get(statement=statement).remark == "Jan de Vries zei"
    cleared = browser.post(save, {"statement": statement.pk, f"{prefix}-remark": ""})
    assert cleared.status_code == 200
    assert Answer.objects.get(statement=statement).remark == ""


@pytest.mark.django_db
def test_odd_numbers_get_a_message_never_an_error(round, manager, network, coordinator):
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    save = reverse("scan:answer_save", args=[round.pk])
    for odd in ("²", "٣", "1" * 30):
        assert browser.post(save, {"statement": odd}).status_code == 422
    huge = "9" * 25
    for client, path in (
        (client_for(manager), f"/scan/{huge}/"),
        (client_for(manager), f"/scan/{huge}/step/1/"),
        (client_for(coordinator), f"/networks/{huge}/agreements/1/status/"),
    ):
        assert client.get(path).status_code == 404
