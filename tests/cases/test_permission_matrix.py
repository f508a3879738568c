"""Who may open which page and API address of a case: every role against every URL.

Roles: an outsider, a parent of another case, an organisation admin outside the case, a
professional in the case without consent, a professional with consent, a parent, the case
manager and a site admin.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from .test_access_policy import (
    api_item_url_names,
    api_urls,
    case_routes,
    case_url_names,
    url_for,
)

NOBODY = ("outsider", "other_parent", "org_admin", "no_consent")
MEMBERS = ("participant", "no_agreements", "parent")
MANAGERS = ("case_manager", "site_admin")
ROLES = NOBODY + MEMBERS + MANAGERS

# Every URL that takes a case sits in exactly one of these groups; a new one fails
# test_matrix_covers_every_case_url until someone decides who may open it.

# Everyone in the case with consent (and the managers).
MEMBER_PAGES = {
    "cases:detail",
    "cases:consent",
    "career:career",
    "career:period_create",
    "career:period_edit",
    "timeline:child",
    "timeline:merge",
    "timeline:card_create",
    "timeline:card_history",
    "meetings:list",
    "meetings:create",
    "meetings:detail",
    "meetings:present",
    "documents:praatplaat",
    "documents:meeting_report",
    "help:satisfaction",
    "help:questions",
    "help:question_create",
}
MANAGER_PAGES = {
    "timeline:restricted_cards",
    "cases:edit",
    "cases:close",
    "cases:child_create",
    "cases:child_edit",
    "cases:participant_create",
    "cases:participant_edit",
    "meetings:close_confirm",
}
POST_ONLY = {
    "cases:make_named",
    "cases:consent_withdraw",
    "cases:figures_consent_give",
    "cases:figures_consent_withdraw",
    "cases:reopen",
    "cases:erasure_request",
    "cases:erasure_handle",
    "cases:participant_delete",
    "cases:participant_invite",
    "career:period_delete",
    "timeline:card_delete",
    "timeline:card_restore",
    "timeline:share_drafts",
    "timeline:merge_link",
    "timeline:merge_unlink",
    "timeline:merge_hide",
    "timeline:merge_show",
    "meetings:close",
    "meetings:note",
    "meetings:factor",
    "meetings:factor_remove",
    "meetings:key_moment",
    "meetings:key_moment_remove",
    "meetings:agreement",
    "meetings:agreement_status",
    "meetings:follow_up",
}
# The access log and the family's own copy of its data are for its parents and case managers.
PARENT_PAGES = {"privacy:access_log", "documents:family_copy", "exchange:case_file"}
# A consent without agreements leaves these out.
AGREEMENT_PAGES = {"documents:agreements_card"}
# The story's help card is the parent's: the other professional may read it, not change it.
OWN_CARD_PAGES = {"timeline:card_edit"}
# The story's question was raised by the parent: they change or remove it, and the managers.
OWN_QUESTION_PAGES = {"help:question_edit", "help:question_delete"}
STREAMS = {"live:events"}
# Everyone in the case gives their own answer; a site admin takes no part in a case.
ANSWER_PAGES = {"help:satisfaction_answer"}
# Passing a policy card on to the network is the case manager's alone; the story's card is a
# help card, so even the case manager finds nothing to pass on there (tests/monitor covers it).
SIGNAL_PAGES = {"monitor:card_signal"}
MATRIX = {
    "MEMBER_PAGES": MEMBER_PAGES,
    "MANAGER_PAGES": MANAGER_PAGES,
    "POST_ONLY": POST_ONLY,
    "PARENT_PAGES": PARENT_PAGES,
    "AGREEMENT_PAGES": AGREEMENT_PAGES,
    "OWN_CARD_PAGES": OWN_CARD_PAGES,
    "OWN_QUESTION_PAGES": OWN_QUESTION_PAGES,
    "STREAMS": STREAMS,
    "ANSWER_PAGES": ANSWER_PAGES,
    "SIGNAL_PAGES": SIGNAL_PAGES,
}


def expected_get(name: str, role: str) -> int:
    if name in POST_ONLY:
        return 405
    if role in NOBODY:
        return 404
    if name in STREAMS:
        return 204  # the test client speaks WSGI: no stream (tests/live covers it over ASGI)
    if name in SIGNAL_PAGES:
        return 404 if role == "case_manager" else 403
    if name in ANSWER_PAGES:
        return 403 if role == "site_admin" else 200
    if role in MANAGERS:
        return 200
    if name in AGREEMENT_PAGES:
        return 404 if role == "no_agreements" else 200
    if name in MANAGER_PAGES:
        return 403
    if name in PARENT_PAGES | OWN_CARD_PAGES | OWN_QUESTION_PAGES:
        return 200 if role == "parent" else 403
    assert name in MEMBER_PAGES, f"{name} is in no group of the matrix"
    return 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_pages(role, people, story):
    client = Client()
    client.force_login(people[role])
    title = story["case"].title.encode()
    for name in case_url_names():
        url = url_for(name, story)
        response = client.get(url)
        assert response.status_code == expected_get(name, role), (role, name)
        if response.status_code != 200:
            assert title not in response.content
        if role in NOBODY:
            assert client.post(url).status_code == 404, (role, name)


API_WRITES = {
    # the API address of one item: roles (besides managers) allowed to change it
    "case-detail": (),
    "child-detail": (),
    "participant-detail": (),
    "school-period-detail": MEMBERS,
    "card-detail": ("parent",),  # the parent wrote the help card
    "question-detail": ("parent",),  # the parent raised the question
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_api(role, people, story):
    client = APIClient()
    client.force_authenticate(people[role])
    for resource, url in api_urls(story).items():
        read = client.get(url)
        assert read.status_code == (404 if role in NOBODY else 200), (role, url)
        change = client.patch(url, {}, format="json")
        if role in NOBODY:
            expected = {404}
        elif (
            role in MANAGERS
            or role in API_WRITES[resource]
            or (role == "no_agreements" and "participant" in API_WRITES[resource])
        ):
            expected = {200, 400}  # allowed; an empty change may lack the version
        else:
            expected = {403}
        assert change.status_code in expected, (role, url, change.status_code)
    listed = client.get("/api/v1/cases/").json()["results"]
    assert (story["case"].pk in [c["id"] for c in listed]) == (role not in NOBODY)


def test_matrix_covers_every_case_url():
    routes = case_routes()
    unnamed = [route.route for route in routes if not route.name]
    assert not unnamed, f"case URLs without a name, so outside every check: {unnamed}"
    names = [route.name for route in routes]
    assert len(names) == len(set(names)), "two case URLs share a name; reverse() finds one"
    placed = [(group, name) for group, members in MATRIX.items() for name in members]
    twice = {name for _, name in placed if [n for _, n in placed].count(name) > 1}
    assert not twice, f"in more than one group of the matrix: {sorted(twice)}"
    missing = set(names) - {name for _, name in placed}
    assert not missing, f"case URLs missing from the matrix: {sorted(missing)}"
    gone = {name for _, name in placed} - set(names)
    assert not gone, f"the matrix lists URLs that do not exist: {sorted(gone)}"
    assert set(API_WRITES) == api_item_url_names()
