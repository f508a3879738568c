"""A remark about the help is case content: a marker planted in one reaches everyone who sees
the case's content, on every page, PDF and API answer that shows it, and nobody else; and it
never reaches the access log."""

import pytest
from rest_framework.test import APIClient

from rondom.audit.models import AuditEvent
from rondom.help.satisfaction import record_answer

from ..cases.test_content_matrix import everything_read_by
from ..cases.test_permission_matrix import ROLES

SEES_CONTENT = {"participant", "no_agreements", "parent", "case_manager", "site_admin"}


@pytest.fixture
def remark(story, people):
    record_answer(participant=story["parent"], satisfaction="not_satisfied",
                  reasons=["waiting"], remark="QXREMARK wachtlijst",
                  given_by=people["parent"], meeting=story["meeting"])  # fmt: skip
    return "QXREMARK"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_remark_reaches_exactly_those_who_see_the_content(role, people, story, remark):
    read = everything_read_by(people[role], story, {"cards": [], "meetings": [story["meeting"]]})
    api = APIClient()
    api.force_authenticate(people[role])
    read += api.get("/api/v1/satisfaction/").content.decode()
    assert (remark in read) == (role in SEES_CONTENT), role
    if role in SEES_CONTENT:
        # Shown on the case page, the meeting, the praatplaat and through the API at least.
        assert read.count(remark) >= 4, role


@pytest.mark.django_db
def test_a_remark_never_reaches_the_access_log(people, story, remark):
    everything_read_by(people["case_manager"], story, {"cards": [], "meetings": []})
    lines = AuditEvent.objects.filter(case_id=story["case"].pk)
    assert lines.exists()
    for line in lines.values("actor_label", "action", "reason", "channel"):
        assert remark not in " ".join(line.values())
