"""Closing, purging after the retention term, and erasing on a parent's request."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rondom.audit.models import AuditEvent
from rondom.audit.sealing import seal_pending
from rondom.audit.verify import verify_chain
from rondom.cases.models import Case, Child, Consent, ErasureRequest, Participant
from rondom.timeline.models import Card, CardRevision


@pytest.mark.django_db
def test_closing_needs_the_dossiers_it_was_filed_in(manager_client, story):
    url = reverse("cases:close", args=[story["case"].pk])
    assert manager_client.post(url, {"filed_in": ""}).status_code == 200
    manager_client.post(url, {"filed_in": "leerlingdossier ParnasSys; dossier Jeugdteam"})
    story["case"].refresh_from_db()
    assert story["case"].closed_at is not None
    page = manager_client.get(reverse("cases:detail", args=[story["case"].pk])).content.decode()
    assert "leerlingdossier ParnasSys" in page


def close_months_ago(case: Case, months: int) -> None:
    case.closed_at = timezone.now() - timedelta(days=round(months * 30.44))
    case.filed_in = "leerlingdossier"
    case.save()


@pytest.mark.django_db
def test_purge_erases_only_cases_past_their_term(story, other_story, manager_client):
    manager_client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    close_months_ago(story["case"], 13)
    close_months_ago(other_story["case"], 11)
    call_command("purge")
    assert not Case.objects.filter(pk=story["case"].pk).exists()
    assert Case.objects.filter(pk=other_story["case"].pk).exists()
    gone = story["case"].pk
    assert not Child.objects.filter(case_id=gone).exists()
    assert not Participant.objects.filter(case_id=gone).exists()
    assert not Card.objects.filter(case_id=gone).exists()
    assert not CardRevision.objects.filter(card__case_id=gone).exists()
    assert not Consent.objects.filter(case_id=gone).exists()
    events = AuditEvent.objects.filter(case_id=story["case"].pk)
    assert {e.action for e in events} >= {"view timeline:child", "erase case"}
    seal_pending()
    assert verify_chain() == (AuditEvent.objects.count(), [])


@pytest.mark.django_db
def test_parent_asks_for_erasure_and_the_case_manager_erases(story, parent_user, manager_client):
    parent = Client()
    parent.force_login(parent_user)
    parent.post(reverse("cases:erasure_request", args=[story["case"].pk]), {"reason": "verhuisd"})
    pending = ErasureRequest.objects.get()
    page = manager_client.get(reverse("cases:detail", args=[story["case"].pk])).content.decode()
    assert "verhuisd" in page
    manager_client.post(
        reverse("cases:erasure_handle", args=[story["case"].pk, pending.pk]), {"decision": "erase"}
    )
    assert not Case.objects.filter(pk=story["case"].pk).exists()
    pending.refresh_from_db()
    assert pending.outcome == "erased" and pending.handled_at is not None
    assert mail.outbox[-1].to == [parent_user.email]


@pytest.mark.django_db
def test_refusing_erasure_needs_an_explanation(story, parent_user, manager_client):
    pending = ErasureRequest.objects.create(
        case_id_number=story["case"].pk, requested_by=parent_user
    )
    url = reverse("cases:erasure_handle", args=[story["case"].pk, pending.pk])
    manager_client.post(url, {"decision": "refuse"})
    pending.refresh_from_db()
    assert pending.handled_at is None
    manager_client.post(url, {"decision": "refuse", "explanation": "Het overleg loopt nog."})
    pending.refresh_from_db()
    assert pending.outcome == "refused"
    assert Case.objects.filter(pk=story["case"].pk).exists()
    assert "Het overleg loopt nog." in mail.outbox[-1].body


@pytest.mark.django_db
def test_only_parents_ask_for_erasure(story, manager_client):
    response = manager_client.post(reverse("cases:erasure_request", args=[story["case"].pk]))
    assert response.status_code == 403
