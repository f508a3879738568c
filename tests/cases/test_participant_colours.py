"""Every new person in a case gets a colour of their own, from a palette that stays apart on
screen and in black and white print."""

import itertools

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rondom.cases.colours import PALETTE, next_colour
from rondom.cases.models import Participant, Role


def _lightness(colour: str) -> float:
    """CIE L* (0 black to 100 white): the grey a colour prints as."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    y = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def _contrast_with_white(colour: str) -> float:
    y = ((_lightness(colour) + 16) / 116) ** 3
    return 1.05 / (y + 0.05)


def test_the_palette_stays_apart_in_grey_and_stands_out_on_white():
    assert len(set(PALETTE)) == len(PALETTE) >= 5
    for colour in PALETTE:
        # 3:1 for the bar and the badge; 4.5:1 so the white letter on the badge reads as text.
        assert _contrast_with_white(colour) >= 4.5, colour
    for first, second in itertools.combinations(PALETTE, 2):
        assert abs(_lightness(first) - _lightness(second)) >= 8, (first, second)
    for first, second in itertools.combinations(PALETTE[:3], 2):
        assert abs(_lightness(first) - _lightness(second)) >= 15, (first, second)


@pytest.mark.django_db
def test_three_people_added_on_the_page_get_three_colours_of_the_palette(story, manager_client):
    case = story["case"]
    url = reverse("cases:participant_create", args=[case.pk])
    for name, role in (("Jeroen", Role.YOUTH_CARE), ("Lotte", Role.SCHOOL), ("Opa", Role.OTHER)):
        # What a browser sends: the colour input as the form filled it in.
        form = manager_client.get(url).context["form"]
        colour = form.initial["colour"]
        response = manager_client.post(url, {"name": name, "role": role, "colour": colour})
        assert response.status_code == 302
    colours = [p.colour for p in case.participants.order_by("pk")]
    assert len(set(colours)) == len(colours) == 5  # manager, parent and the three new ones
    assert colours == list(PALETTE[:5])
    greys = sorted(_lightness(colour) for colour in colours[2:])
    assert all(later - earlier >= 8 for earlier, later in itertools.pairwise(greys))


@pytest.mark.django_db
def test_the_form_starts_at_the_next_free_colour(story, manager_client):
    url = reverse("cases:participant_create", args=[story["case"].pk])
    html = manager_client.get(url).content.decode()
    assert f'type="color" name="colour" value="{PALETTE[2]}"' in html


@pytest.mark.django_db
def test_a_chosen_colour_is_kept_and_an_edit_keeps_the_colour(story, manager_client):
    case = story["case"]
    manager_client.post(
        reverse("cases:participant_create", args=[case.pk]),
        {"name": "Oma", "role": Role.OTHER, "colour": "#00696F"},
    )
    oma = case.participants.get(name="Oma")
    assert oma.colour == "#00696f"
    parent = story["parent"]
    before = parent.colour
    manager_client.post(
        reverse("cases:participant_edit", args=[case.pk, parent.pk]),
        {"name": "Samira E.", "role": parent.role, "colour": before, "version": parent.version},
    )
    parent.refresh_from_db()
    assert (parent.name, parent.colour) == ("Samira E.", before)


@pytest.mark.django_db
def test_the_api_gives_new_people_the_next_free_colour(story, manager):
    client = APIClient()
    client.force_authenticate(manager)
    made = []
    for name in ("Een", "Twee"):
        response = client.post(
            "/api/v1/participants/",
            {"case": story["case"].pk, "name": name, "role": Role.OTHER},
            format="json",
        )
        assert response.status_code == 201, response.json()
        made.append(response.json()["colour"])
    assert made == [PALETTE[2], PALETTE[3]]
    chosen = client.post(
        "/api/v1/participants/",
        {"case": story["case"].pk, "name": "Drie", "role": Role.OTHER, "colour": "#123456"},
        format="json",
    )
    assert chosen.json()["colour"] == "#123456"


@pytest.mark.django_db
def test_once_every_colour_is_taken_the_least_used_comes_next(story):
    case = story["case"]
    for n in range(len(PALETTE) - 2):
        Participant.objects.create(
            case=case, name=f"P{n}", role=Role.OTHER, letter="A", colour=next_colour(case)
        )
    assert sorted(case.participants.values_list("colour", flat=True)) == sorted(PALETTE)
    Participant.objects.filter(case=case, colour=PALETTE[0]).update(colour="#000000")
    assert next_colour(case) == PALETTE[0]  # no longer used: free again
    Participant.objects.filter(case=case, colour="#000000").update(colour=PALETTE[0])
    Participant.objects.create(
        case=case, name="Extra", role=Role.OTHER, letter="A", colour=PALETTE[0]
    )
    assert next_colour(case) == PALETTE[1]


@pytest.mark.django_db
def test_a_new_case_starts_with_the_first_colour(manager):
    client = Client()
    client.force_login(manager)
    client.post(reverse("cases:create"), {"title": "Familie Kleur"})
    me = Participant.objects.get(case__title="Familie Kleur")
    assert me.colour == PALETTE[0]
