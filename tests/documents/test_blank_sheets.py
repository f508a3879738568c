import pytest
from django.urls import reverse

from rondom.timeline.kinds import ROWS

from .pdf_reading import A3_LANDSCAPE, A4_PORTRAIT, all_text, assert_size, read_pdf

ROW_TITLES_NL = ["Thuissituatie gezin", "School / opvang", "Groep", "Ontwikkeling kind", "Welzijn"]


@pytest.mark.django_db
def test_blank_timeline_is_one_a3_page_with_every_row_and_ages_0_to_12(manager_client):
    response = manager_client.get(reverse("documents:blank_sheets"), {"born": ""})
    assert response.status_code == 200
    pages = read_pdf(response.content)
    assert len(pages) == 1
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    for title in ROW_TITLES_NL:
        assert title in text
    assert "0 jaar" in text and "12 jaar" in text and "13 jaar" not in text


@pytest.mark.django_db
def test_blank_timeline_fits_a_date_of_birth(manager_client):
    response = manager_client.get(reverse("documents:blank_sheets"), {"born": "2015-03-01"})
    text = all_text(read_pdf(response.content))
    assert "1 maart 2015" in text
    assert "2015" in text and "2027" in text  # the calendar year under each age


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "message"),
    [
        ("1-3-2015x", "Voer een geldige datum in."),
        ("2099-01-01", "De geboortedatum kan niet in de toekomst liggen."),
        ("1850-01-01", "Geef een geboortedatum tussen 1990 en vandaag."),
    ],
)
def test_a_bad_date_of_birth_gets_a_dutch_message(manager_client, born, message):
    response = manager_client.get(reverse("documents:blank_sheets"), {"born": born})
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
    assert message in response.content.decode()


@pytest.mark.django_db
def test_the_page_offers_every_blank_sheet(manager_client):
    page = manager_client.get(reverse("documents:blank_sheets")).content.decode()
    assert reverse("documents:blank_cards") in page
    assert reverse("documents:blank_agreements") in page


@pytest.mark.django_db
def test_blank_cards_have_every_kind_on_a4(manager_client):
    pages = read_pdf(manager_client.get(reverse("documents:blank_cards")).content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    card_rows = [row for row in ROWS if row.card_kind]
    assert len(card_rows) == 8
    for title in ("Levensgebeurtenissen", "Hulp voor kind en gezin", "Beleid en organisatie"):
        assert title in text
    assert text.count("Letter:") == len(card_rows)
    assert "Omcirkel er één" in text  # the rating to circle on help and collaboration


@pytest.mark.django_db
def test_blank_agreements_card(manager_client):
    pages = read_pdf(manager_client.get(reverse("documents:blank_agreements")).content)
    assert_size(pages, A4_PORTRAIT)
    text = all_text(pages)
    assert "Afsprakenkaart" in text
    for heading in ("Wat", "Wie", "Klaar op", "Volgend overleg", "Opgeslagen in"):
        assert heading in text


def test_blank_sheets_need_a_login(client):
    response = client.get(reverse("documents:blank_cards"))
    assert response.status_code == 302
