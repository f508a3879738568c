"""My agreements, the case manager's overview, and reminders that go out once a day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rondom.meetings.models import Agreement
from rondom.meetings.reminders import send_reminders


@pytest.mark.django_db
def test_my_agreements_lists_mine_with_overdue_highlighted(story, manager_client):
    html = manager_client.get(reverse("caseload:my_agreements")).content.decode()
    assert "Gesprek met de RT&#x27;er" in html
    assert "te laat" in html  # due 1 April 2024


@pytest.mark.django_db
def test_overview_flags_cases_without_a_planned_meeting(story, manager_client):
    html = manager_client.get(reverse("caseload:overview")).content.decode()
    assert "Familie Test" in html and "geen overleg gepland" in html
    story["meeting"].next_meeting_on = timezone.localdate() + timedelta(days=14)
    story["meeting"].save()
    html = manager_client.get(reverse("caseload:overview")).content.decode()
    assert "geen overleg gepland" not in html


def test_overview_leads_to_the_figures_of_my_own_cases(story, manager_client):
    html = manager_client.get(reverse("caseload:overview")).content.decode()
    assert f'href="{reverse("insights:own")}"' in html


@pytest.mark.django_db
def test_reminders_go_once_a_day_to_owners_of_due_and_overdue_agreements(story):
    today = timezone.localdate()
    Agreement.objects.create(
        case=story["case"], meeting=story["meeting"], what="Later", owner=story["school"],
        due_on=today + timedelta(days=30),
    )  # fmt: skip
    assert send_reminders(days=3, today=today) == 1  # only the overdue one
    assert send_reminders(days=3, today=today) == 0  # not twice on one day
    assert mail.outbox[0].to == ["ib@school.test"]
    assert "Gesprek met de RT'er" in mail.outbox[0].body
    assert send_reminders(days=3, today=today + timedelta(days=1)) == 1  # again the next day
    call_command("send_reminders", "--days", "3")  # the command itself runs


@pytest.mark.django_db
def test_parent_sees_own_agreements_only(story, parent_user):
    client = Client()
    client.force_login(parent_user)
    assert "Gesprek met de RT" not in client.get(reverse("caseload:my_agreements")).content.decode()


def _due(story, count: int, owner=None) -> None:
    Agreement.objects.bulk_create(
        Agreement(case=story["case"], meeting=story["meeting"], what=f"Afspraak {n}",
                  owner=owner or story["school"], due_on=timezone.localdate())
        for n in range(count)
    )  # fmt: skip


@pytest.mark.django_db
def test_reminders_cost_the_same_queries_for_few_and_many_agreements(
    story, django_assert_num_queries
):
    """Each owner gets one email for all their agreements due, and the work goes in batches:
    the number of queries does not grow with the number of agreements."""
    today = timezone.localdate()
    _due(story, 5)
    _due(story, 3, owner=story["parent"])
    with django_assert_num_queries(4):  # find a batch, claim it, load it; find: no more
        assert send_reminders(days=3, today=today) == 9
    assert sorted(m.body.count(" moet klaar zijn op ") for m in mail.outbox) == [3, 6]
    _due(story, 200)
    with django_assert_num_queries(4):
        assert send_reminders(days=3, today=today) == 200
    with django_assert_num_queries(1):  # a second run on the same day finds nothing to do
        assert send_reminders(days=3, today=today) == 0


@pytest.mark.django_db
def test_two_runs_at_once_never_remind_twice(story):
    from rondom.meetings.reminders import _claim

    today = timezone.localdate()
    ids = [story["agreement"].pk]
    assert _claim(ids, today) == set(ids)
    assert _claim(ids, today) == set()  # the other run claimed it first


@pytest.mark.django_db
@pytest.mark.parametrize("consent", ["without agreements", "withdrawn"])
def test_no_reminder_reaches_an_owner_who_may_not_see_the_agreements(story, consent):
    """An email is no way round the consent: its text names what was agreed."""
    from ..conftest import coach_with_consent

    coach = coach_with_consent(story, agreements=(consent == "withdrawn"))
    person = story["case"].participants.get(user=coach)
    if consent == "withdrawn":
        story["case"].consents.filter(participant=person).update(withdrawn_at=timezone.now())
    Agreement.objects.create(case=story["case"], meeting=story["meeting"], what="Geheim plan",
                             owner=person, due_on=timezone.localdate())  # fmt: skip
    send_reminders(days=3)
    assert not any("Geheim plan" in message.body for message in mail.outbox)
