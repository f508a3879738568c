from datetime import date

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.meetings.models import Factor, KeyMoment, Step
from rondom.timeline.kinds import CardKind

from ..conftest import coach_with_consent
from .pdf_reading import A4_PORTRAIT, all_text, assert_size, read_pdf


@pytest.fixture
def held(story):
    meeting = story["meeting"]
    meeting.goal_text = "Samen kijken naar groep 3"
    meeting.next_meeting_on = date(2024, 6, 1)
    meeting.filed_in = "leerlingdossier, dossier jeugdteam"
    meeting.save()
    meeting.notes.filter(step=Step.STANDS_OUT).update(text="Lezen gaat vooruit sinds de hulp.")
    Factor.objects.create(meeting=meeting, kind=Factor.Kind.HELPING, text="Vaste juf")
    Factor.objects.create(meeting=meeting, kind=Factor.Kind.HINDERING, text="Veel wisselingen")
    KeyMoment.objects.create(meeting=meeting, card=story["help_card"], note="keerpunt")
    b = story["builder"]
    kept = b.card(CardKind.HELP, b.manager, "2022", "Melding bij Veilig Thuis", story["child"])
    kept.restricted_to.add(b.manager)
    KeyMoment.objects.create(meeting=meeting, card=kept)
    return meeting


def urls(story, meeting):
    args = [story["case"].pk, meeting.pk]
    return reverse("documents:agreements_card", args=args), reverse(
        "documents:meeting_report", args=args
    )


@pytest.mark.django_db
def test_agreements_card_is_filled_in_from_the_meeting(manager_client, story, held):
    card_url, _ = urls(story, held)
    response = manager_client.get(card_url)
    pages = read_pdf(response.content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    assert "Afsprakenkaart" in text and "Familie Test" in text and "1 maart 2024" in text
    assert "Gesprek met de RT'er" in text and "Inge Bakker" in text and "1 april 2024" in text
    assert "1 juni 2024" in text and "leerlingdossier, dossier jeugdteam" in text
    assert AuditEvent.objects.last().channel == AuditEvent.Channel.PRINT


@pytest.mark.django_db
def test_meeting_report_holds_the_whole_meeting(manager_client, story, held):
    _, report_url = urls(story, held)
    pages = read_pdf(manager_client.get(report_url).content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    assert "Verslag van het overleg" in text
    assert "Samen kijken naar groep 3" in text  # the goal
    assert "Lezen gaat vooruit sinds de hulp." in text  # a step's notes
    assert "Vaste juf" in text and "Veel wisselingen" in text  # helping and hindering
    assert "Speltherapie" in text and "keerpunt" in text  # a key moment
    assert "Afspraken" in text and "Gesprek met de RT'er" in text  # the agreements
    assert "1 juni 2024" in text and "leerlingdossier" in text
    # A key moment on a card with limited access does not go on paper.
    assert "Veilig Thuis" not in text


@pytest.mark.django_db
def test_consent_without_agreements_gives_no_agreements_card(client, story, held):
    client.force_login(coach_with_consent(story, agreements=False))
    card_url, report_url = urls(story, held)
    assert client.get(card_url).status_code == 404
    response = client.get(report_url)
    assert response.status_code == 200
    pages = read_pdf(response.content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    # What the meeting recorded, apart from the agreements, is there.
    assert "Verslag van het overleg" in text and "Samen kijken naar groep 3" in text
    assert "Lezen gaat vooruit sinds de hulp." in text
    assert "Wat helpt Vaste juf Wat hindert Veel wisselingen" in text
    assert "Speltherapie (keerpunt)" in text
    assert "Volgend overleg 1 juni 2024" in text and "leerlingdossier, dossier jeugdteam" in text
    # The agreements are left out, heading and all, and so is the card with limited access.
    assert "Gesprek met de RT'er" not in text and "Afspraken" not in text
    assert "Geen afspraken gemaakt." not in text
    assert "Veilig Thuis" not in text


@pytest.mark.django_db
def test_agreements_card_names_the_child(manager_client, story, held):
    card_url, _ = urls(story, held)
    text = all_text(read_pdf(manager_client.get(card_url).content))
    assert "Kind Sam" in text


@pytest.mark.django_db
def test_agreements_card_of_an_anonymous_case_shows_the_pseudonym_and_age(manager):
    from rondom.demo.builder import CaseBuilder
    from rondom.documents.meeting_documents import agreements_card_pdf
    from rondom.meetings.models import Meeting

    b = CaseBuilder("Casus Zon", manager, "Inge")
    b.child("Zonnebloem", date(2015, 4, 1))
    b.child("Madelief", date(2018, 9, 12))
    meeting = Meeting.objects.create(case=b.case, held_on=date(2024, 3, 1), goal="inform")
    text = all_text(read_pdf(agreements_card_pdf(b.case, meeting)))
    ages = [child.age for child in b.case.children.all()]
    assert f"Kinderen Zonnebloem (nu {ages[0]} jaar), Madelief (nu {ages[1]} jaar)" in text
    assert "2015" not in text and "2018" not in text  # no date of birth


def test_a_blank_agreements_card_has_a_line_for_the_child():
    from rondom.documents.meeting_documents import agreements_card_pdf

    assert "Kinderen" in all_text(read_pdf(agreements_card_pdf()))
