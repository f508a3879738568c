"""Filling in a round by a personal link: one screen per level, saved as you go, sent once,
and the person's own answers only ever shown to that person."""

import logging
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rondom.scan.models import Answer, Response, Round, Statement
from rondom.scan.respondents import response_key

from .rounds_setup import *  # noqa: F403 (the fixtures)
from .rounds_setup import client_for, invite_one, make_round, own_statement

MARKER = "Opmerking-merkteken-7Q3"


def open_link(token: str):
    """A browser that opened the personal link; it is taken on to the round's pages."""
    browser = client_for()
    response = browser.get(reverse("scan:answer_link", args=[token]))
    return browser, response


def step_url(round, step: int) -> str:
    return reverse("scan:answer_step", args=[round.pk, step])


def screen_statements(round, audience="professional") -> list[list[Statement]]:
    from rondom.scan.answering import screens_of

    return [screen.statements for screen in screens_of(round, audience)]


def answers_for(statements, now="4", importance="5", act="yes", remark="") -> dict:
    data = {}
    for s in statements:
        data |= {f"s{s.pk}-now": now, f"s{s.pk}-importance": importance, f"s{s.pk}-act": act}
        data[f"s{s.pk}-remark"] = remark
    return data


def fill_in_everything(browser, round, audience="professional", remark="") -> None:
    screens = screen_statements(round, audience)
    for number, statements in enumerate(screens, start=1):
        data = answers_for(statements, remark=remark) | {"go": str(number + 1)}
        response = browser.post(step_url(round, number), data)
        assert response.status_code == 302, response.content.decode()[:2000]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_the_link_takes_the_person_to_the_first_screen_without_the_secret_in_the_address(round):
    _invitation, token = invite_one(round, "jan@school.test")
    browser, response = open_link(token)
    assert response.status_code == 302
    assert response["Location"] == reverse("scan:answer", args=[round.pk])
    page = browser.get(response["Location"], follow=True)
    assert page.status_code == 200
    assert token not in page.content.decode()
    assert page.redirect_chain[-1][0] == step_url(round, 1)
    text = text_of(page)
    assert "Stap 1 van 5: Bestuur en beleid" in text
    assert "versie 2026.1" in text
    assert "0 van 28 stellingen beantwoord" in text
    assert "Hoe staat het er nu voor?" in text and "Willen we hiermee aan de slag?" in text
    assert "helemaal niet" in text and "helemaal wel" in text
    assert "niet belangrijk" in text and "heel belangrijk" in text
    assert "weet ik niet" in text
    assert "<fieldset" in page.content.decode() and "<legend" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "opens_in, closes_in, expected",
    [
        (2, 12, "De scan opent op"),
        (-20, -1, "De scan is gesloten op"),
    ],
)
def test_the_link_refuses_a_round_that_is_not_open(
    network, coordinator, opens_in, closes_in, expected
):
    round = make_round(network, coordinator, opens_in=opens_in, closes_in=closes_in)
    invitation, token = invite_one(round, "jan@school.test")
    browser, response = open_link(token)
    assert response.status_code == 200
    text = text_of(response)
    day = round.opens_on if opens_in > 0 else round.closes_on
    assert expected in text
    assert f"{day.day} " in text and str(day.year) in text
    assert network.name not in text
    # Nothing was remembered for this browser, and nothing answers.
    assert browser.get(reverse("scan:answer", args=[round.pk])).status_code == 403
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_an_unknown_link_gets_a_clear_page(round):
    invite_one(round, "jan@school.test")
    for token in ("onbekend-token", "x" * 43, "x" * 500):
        _browser, response = open_link(token)
        assert response.status_code == 200
        text = text_of(response)
        assert "Deze link werkt niet" in text
        assert "We kennen deze link niet" in text
        assert round.network.name not in text


@pytest.mark.django_db
def test_a_closed_round_no_longer_shows_the_answers_sent(network, coordinator):
    round = make_round(network, coordinator)
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    fill_in_everything(browser, round, remark=MARKER)
    browser.post(step_url(round, 6), {"go": "send"})
    today = timezone.localdate()
    round.opens_on, round.closes_on = today - timedelta(days=20), today - timedelta(days=1)
    round.save()
    page = browser.get(reverse("scan:answer", args=[round.pk]))
    assert "De scan is gesloten op" in text_of(page)
    assert MARKER not in page.content.decode()


