from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rondom.audit.models import AuditEvent
from rondom.documents.timeline_sheets import praatplaat_pdf
from rondom.timeline.kinds import CardKind

from .pdf_reading import A3_LANDSCAPE, all_text, assert_size, read_pdf


def download(client, story):
    url = reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return read_pdf(response.content)


@pytest.mark.django_db
def test_praatplaat_is_a3_landscape_with_cards_legend_and_footer(manager_client, story):
    pages = download(manager_client, story)
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    assert "Tijdlijn rondom Sam" in text
    for card_text in ("Speltherapie", "Verhuisd", "Leest goed"):
        assert card_text in text
    assert "Samira" in text and "Inge Bakker" in text  # the legend of participants
    assert "goed" in text  # the rating, in words beside its symbol
    assert "Vertrouwelijk" in text
    assert timezone.localdate().strftime("%Y") in text
    assert "Levensgebeur" in text and "Hulp voor kind en gezin" in text  # row titles


@pytest.mark.django_db
def test_cards_without_a_date_are_listed(manager_client, story):
    text = all_text(download(manager_client, story))
    assert "Kaartjes zonder datum (1)" in text
    assert "Zonder datum" in text


@pytest.mark.django_db
def test_drafts_and_restricted_cards_are_never_printed(manager_client, story):
    b = story["builder"]
    draft = b.card(CardKind.HELP, b.manager, "2022", "Conceptkaart van de school", story["child"])
    draft.is_draft = True
    draft.save()
    kept = b.card(CardKind.HELP, b.manager, "2022", "Alleen voor de school", story["child"])
    kept.restricted_to.add(b.manager)
    text = all_text(download(manager_client, story))
    assert "Conceptkaart" not in text
    assert "Alleen voor de school" not in text
    assert "1 kaartje met beperkte inzage staat niet op deze praatplaat" in text


@pytest.mark.django_db
def test_a_parent_is_not_told_of_cards_kept_from_them(client, story, parent_user):
    b = story["builder"]
    kept = b.card(CardKind.HELP, b.manager, "2022", "Zorgmelding", story["child"])
    kept.restricted_to.add(b.manager)
    client.force_login(parent_user)
    text = all_text(download(client, story))
    assert "Zorgmelding" not in text and "beperkte inzage" not in text


@pytest.mark.django_db
def test_anonymous_case_shows_the_age_not_the_date_of_birth(manager_client, story):
    case = story["case"]
    case.is_anonymous = True
    case.save()
    text = all_text(download(manager_client, story))
    assert "1 maart 2015" not in text and "01-03-2015" not in text
    assert "nu 11 jaar" in text
    assert "anonieme casus" in text


@pytest.mark.django_db
def test_a_long_timeline_is_split_over_pages_without_losing_a_card(story):
    b, child = story["builder"], story["child"]
    for i in range(120):
        year = 2015 + i % 10
        b.card(CardKind.DEVELOPMENT, b.manager, str(year), f"kaart{i:03d} gaat goed", child)
    with translation.override("nl"):
        pages = read_pdf(praatplaat_pdf(story["case"], child, today=date(2026, 11, 1)))
    assert len(pages) > 2
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    for i in range(120):
        assert f"kaart{i:03d}" in text, i
    # The age axis is repeated on every page, and nothing is printed smaller than 8 pt.
    assert all("0 jaar" in page.text for page in pages[:-1])
    assert min(page.smallest_font for page in pages if page.smallest_font) >= 7.99


@pytest.mark.django_db
def test_a_long_text_is_shortened_on_the_sheet_and_printed_in_full_after_it(story):
    b = story["builder"]
    long_text = "Begin. " + "veel woorden over wat er gebeurde " * 40 + "EINDE-VAN-DE-TEKST"
    b.card(CardKind.LIFE_EVENT, b.manager, "2020", long_text, story["child"])
    with translation.override("nl"):
        text = all_text(read_pdf(praatplaat_pdf(story["case"], story["child"])))
    assert "Volledige tekst na de plaat: kaartje" in text
    assert "EINDE-VAN-DE-TEKST" in text
    assert text.count("EINDE-VAN-DE-TEKST") == 1


@pytest.mark.django_db
def test_printing_is_written_to_the_access_log(manager_client, story):
    download(manager_client, story)
    event = AuditEvent.objects.filter(case_id=story["case"].pk).last()
    assert event.channel == AuditEvent.Channel.PRINT
    assert event.action == "view documents:praatplaat"
    assert event.child_id == story["child"].pk


@pytest.mark.django_db
def test_outsider_gets_no_praatplaat(client, story, outsider):
    client.force_login(outsider)
    url = reverse("documents:praatplaat", args=[story["case"].pk, story["child"].pk])
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(channel=AuditEvent.Channel.PRINT).exists()
