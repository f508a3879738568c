"""Who may open which page and API address of a case: every role against every URL.

Roles: an outsider, a parent of another case, an organisation admin outside the case, a
professional in the case without consent, a professional with consent, a parent, the case
manager and a site admin.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from .test_access_policy import api_urls, case_url_names, case_url_patterns, url_for

NOBODY = ("outsider", "other_parent", "org_admin", "no_consent")
MEMBERS = ("participant", "no_agreements", "parent")
MANAGERS = ("case_manager", "site_admin")
ROLES = NOBODY + MEMBERS + MANAGERS

MANAGER_PAGES = {
    "timeline:restricted_cards",
    "cases:edit",
    "cases:close",
    "cases:child_create",
    "cases:child_edit",
    "cases:participant_create",
    "cases:participant_edit",
}
POST_ONLY = {
    "cases:make_named",
    "cases:consent_withdraw",
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
    "meetings:key_moment",
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


def expected_get(name: str, role: str) -> int:
    if name in POST_ONLY:
        return 405
    if role in NOBODY:
        return 404
    if name == "live:events":
        return 204  # the test client speaks WSGI: no stream (tests/live covers it over ASGI)
    if role in MANAGERS:
        return 200
    if name in AGREEMENT_PAGES and role == "no_agreements":
        return 404
    if name in MANAGER_PAGES:
        return 403
    if name in PARENT_PAGES:
        return 200 if role == "parent" else 403
    if name in OWN_CARD_PAGES:
        return 200 if role == "parent" else 403
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
    # resource: roles (besides managers) allowed to change it
    "cases": (),
    "children": (),
    "participants": (),
    "school-periods": MEMBERS,
    "cards": ("parent",),  # the parent wrote the help card
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_api(role, people, story):
    client = APIClient()
    client.force_authenticate(people[role])
    for url in api_urls(story):
        resource = url.split("/")[3]
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
    assert set(case_url_patterns()) >= MANAGER_PAGES | POST_ONLY | OWN_CARD_PAGES | PARENT_PAGES