@pytest.mark.django_db
def test_one_screen_per_level_saved_with_the_buttons_and_sent_once(round):
    invitation, token = invite_one(round, "jan@school.test", sector="youth_care")
    browser, _ = open_link(token)
    fill_in_everything(browser, round, remark=MARKER)
    check = browser.get(step_url(round, 6))
    assert "28 van 28 stellingen beantwoord" in text_of(check)
    assert MARKER in check.content.decode()
    sent = browser.post(step_url(round, 6), {"go": "send"})
    assert sent.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    [response] = Response.objects.all()
    assert response.submitted and response.sector == "youth_care"
    assert response.audience == "professional"
    assert response.key == response_key(invitation.pk)
    assert Answer.objects.filter(response=response).count() == 28
    # Sending again changes nothing, and the answers can no longer change.
    answered_at = invitation.answered_at
    browser.post(step_url(round, 6), {"go": "send"})
    statements = screen_statements(round)[0]
    browser.post(step_url(round, 1), answers_for(statements, now="1") | {"go": "2"})
    invitation.refresh_from_db()
    assert invitation.answered_at == answered_at
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(now=1).exists()
    # Opening the link again shows the person's own answers, to read.
    browser, response = open_link(token)
    page = browser.get(response["Location"])
    text = text_of(page)
    assert "Je hebt de scan ingevuld" in text
    assert MARKER in text
    assert "<textarea" not in page.content.decode()
    assert 'name="go" value="send"' not in page.content.decode()


@pytest.mark.django_db
def test_saving_one_statement_as_it_changes(round):
    invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    statement = screen_statements(round)[0][0]
    save = reverse("scan:answer_save", args=[round.pk])
    prefix = f"s{statement.pk}"
    saved = browser.post(
        save, {"statement": statement.pk, f"{prefix}-now": "dont_know"}, HTTP_HX_REQUEST="true"
    )
    assert saved.status_code == 200
    assert "Opgeslagen" in saved.content.decode()
    assert "1 van 28 stellingen beantwoord" in text_of(saved)
    answer = Answer.objects.get(statement=statement)
    assert answer.dont_know and answer.now is None
    browser.post(save, {"statement": statement.pk, f"{prefix}-now": "3", f"{prefix}-act": "no"})
    answer.refresh_from_db()
    assert (answer.now, answer.dont_know, answer.act) == (3, False, False)
    for bad, message in [
        ({f"{prefix}-now": "9"}, "Kies een getal van 1 tot 5"),
        ({f"{prefix}-importance": "0"}, "Kies een getal van 1 tot 5"),
        ({f"{prefix}-act": "misschien"}, "Kies ja of nee"),
        ({f"{prefix}-remark": "x" * 1001}, "hooguit 1000 tekens"),
        ({f"{prefix}-remark": "een\x00nul"}, "onzichtbaar"),
    ]:
        refused = browser.post(save, {"statement": statement.pk, **bad})
        assert refused.status_code == 422
        assert "Niet opgeslagen" in refused.content.decode()
        assert message in refused.content.decode(), refused.content.decode()
    answer.refresh_from_db()
    assert answer.now == 3
    parent_statement = Statement.objects.filter(audience="parent").first()
    for wrong in ("", "abc", str(parent_statement.pk), "999999"):
        refused = browser.post(save, {"statement": wrong})
        assert refused.status_code == 422
        assert "hoort niet bij je scan" in refused.content.decode()


@pytest.mark.django_db
def test_a_bad_value_on_a_screen_gets_a_message_and_keeps_the_rest(round):
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    statements = screen_statements(round)[0]
    data = answers_for(statements) | {f"s{statements[0].pk}-now": "7", "go": "2"}
    page = browser.post(step_url(round, 1), data)
    assert page.status_code == 422
    assert "Kies een getal van 1 tot 5" in page.content.decode()
    assert 'value="5" checked' in page.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_coming_back_continues_where_the_person_stopped(round):
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    first = screen_statements(round)[0]
    browser.post(step_url(round, 1), answers_for(first, now="2", remark=MARKER) | {"go": "2"})
    # Later, in another browser, by the same link.
    browser, response = open_link(token)
    landing = browser.get(response["Location"])
    assert landing["Location"] == step_url(round, 2)
    earlier = browser.get(step_url(round, 1)).content.decode()
    for statement in first:
        assert f'id="s{statement.pk}-now-2" value="2" checked' in earlier
    assert MARKER in earlier
    assert f"{len(first)} van 28 stellingen beantwoord" in text_of(browser.get(step_url(round, 2)))


@pytest.mark.django_db
def test_the_second_person_never_sees_the_first_ones_answers(round):
    first_invitation, first_token = invite_one(round, "eerste@school.test")
    _second, second_token = invite_one(round, "tweede@school.test")
    first, _ = open_link(first_token)
    fill_in_everything(first, round, remark=MARKER)
    second, _ = open_link(second_token)
    pages = [second.get(step_url(round, n)) for n in range(1, 7)]
    pages.append(second.get(reverse("scan:answer", args=[round.pk])))
    for page in pages:
        assert page.status_code in (200, 302)
        assert MARKER not in page.content.decode()
    assert "0 van 28 stellingen beantwoord" in text_of(pages[0])
    # The first person sends; the second still sees nothing of it, before or after sending.
    first.post(step_url(round, 6), {"go": "send"})
    fill_in_everything(second, round)
    second.post(step_url(round, 6), {"go": "send"})
    done = second.get(reverse("scan:answer", args=[round.pk]))
    assert "Je hebt de scan ingevuld" in text_of(done)
    assert MARKER not in done.content.decode()
    assert MARKER in first.get(reverse("scan:answer", args=[round.pk])).content.decode()


