"""A question's text stays in its case: not for outsiders, not in the access log, and never in
figures across cases."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.audit.models import AuditEvent
from rondom.help.models import HelpQuestion

from ..cases.test_access_policy import api_urls, case_url_names, url_for
from ..conftest import question_of
from .conftest import MARKER, client_for


@pytest.fixture
def secret(story):
    HelpQuestion.objects.filter(pk=question_of(story).pk).update(text=MARKER)
    return MARKER


@pytest.mark.django_db
def test_the_marker_reaches_the_people_in_the_case(story, secret, coach, parent_user):
    url = reverse("help:questions", args=[story["case"].pk])
    for user in (coach, parent_user):
        assert secret in client_for(user).get(url).content.decode()


@pytest.mark.django_db
def test_the_marker_never_reaches_someone_outside_the_case(story, other_story, outsider, secret):
    for user in (outsider, other_story["parent"]):
        client = client_for(user)
        for name in case_url_names():
            response = client.get(url_for(name, story))
            assert secret.encode() not in response.content, name
        api = APIClient()
        api.force_authenticate(user)
        for url in [*api_urls(story).values(), "/api/v1/questions/"]:
            assert secret.encode() not in api.get(url).content, url


@pytest.mark.django_db
def test_the_marker_is_not_in_the_access_log(story, secret, manager_client):
    manager_client.get(reverse("help:questions", args=[story["case"].pk]))
    url = reverse("help:question_edit", args=[story["case"].pk, question_of(story).pk])
    manager_client.post(url, {"domain": "social_emotional", "child": story["child"].pk,
                              "text": MARKER + " nu", "raised_by": story["parent"].pk,
                              "status": "open", "version": 1})  # fmt: skip
    lines = list(AuditEvent.objects.values_list("action", "reason", "actor_label"))
    assert lines and not any(MARKER in " ".join(map(str, line)) for line in lines)


@pytest.mark.django_db
def test_the_marker_is_not_in_the_figures_of_one_case(story, secret, manager_client):
    """The panel counts per domain; a question's words stay out of the board as well."""
    url = reverse("meetings:present", args=[story["case"].pk, story["meeting"].pk])
    board = manager_client.get(url + "?step=3", HTTP_HX_TARGET="board-step")
    assert "Past de hulp?" in board.content.decode()
    assert secret not in board.content.decode()


@pytest.mark.django_db
def test_an_outsider_gets_404_on_every_question_page(story, outsider):
    client = Client()
    client.force_login(outsider)
    for name in [n for n in case_url_names() if n.startswith("help:")]:
        assert client.get(url_for(name, story)).status_code == 404
        assert client.post(url_for(name, story)).status_code == 404
