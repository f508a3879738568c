import json

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.timeline.kinds import CardKind

from ..conftest import coach_with_consent
from .pdf_reading import A4_PORTRAIT, all_text, assert_size, read_pdf


@pytest.fixture
def secrets(story):
    """A draft of the school, the parent's own draft, and a card kept from the parents."""
    b, child = story["builder"], story["child"]
    theirs = b.card(CardKind.HELP, b.manager, "2022", "Concept van de school", child)
    mine = b.card(CardKind.LIFE_EVENT, story["parent"], "2023", "Mijn eigen concept", child)
    for draft in (theirs, mine):
        draft.is_draft = True
        draft.save()
    kept = b.card(CardKind.HELP, b.manager, "2022", "Zorgmelding", child)
    kept.restricted_to.add(b.manager)
    kept.restriction_reason = "child_safety"
    kept.save()


@pytest.mark.django_db
def test_parent_downloads_the_family_data_as_pdf(client, story, parent_user, secrets):
    client.force_login(parent_user)
    response = client.get(reverse("documents:family_copy", args=[story["case"].pk]))
    assert response.status_code == 200
    pages = read_pdf(response.content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    assert "Onze gegevens in Rondom" in text
    assert "Sam" in text and "1 maart 2015" in text  # the child
    assert "Speltherapie" in text and "Zonder datum" in text  # the cards
    assert "De Vlieger" in text  # the school career
    consent = story["case"].consents.get()
    valid = " – ".join(
        f"{d.day}-{d.month}-{d.year}" for d in (consent.valid_from, consent.valid_until)
    )
    # The consent row: given by, for whom, the purpose and how long it holds.
    assert f"Samira Inge Bakker Samen de tijdlijn opstellen en bespreken {valid}" in text
    assert "Gesprek met de RT'er" in text  # the meeting's agreements
    assert "Mijn eigen concept" in text
    assert "Concept van de school" not in text
    assert "Zorgmelding" not in text
    assert AuditEvent.objects.last().channel == AuditEvent.Channel.EXPORT


@pytest.mark.django_db
def test_parent_downloads_the_family_data_as_json(client, story, parent_user, secrets):
    client.force_login(parent_user)
    response = client.get(reverse("exchange:case_file", args=[story["case"].pk]))
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["format"] == "rondom-case" and document["scope"] == "participant"
    texts = {card["text"] for card in document["cards"]}
    assert {"Speltherapie", "Mijn eigen concept"} <= texts
    assert "Concept van de school" not in texts and "Zorgmelding" not in texts
    assert "Concept van de school" not in response.content.decode()
    assert document["meetings"][0]["agreements"][0]["what"] == "Gesprek met de RT'er"
    # The family's copy names the other people, not their email addresses.
    accounts = {p["name"]: p["account"] for p in document["participants"]}
    assert accounts == {"Inge Bakker": None, "Samira": "ouder@home.test"}
    assert "ib@school.test" not in response.content.decode()
    event = AuditEvent.objects.last()
    assert (event.channel, event.action) == (AuditEvent.Channel.EXPORT, "view exchange:case_file")


@pytest.mark.django_db
def test_other_professionals_cannot_download_the_family_data(client, story):
    client.force_login(coach_with_consent(story))
    for name in ("documents:family_copy", "exchange:case_file"):
        assert client.get(reverse(name, args=[story["case"].pk])).status_code == 403