@pytest.mark.django_db
def test_a_parent_gets_the_parent_version_in_plain_words(round, network):
    own_statement(network, "Ik weet wie de contactpersoon op school is.", "parent", "parent_help")
    own_statement(network, "Eigen stelling voor professionals.")
    round.own_statements.set(network.scan_statements.all())
    _invitation, token = invite_one(round, "ouder@thuis.test", sector="parent")
    browser, response = open_link(token)
    page = browser.get(response["Location"], follow=True)
    text = text_of(page)
    assert "Stap 1 van 2: Samen met jou" in text
    assert "0 van 9 stellingen beantwoord" in text
    assert "Moet hier iets aan gebeuren?" in text
    assert "Hoe gaat het nu?" in text
    assert "Willen we hiermee aan de slag?" not in text
    second = text_of(browser.get(step_url(round, 2)))
    assert "Ik weet wie de contactpersoon op school is." in second
    assert "Eigen stelling voor professionals." not in second
    fill_in_everything(browser, round, audience="parent")
    browser.post(step_url(round, 3), {"go": "send"})
    [response] = Response.objects.all()
    assert (response.audience, response.sector, response.submitted) == ("parent", "parent", True)
    assert response.answers.count() == 9


@pytest.mark.django_db
def test_sending_needs_at_least_one_answer(round):
    invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    page = browser.post(step_url(round, 6), {"go": "send"})
    assert page.status_code == 422
    assert "Beantwoord minstens één stelling" in text_of(page)
    invitation.refresh_from_db()
    assert invitation.answered_at is None


@pytest.mark.django_db
def test_a_visitor_without_the_link_is_told_to_open_it(round):
    invite_one(round, "jan@school.test")
    visitor = client_for()
    for url in (
        reverse("scan:answer", args=[round.pk]),
        step_url(round, 1),
        reverse("scan:answer", args=[round.pk + 100]),
    ):
        page = visitor.get(url)
        assert page.status_code == 403
        assert "Open de link uit je uitnodiging opnieuw" in text_of(page)
        assert round.network.name not in text_of(page)
    refused = visitor.post(reverse("scan:answer_save", args=[round.pk]), {"statement": "1"})
    assert refused.status_code == 403
    assert not Response.objects.exists()


def count_queries(browser, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = browser.post(url, data) if data else browser.get(url)
    assert page.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_screens_do_not_query_more_with_more_answers(round, django_assert_max_num_queries):
    """The screens, the check and a save cost the same with one answer as with all 28."""
    _invitation, token = invite_one(round, "jan@school.test")
    browser, _ = open_link(token)
    statement = screen_statements(round)[0][0]
    save = reverse("scan:answer_save", args=[round.pk])
    one = {f"s{statement.pk}-now": "3", "statement": statement.pk}
    browser.post(save, one)
    with_one_answer = {
        "screen": count_queries(browser, step_url(round, 1)),
        "check": count_queries(browser, step_url(round, 6)),
        "save": count_queries(browser, save, one),
    }
    fill_in_everything(browser, round, remark=MARKER)
    with django_assert_max_num_queries(with_one_answer["screen"]):
        page = browser.get(step_url(round, 1))
    assert MARKER in page.content.decode()
    with django_assert_max_num_queries(with_one_answer["check"]):
        page = browser.get(step_url(round, 6))
    assert "28 van 28 stellingen beantwoord" in text_of(page)
    with django_assert_max_num_queries(with_one_answer["save"]):
        browser.post(save, one)


@pytest.mark.django_db
def test_the_link_secret_stays_out_of_the_logs(network, coordinator, caplog):
    caplog.set_level(logging.DEBUG)
    tokens = []
    for opens_in, closes_in in ((-1, 10), (2, 12), (-20, -1)):
        made = make_round(network, coordinator, opens_in=opens_in, closes_in=closes_in)
        tokens.append(invite_one(made, f"jan{opens_in}@school.test")[1])
    made = Round.objects.get(opens_on__lt=timezone.localdate(), closes_on__gt=timezone.localdate())
    for token in tokens + [tokens[0][:-1]]:
        url = reverse("scan:answer_link", args=[token])
        strict = Client(enforce_csrf_checks=True)
        for method in ("get", "post", "put", "head"):
            assert getattr(strict, method)(url).status_code in (200, 302)
        browser, response = open_link(token)
        if response.status_code == 302:
            browser.get(response["Location"], follow=True)
            browser.post(step_url(made, 6), {"go": "send"})
    assert caplog.records, "the requests above should have logged something"
    for token in tokens:
        assert token not in caplog.text
        assert token[:20] not in caplog.text
