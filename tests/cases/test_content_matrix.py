"""What each role may read, checked by content: marker texts are planted in a private draft,
a draft's earlier wording, a card kept from the parents, the history of a card that was kept
from them before it was shared, an agreement and key moments. For every role the test reads
every page and download of the case, every API answer and the case file, PDFs as text, and
asserts that each marker shows up exactly for the roles the policy allows, and for no one else.
(The live stream carries ids only; tests/live/test_stream_privacy.py follows it per viewer.)
"""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.meetings.models import Agreement, KeyMoment, Meeting
from rondom.timeline.card_changes import (
    apply_date,
    create_card,
    save_card_changes,
    share_drafts,
)
from rondom.timeline.card_fields import snapshot
from rondom.timeline.kinds import CardKind, RestrictionReason
from rondom.timeline.models import Card

from ..documents.pdf_reading import all_text, read_pdf
from .test_access_policy import case_url_names, url_for
from .test_permission_matrix import ROLES

EVERYONE_IN_THE_MEETING = {"participant", "no_agreements", "parent", "case_manager", "site_admin"}
ALLOWED = {
    "QXDRAFT": {"participant"},  # the coach's own private draft
    "QXWORDING": {"parent"},  # how the parent worded a card while it was still a draft
    "QXLIMITED": {"case_manager", "site_admin"},  # kept from the parents and the others
    "QXHISTORY": {"case_manager", "site_admin"},  # written while kept from them, since shared
    "QXAGREE": EVERYONE_IN_THE_MEETING - {"no_agreements"},
    "QXKEYNOTE": EVERYONE_IN_THE_MEETING,  # a key moment on a card shared with everyone
    "QXKEYHIDDEN": {"case_manager", "site_admin"},  # a key moment on the limited card
}


def _card(story, author, text, **fields) -> Card:
    card = Card(case=story["case"], child=story["child"], kind=CardKind.LIFE_EVENT,
                author=author, text=text, date_text="2020", **fields)  # fmt: skip
    apply_date(card, story["case"], story["child"])
    return card


@pytest.fixture
def planted(story, people):
    case, manager_person, parent = story["case"], story["school"], story["parent"]
    coach = case.participants.get(user=people["participant"])
    user = people["case_manager"]
    create_card(_card(story, coach, "QXDRAFT plan", is_draft=True), people["participant"])

    worded = create_card(_card(story, parent, "QXWORDING eerst", is_draft=True), people["parent"])
    before = snapshot(worded)
    worded.text = "Verhuizing naar opa"
    save_card_changes(worded, before, worded.version, people["parent"])
    share_drafts([Card.objects.get(pk=worded.pk)], people["parent"])

    limited = _card(story, manager_person, "QXLIMITED zorgen",
                    restriction_reason=RestrictionReason.CHILD_SAFETY)  # fmt: skip
    create_card(limited, user, [manager_person])

    history = _card(story, manager_person, "QXHISTORY vermoeden",
                    restriction_reason=RestrictionReason.CHILD_SAFETY)  # fmt: skip
    create_card(history, user, [manager_person])
    before = snapshot(history)
    history.text, history.restriction_reason = "Gesprek met de ouders gevoerd", ""
    save_card_changes(history, before, history.version, user, [])

    meeting = story["meeting"]
    Agreement.objects.create(case=case, meeting=meeting, what="QXAGREE verwijzing",
                             owner=manager_person, due_on=date(2099, 1, 1))  # fmt: skip
    KeyMoment.objects.create(meeting=meeting, card=story["help_card"], note="QXKEYNOTE keerpunt")
    KeyMoment.objects.create(meeting=meeting, card=limited, note="QXKEYHIDDEN zorg")
    later = Meeting.objects.create(case=case, held_on=date(2024, 6, 1), goal="inform")
    return {"cards": list(Card.objects.filter(case=case)), "meetings": [meeting, later]}


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        # Folded, so a marker broken over two lines is still found.
        return "".join(all_text(read_pdf(response.content)).split()).replace("-", "")
    return response.content.decode("utf-8", errors="replace")


def everything_read_by(user, story, planted) -> str:
    client = Client()
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    case = story["case"]
    urls = [url_for(name, story) for name in case_url_names()]
    for card in planted["cards"]:
        urls.append(reverse("timeline:card_history", args=[case.pk, card.pk]))
        urls.append(f"/api/v1/cards/{card.pk}/")
    for meeting in planted["meetings"]:
        for name in ("meetings:detail", "documents:meeting_report", "documents:agreements_card"):
            urls.append(reverse(name, args=[case.pk, meeting.pk]))
        board = reverse("meetings:present", args=[case.pk, meeting.pk])
        urls += [f"{board}?step={step}" for step in range(1, 6)]
    urls += [f"/api/v1/{r}/?limit=500" for r in ("cases", "children", "participants", "cards")]
    urls += [reverse("caseload:my_agreements"), reverse("caseload:overview")]
    urls += [reverse("caseload:cases")]
    texts = []
    for url in urls:
        reader = api if url.startswith("/api/") else client
        response = reader.get(url)
        if response.status_code == 200:
            texts.append(_text(response))
    return "\n".join(texts)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_marker_reaches_exactly_the_roles_the_policy_allows(role, people, story, planted):
    read = everything_read_by(people[role], story, planted)
    for marker, allowed in ALLOWED.items():
        # No marker is part of another, so a plain search also finds it in folded PDF text.
        assert (marker in read) == (role in allowed), (role, marker)


@pytest.mark.django_db
def test_the_markers_are_found_where_they_should_be(people, story, planted):
    """The matrix above is only worth something if allowed markers are really found."""
    read = everything_read_by(people["case_manager"], story, planted)
    assert read.count("QXHISTORY") >= 2  # the history page and the case file
    case_file = Client()
    case_file.force_login(people["parent"])
    document = json.loads(
        case_file.get(reverse("exchange:case_file", args=[story["case"].pk])).content
    )
    texts = json.dumps(document)
    assert "QXWORDING" in texts and "QXAGREE" in texts and "QXHISTORY" not in texts
