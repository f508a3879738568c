"""Satisfaction with the help, page by page: giving an answer, the latest one counting, the
case manager filling in for someone without an account, a meeting's step 5 and closing."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rondom.help.models import HelpSatisfaction, Party
from rondom.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def answer_url(case, **query) -> str:
    url = reverse("help:satisfaction_answer", args=[case.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def as_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_parent_answers_for_themselves(story, parent_client):
    case = story["case"]
    form = parent_client.get(answer_url(case))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Hoe tevreden ben je over de hulp?" in page
    assert 'name="participant"' in page and 'type="hidden"' in page  # no choice of person
    assert "rating-good.svg" in page and "deels tevreden" in page
    response = parent_client.post(
        answer_url(case),
        {
            "participant": story["parent"].pk,
            "satisfaction": "partly",
            "reasons": ["help_fits", "waiting"],
            "remark": "De wachtlijst was lang",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{case.pk}/#satisfaction")
    answer = HelpSatisfaction.objects.get()
    assert (answer.participant, answer.party, answer.satisfaction) == (
        story["parent"],
        Party.PARENTS,
        "partly",
    )
    assert sorted(r.reason for r in answer.reasons.all()) == ["help_fits", "waiting"]
    assert answer.given_by.email == "ouder@home.test"
    assert not answer.at_close and answer.meeting is None
    case_page = parent_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Hoe tevreden is iedereen over de hulp?" in case_page
    assert "De hulp past bij wat het kind nodig heeft" in case_page
    assert "De wachtlijst was lang" in case_page
    assert "namens" not in case_page


def test_the_latest_answer_counts_and_earlier_ones_stay(story, parent_client):
    case = story["case"]
    for satisfaction, remark in (("not_satisfied", "QXEERST"), ("satisfied", "QXLATER")):
        parent_client.post(
            answer_url(case),
            {"participant": story["parent"].pk, "satisfaction": satisfaction, "remark": remark},
        )
    assert HelpSatisfaction.objects.count() == 2
    case_page = parent_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "QXLATER" in case_page and "QXEERST" not in case_page
    history = parent_client.get(reverse("help:satisfaction", args=[case.pk])).content.decode()
    assert history.index("QXLATER") < history.index("QXEERST")


def test_a_parent_may_only_answer_for_themselves(story, parent_client, grandma):
    case = story["case"]
    manager = story["school"]
    assert parent_client.get(answer_url(case, **{"for": manager.pk})).status_code == 403
    assert parent_client.get(answer_url(case, **{"for": grandma.pk})).status_code == 403
    assert parent_client.get(answer_url(case, **{"for": 999999})).status_code == 404
    assert parent_client.get(answer_url(case, **{"for": "x"})).status_code == 404
    # Sending another person's id in the form does not help either.
    response = parent_client.post(
        answer_url(case), {"participant": manager.pk, "satisfaction": "satisfied"}
    )
    assert response.status_code == 200
    assert not HelpSatisfaction.objects.exists()


def test_the_case_manager_fills_in_for_someone_without_an_account(story, manager_client, grandma):
    case = story["case"]
    page = manager_client.get(answer_url(case, **{"for": grandma.pk})).content.decode()
    assert "Hoe tevreden is Oma Fatima over de hulp?" in page
    assert "namens Oma Fatima" in page
    manager_client.post(
        answer_url(case, **{"for": grandma.pk}),
        {"participant": grandma.pk, "satisfaction": "satisfied", "reasons": ["skilled"]},
    )
    answer = HelpSatisfaction.objects.get()
    assert answer.participant == grandma and answer.party == Party.OTHER
    assert answer.given_by.email == "ib@school.test"
    case_page = manager_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "ingevuld door Inge Bakker namens Oma Fatima" in case_page
    # A parent with an account answers for themselves; the case manager cannot.
    assert manager_client.get(answer_url(case, **{"for": story["parent"].pk})).status_code == 403


def test_the_case_manager_chooses_for_whom_without_a_person_in_the_address(
    story, manager_client, grandma
):
    page = manager_client.get(answer_url(story["case"])).content.decode()
    assert "Wie antwoordt?" in page
    assert "Oma Fatima" in page and "Inge Bakker" in page and "Samira" not in page


def test_an_answer_at_a_meeting_shows_in_step_5(story, manager_client, people):
    case, meeting = story["case"], story["meeting"]
    page = manager_client.get(reverse("meetings:detail", args=[case.pk, meeting.pk]))
    text = page.content.decode()
    step5 = text[text.index('id="step-panel-5"') :]
    assert "Hoe tevreden is iedereen over de hulp?" in step5
    assert f"meeting={meeting.pk}" in step5
    response = manager_client.post(
        answer_url(case, **{"for": story["school"].pk, "meeting": meeting.pk}),
        {"participant": story["school"].pk, "satisfaction": "not_satisfied", "remark": "QXMDO"},
    )
    assert response["Location"].endswith("?step=5#satisfaction")
    assert HelpSatisfaction.objects.get().meeting == meeting
    text = manager_client.get(reverse("meetings:detail", args=[case.pk, meeting.pk])).content
    assert b"QXMDO" in text


def test_no_answer_joins_a_closed_meeting(story, manager_client):
    case = story["case"]
    closed = Meeting.objects.create(
        case=case, held_on=date(2024, 1, 1), goal="inform", closed_at="2024-01-02T10:00Z"
    )
    assert manager_client.get(answer_url(case, meeting=closed.pk)).status_code == 404
    assert manager_client.get(answer_url(case, meeting=999999)).status_code == 404


def test_closing_the_case_invites_the_answers(story, manager_client, parent_client, grandma):
    case = story["case"]
    close_page = manager_client.get(reverse("cases:close", args=[case.pk])).content.decode()
    assert "Hoe tevreden is iedereen over de hulp?" in close_page
    assert f"for={grandma.pk}&amp;close=1" in close_page
    response = manager_client.post(
        answer_url(case, **{"for": grandma.pk, "close": 1}),
        {"participant": grandma.pk, "satisfaction": "partly"},
    )
    assert response["Location"] == reverse("cases:close", args=[case.pk])
    assert HelpSatisfaction.objects.get().at_close
    manager_client.post(reverse("cases:close", args=[case.pk]), {"filed_in": "dossier school"})
    # Once the case is closed, the parent's page asks, and the answer counts as one at closing.
    case_page = parent_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "De casus is afgesloten. Hoe tevreden ben je over de hulp?" in case_page
    parent_client.post(
        answer_url(case), {"participant": story["parent"].pk, "satisfaction": "satisfied"}
    )
    assert HelpSatisfaction.objects.filter(participant=story["parent"]).get().at_close


@pytest.mark.parametrize("remark", ["x" * 301, "stil\x07"])
def test_a_remark_is_short_plain_text(story, parent_client, remark):
    response = parent_client.post(
        answer_url(story["case"]),
        {"participant": story["parent"].pk, "satisfaction": "satisfied", "remark": remark},
    )
    assert response.status_code == 200
    assert not HelpSatisfaction.objects.exists()


def test_a_face_must_be_chosen(story, parent_client):
    response = parent_client.post(answer_url(story["case"]), {"participant": story["parent"].pk})
    assert "Kies een van de drie gezichten." in response.content.decode()
    assert not HelpSatisfaction.objects.exists()


def test_who_may_open_the_pages(story, people):
    case = story["case"]
    overview = reverse("help:satisfaction", args=[case.pk])
    for role in ("outsider", "other_parent", "org_admin", "no_consent"):
        client = as_client(people[role])
        assert client.get(overview).status_code == 404, role
        assert client.get(answer_url(case)).status_code == 404, role
        assert client.post(answer_url(case), {"satisfaction": "satisfied"}).status_code == 404
    for role in ("participant", "no_agreements", "parent", "case_manager"):
        client = as_client(people[role])
        assert client.get(overview).status_code == 200, role
        assert client.get(answer_url(case)).status_code == 200, role
    admin = as_client(people["site_admin"])
    assert admin.get(overview).status_code == 200
    assert admin.get(answer_url(case)).status_code == 403  # takes no part in a case
    assert not HelpSatisfaction.objects.exists()
