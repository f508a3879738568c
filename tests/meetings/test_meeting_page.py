"""The meeting page around the five steps: one step open, notes saved while typing, asking
before closing, agreements dated after the meeting, removing factors and key moments, and the
key-moment dropdown."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.meetings.models import Agreement, Factor, KeyMoment, Meeting, StepNote
from rondom.timeline.kinds import CardKind

JSON = {"HTTP_ACCEPT": "application/json"}


def url(name, meeting, *extra):
    return reverse(f"meetings:{name}", args=[meeting.case_id, meeting.pk, *extra])


def open_steps(html: str) -> list[int]:
    steps = re.findall(r'<details class="mt-step"[^>]*data-step="(\d)"( open)?>', html)
    assert [int(n) for n, _ in steps] == [1, 2, 3, 4, 5]
    return [int(n) for n, is_open in steps if is_open]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_one_step_is_open_the_first_unless_the_address_asks_for_another(story, manager_client):
    meeting = story["meeting"]
    assert open_steps(manager_client.get(url("detail", meeting)).content.decode()) == [1]
    assert open_steps(
        manager_client.get(url("detail", meeting), {"step": "3"}).content.decode()
    ) == [3]
    for wrong in ("0", "6", "x", "-1"):
        html = manager_client.get(url("detail", meeting), {"step": wrong}).content.decode()
        assert open_steps(html) == [1]
    # The browser keeps them to one open: all five are one named group.
    assert (
        manager_client.get(url("detail", meeting)).content.decode().count('name="meeting-step"')
        == 5
    )


@pytest.mark.django_db
def test_the_timeline_lies_beside_the_steps(story, manager_client):
    b = story["builder"]
    b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Mijn concept", story["child"], is_draft=True)
    html = manager_client.get(url("detail", story["meeting"])).content.decode()
    steps, timeline = html.split('<div class="mt-page__timeline">')
    assert 'class="mt-step"' in steps and 'id="timeline"' in timeline
    assert f'id="card-{story["help_card"].pk}"' in timeline
    # What lies on the table, as the frozen copy will keep it: no drafts.
    assert "Mijn concept" not in html


@pytest.mark.django_db
def test_saving_notes_without_script_returns_to_the_same_step(story, manager_client):
    meeting = story["meeting"]
    note = meeting.notes.get(step=3)
    response = manager_client.post(
        url("note", meeting, 3), {"step3-text": "Hielp", "step3-version": note.version}
    )
    assert response.status_code == 302
    assert response["Location"] == url("detail", meeting) + "?step=3#step-3"
    page = manager_client.get(response["Location"]).content.decode()
    assert open_steps(page) == [3]


@pytest.mark.django_db
def test_notes_saved_while_typing_carry_the_new_version_to_the_next_save(story, manager_client):
    meeting = story["meeting"]
    note = meeting.notes.get(step=2)
    version = note.version
    for text in ("Moeder", "Moeder ziet", "Moeder ziet vooral de thuissituatie"):
        response = manager_client.post(
            url("note", meeting, 2), {"step2-text": text, "step2-version": version}, **JSON
        )
        assert response.status_code == 200
        assert response.json() == {"version": version + 1}
        version = response.json()["version"]
    note.refresh_from_db()
    assert (note.text, note.version) == ("Moeder ziet vooral de thuissituatie", version)


@pytest.mark.django_db
def test_a_save_after_someone_else_saved_shows_their_text_and_overwrites_nothing(
    story, manager_client, parent_user
):
    meeting = story["meeting"]
    note = meeting.notes.get(step=4)
    seen = note.version
    parent = client_for(parent_user)
    saved = parent.post(
        url("note", meeting, 4),
        {"step4-text": "Ouder:\neerder horen", "step4-version": seen},
        **JSON,
    )
    assert saved.status_code == 200
    refused = manager_client.post(
        url("note", meeting, 4), {"step4-text": "School: goed", "step4-version": seen}, **JSON
    )
    assert refused.status_code == 409
    answer = refused.json()
    assert answer["version"] == seen + 1  # saving again knowingly replaces their text
    assert "Samira heeft deze aantekeningen opgeslagen" in answer["problem"]
    assert "Ouder:<br>eerder horen" in answer["problem"]
    note.refresh_from_db()
    assert note.text == "Ouder:\neerder horen"
    # The save button sends the version it was given: now it replaces.
    again = manager_client.post(
        url("note", meeting, 4),
        {"step4-text": "School: goed", "step4-version": answer["version"]},
        **JSON,
    )
    assert again.status_code == 200
    note.refresh_from_db()
    assert note.text == "School: goed"


@pytest.mark.django_db
def test_the_page_after_a_refused_save_shows_both_texts_in_the_open_step(
    story, manager_client, parent_user
):
    meeting = story["meeting"]
    note = meeting.notes.get(step=2)
    client_for(parent_user).post(
        url("note", meeting, 2), {"step2-text": "Van de ouder", "step2-version": note.version}
    )
    page = manager_client.post(
        url("note", meeting, 2), {"step2-text": "Van school", "step2-version": note.version}
    )
    assert page.status_code == 409
    html = page.content.decode()
    assert open_steps(html) == [2]
    assert '<blockquote class="tl-conflict__theirs">Van de ouder</blockquote>' in html
    assert "Van school</textarea>" in html
    assert f'name="step2-version" value="{note.version + 1}"' in html


@pytest.mark.django_db
def test_a_save_that_cannot_be_kept_says_why(story, manager_client):
    meeting = story["meeting"]
    note = meeting.notes.get(step=1)
    response = manager_client.post(
        url("note", meeting, 1),
        {"step1-text": "onzichtbaar\x07teken", "step1-version": note.version},
        **JSON,
    )
    assert response.status_code == 422
    assert "onzichtbaar stuurteken" in response.json()["problem"]
    assert "version" not in response.json()
    note.refresh_from_db()
    assert note.text == "" and note.version == 1


@pytest.mark.django_db
def test_closing_asks_first_and_a_stray_post_closes_nothing(story, manager_client):
    meeting = story["meeting"]
    detail = manager_client.get(url("detail", meeting)).content.decode()
    assert f'href="{url("close_confirm", meeting)}"' in detail
    assert '<dialog class="mt-dialog" id="close-dialog"' in detail

    stray = manager_client.post(url("close", meeting))
    assert stray.status_code == 302 and stray["Location"] == url("close_confirm", meeting)
    meeting.refresh_from_db()
    assert not meeting.is_closed

    question = manager_client.get(url("close_confirm", meeting)).content.decode()
    assert "Dit overleg afsluiten?" in question
    assert "Afsluiten kun je niet ongedaan maken." in question
    assert 'name="confirm" value="yes"' in question

    manager_client.post(url("close", meeting), {"confirm": "yes"})
    meeting.refresh_from_db()
    assert meeting.is_closed and meeting.frozen["cards"]
    # Closed: asking again leads back to the meeting.
    again = manager_client.get(url("close_confirm", meeting))
    assert again.status_code == 302 and again["Location"] == url("detail", meeting)


@pytest.mark.django_db
def test_only_the_case_manager_is_asked_to_close(story, parent_user):
    parent = client_for(parent_user)
    meeting = story["meeting"]
    assert parent.get(url("close_confirm", meeting)).status_code == 403
    parent.post(url("close", meeting), {"confirm": "yes"})
    meeting.refresh_from_db()
    assert not meeting.is_closed
    assert "close-dialog" not in parent.get(url("detail", meeting)).content.decode()


@pytest.mark.django_db
def test_an_agreement_due_before_the_meeting_is_refused(story, manager_client):
    meeting = story["meeting"]  # held on 1 March 2024
    fields = {"what": "Verslag sturen", "owner": story["school"].pk}
    refused = manager_client.post(url("agreement", meeting), {**fields, "due_on": "2023-03-15"})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Deze datum ligt vóór het overleg van 1 maart 2024." in html
    assert open_steps(html) == [5]
    assert not Agreement.objects.filter(what="Verslag sturen").exists()
    same_day = manager_client.post(url("agreement", meeting), {**fields, "due_on": "2024-03-01"})
    assert same_day["Location"] == url("detail", meeting) + "?step=5#agreements"
    assert Agreement.objects.get(what="Verslag sturen").due_on == date(2024, 3, 1)


@pytest.mark.django_db
def test_a_factor_can_be_removed_again_and_that_is_logged(story, manager_client):
    meeting = story["meeting"]
    factor = Factor.objects.create(meeting=meeting, kind="helping", text="Oma dichtbij")
    page = manager_client.get(url("detail", meeting), {"step": "2"}).content.decode()
    assert f'action="{url("factor_remove", meeting, factor.pk)}"' in page
    response = manager_client.post(url("factor_remove", meeting, factor.pk))
    assert response["Location"] == url("detail", meeting) + "?step=2#factors"
    assert not Factor.objects.filter(pk=factor.pk).exists()
    assert AuditEvent.objects.filter(
        case_id=meeting.case_id, action="change meetings:factor_remove"
    ).exists()


@pytest.mark.django_db
def test_a_factor_of_another_meeting_or_of_a_closed_one_stays(story, manager_client):
    meeting = story["meeting"]
    other = Meeting.objects.create(case=meeting.case, held_on=date(2024, 6, 1), goal="inform")
    elsewhere = Factor.objects.create(meeting=other, kind="helping", text="Elders")
    assert manager_client.post(url("factor_remove", meeting, elsewhere.pk)).status_code == 404
    kept = Factor.objects.create(meeting=meeting, kind="hindering", text="Wachtlijst")
    manager_client.post(url("close", meeting), {"confirm": "yes"})
    assert manager_client.post(url("factor_remove", meeting, kept.pk)).status_code == 404
    assert Factor.objects.filter(pk__in=[elsewhere.pk, kept.pk]).count() == 2
    page = manager_client.get(url("detail", meeting), {"step": "2"}).content.decode()
    assert "Wachtlijst" in page and "factor_remove" not in page
    assert url("factor_remove", meeting, kept.pk) not in page


@pytest.mark.django_db
def test_a_key_moment_can_be_removed_by_whoever_may_mark_it(story, manager_client, parent_user):
    meeting, b = story["meeting"], story["builder"]
    shared = KeyMoment.objects.create(meeting=meeting, card=story["help_card"], note="keerpunt")
    kept_card = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen", story["child"],
                       restriction_reason="child_safety")  # fmt: skip
    kept_card.restricted_to.add(b.manager)
    hidden = KeyMoment.objects.create(meeting=meeting, card=kept_card, note="zorg")
    parent = client_for(parent_user)
    # The parent may not read the kept card, so may not take its key moment away either.
    assert parent.post(url("key_moment_remove", meeting, hidden.pk)).status_code == 404
    response = parent.post(url("key_moment_remove", meeting, shared.pk))
    assert response["Location"] == url("detail", meeting) + "?step=2#key-moments"
    assert list(KeyMoment.objects.all()) == [hidden]
    manager_client.post(url("key_moment_remove", meeting, hidden.pk))
    assert not KeyMoment.objects.exists()


@pytest.mark.django_db
def test_the_key_moment_dropdown_names_whose_card_and_its_date(story, manager_client):
    b, parent = story["builder"], story["parent"]
    b.card(CardKind.HELP, parent, "2022",
           "Huiswerkbegeleiding in het buurthuis, twee middagen per week, met een vaste begeleider",
           story["child"])  # fmt: skip
    html = manager_client.get(url("detail", story["meeting"]), {"step": "2"}).content.decode()
    options = re.findall(r'<option value="\d+">([^<]*)</option>', html)
    assert f"Samira ({parent.letter}), 2021: Speltherapie" in options
    long = next(o for o in options if "Huiswerkbegeleiding" in o)
    assert long == (
        f"Samira ({parent.letter}), 2022: Huiswerkbegeleiding in het buurthuis, twee middagen per…"
    )
    assert f"Samira ({parent.letter}), geen datum: Zonder datum" in options


@pytest.mark.django_db
def test_an_agreement_status_from_the_first_step_returns_there(story, manager_client):
    agreement = story["agreement"]
    later = Meeting.objects.create(case=agreement.case, held_on=date(2024, 6, 1), goal="inform")
    StepNote.objects.bulk_create(StepNote(meeting=later, step=step) for step in range(1, 6))
    page = manager_client.get(url("detail", later)).content.decode()
    assert '<input type="hidden" name="step" value="1">' in page
    response = manager_client.post(
        reverse("meetings:agreement_status", args=[later.case_id, later.pk, agreement.pk]),
        {"status": "done", "version": agreement.version, "step": "1"},
    )
    assert response["Location"] == url("detail", later) + "?step=1#review"
    assert Agreement.objects.get(pk=agreement.pk).status == "done"


@pytest.mark.django_db
def test_the_page_asks_as_many_queries_for_many_cards_as_for_few(story, manager_client):
    meeting, b = story["meeting"], story["builder"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(url("detail", meeting), {"step": "2"}).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    for n in range(20):
        b.card(CardKind.HELP, story["parent"], f"{2016 + n % 8}", f"Hulp {n}", story["child"])
    assert queries() == few


@pytest.mark.django_db
def test_a_save_refused_after_your_own_save_elsewhere_says_so(story, manager_client):
    meeting = story["meeting"]
    seen = meeting.notes.get(step=1).version
    for text, status in (("In het ene venster", 200), ("In het andere venster", 409)):
        response = manager_client.post(
            url("note", meeting, 1), {"step1-text": text, "step1-version": seen}, **JSON
        )
        assert response.status_code == status
    problem = response.json()["problem"]
    assert "Je hebt deze aantekeningen in een ander venster opgeslagen" in problem
    assert "In het ene venster" in problem


@pytest.mark.django_db
def test_notes_typed_while_the_meeting_was_closed_are_not_saved_and_it_says_why(
    story, manager_client
):
    meeting = story["meeting"]
    note = meeting.notes.get(step=2)
    manager_client.post(url("close", meeting), {"confirm": "yes"})
    response = manager_client.post(
        url("note", meeting, 2), {"step2-text": "Te laat", "step2-version": note.version}, **JSON
    )
    assert response.status_code == 410
    assert "Dit overleg is intussen afgesloten" in response.json()["problem"]
    note.refresh_from_db()
    assert note.text == ""
