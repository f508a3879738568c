"""Starting a case and adding children and people, through the pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from rondom.cases.colours import PALETTE
from rondom.cases.models import Case, Participant, Role
from rondom.timeline.kinds import CardKind


@pytest.mark.django_db
def test_start_a_case_and_become_its_manager(manager_client, manager):
    response = manager_client.post(reverse("cases:create"), {"title": "Familie Nieuw"})
    case = Case.objects.get(title="Familie Nieuw")
    assert response.url == reverse("cases:detail", args=[case.pk])
    me = case.participants.get(user=manager)
    assert me.is_case_manager and me.letter == "S"


@pytest.mark.django_db
def test_add_child_and_open_its_timeline(manager_client, story):
    case = story["case"]
    response = manager_client.post(
        reverse("cases:child_create", args=[case.pk]),
        {"name": "Mila", "date_of_birth": "2019-02-28"},
    )
    child = case.children.get(name="Mila")
    assert response.url == reverse("timeline:child", args=[case.pk, child.pk])
    page = manager_client.get(response.url).content.decode()
    assert "Tijdlijn van Mila" in page
    assert "12 jaar" in page  # the axis runs to 12 for a young child


@pytest.mark.django_db
def test_date_of_birth_in_the_future_is_refused_in_dutch(manager_client, story):
    response = manager_client.post(
        reverse("cases:child_create", args=[story["case"].pk]),
        {"name": "Later", "date_of_birth": "2999-01-01"},
    )
    assert response.status_code == 200
    assert "toekomst" in response.content.decode()
    assert not story["case"].children.filter(name="Later").exists()


@pytest.mark.django_db
def test_add_participant_with_default_letter(manager_client, story):
    case = story["case"]
    manager_client.post(
        reverse("cases:participant_create", args=[case.pk]),
        {"name": "Jeroen", "role": "youth_care", "organisation": "Jeugdteam"},
    )
    participant = case.participants.get(name="Jeroen")
    # The case manager and the parent have the first two colours of the palette.
    assert (participant.letter, participant.colour) == ("J", PALETTE[2])
    assert participant.user is None


@pytest.mark.django_db
def test_stale_edit_of_a_child_is_refused_and_shows_what_is_saved(manager_client, story, manager):
    child = story["child"]
    url = reverse("cases:child_edit", args=[story["case"].pk, child.pk])
    loaded = child.version
    other = Client()  # the same case manager, on the classroom board
    other.force_login(manager)
    other.post(url, {"name": "Samuel", "date_of_birth": "2015-03-01", "version": loaded})
    response = manager_client.post(
        url, {"name": "Sammie", "date_of_birth": "2015-03-01", "version": loaded}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft dit gewijzigd" in html and "Samuel" in html
    child.refresh_from_db()
    assert child.name == "Samuel"


@pytest.mark.django_db
def test_participant_with_cards_cannot_be_removed(manager_client, story):
    parent = story["parent"]
    manager_client.post(reverse("cases:participant_delete", args=[story["case"].pk, parent.pk]))
    assert Participant.objects.filter(pk=parent.pk).exists()


@pytest.mark.django_db
def test_case_page_title_is_just_the_case_name(manager_client, story):
    html = manager_client.get(reverse("cases:detail", args=[story["case"].pk])).content.decode()
    assert "<title>Familie Test · Rondom</title>" in html


@pytest.mark.django_db
def test_the_case_list_counts_only_the_cards_this_person_may_see(story, parent_user, manager):
    """A parent must not learn from a count that cards are kept from them."""
    b = story["builder"]
    kept = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen", story["child"],
                  restriction_reason="child_safety")  # fmt: skip
    kept.restricted_to.add(b.manager)
    b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Concept", story["child"], is_draft=True)
    counts = {}
    for who, user in (("parent", parent_user), ("manager", manager)):
        client = Client()
        client.force_login(user)
        counts[who] = client.get(reverse("caseload:cases")).content.decode()
    assert "4 kaartjes" in counts["parent"]  # the four cards of the story
    assert "6 kaartjes" in counts["manager"]  # plus the kept card and the manager's own draft


@pytest.mark.django_db
def test_refusals_are_explained_in_dutch(story, parent_user, outsider):
    client = Client()
    client.force_login(outsider)
    missing = client.get(reverse("cases:detail", args=[story["case"].pk]))
    assert missing.status_code == 404 and "Niet gevonden" in missing.content.decode()
    client.force_login(parent_user)
    refused = client.get(reverse("cases:edit", args=[story["case"].pk]))
    assert refused.status_code == 403 and "Niet toegestaan" in refused.content.decode()


@pytest.mark.django_db
def test_the_case_list_pages_and_finds_a_case_by_a_childs_name(manager_client, manager):
    from datetime import date

    from rondom.demo.builder import CaseBuilder

    for n in range(55):
        b = CaseBuilder(f"Familie {n:02d}", manager, "Inge")
        b.child("Noor" if n == 42 else f"Kind {n}", date(2015, 1, 1))
    first = manager_client.get(reverse("caseload:cases")).content.decode()
    assert "Familie 00" in first and "Familie 54" not in first and "pagina 1 van 2" in first
    second = manager_client.get(reverse("caseload:cases") + "?page=2").content.decode()
    assert "Familie 54" in second and "Familie 00" not in second
    found = manager_client.get(reverse("caseload:cases") + "?q=noor").content.decode()
    assert "Familie 42" in found and "Familie 41" not in found
    nothing = manager_client.get(reverse("caseload:cases") + "?q=zzz&page=x").content.decode()
    assert "Geen casus past bij" in nothing


@pytest.mark.django_db
def test_someone_a_card_is_limited_to_stays_in_the_case(manager_client, manager, story):
    """Removing the only person a card is limited to would leave it limited to nobody, which
    means everyone: the parent would then read a card kept from them."""
    from rest_framework.test import APIClient

    b = story["builder"]
    coach = b.person("Coach", Role.YOUTH_CARE)
    kept = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen", story["child"],
                  restriction_reason="child_safety")  # fmt: skip
    kept.restricted_to.set([coach])
    url = reverse("cases:participant_delete", args=[story["case"].pk, coach.pk])
    page = manager_client.post(url, follow=True).content.decode()
    assert "Pas eerst aan wie die kaartjes mag zien" in page
    api = APIClient()
    api.force_authenticate(manager)
    assert api.delete(f"/api/v1/participants/{coach.pk}/").status_code == 400
    assert list(kept.restricted_to.all()) == [coach]


@pytest.mark.django_db
def test_a_parent_in_an_organisation_still_cannot_start_a_case(parent_user):
    """Starting a case makes you its case manager, with the role of the school: never a
    parent's, even one whose account an organisation lists."""
    from rest_framework.test import APIClient

    from rondom.accounts.models import Membership, Organisation

    school = Organisation.objects.create(name="De Vlieger", kind="school")
    Membership.objects.create(organisation=school, user=parent_user, function="other")
    client = Client()
    client.force_login(parent_user)
    assert client.post(reverse("cases:create"), {"title": "Eigen"}).status_code == 403
    assert "Nieuwe casus" not in client.get(reverse("caseload:cases")).content.decode()
    api = APIClient()
    api.force_authenticate(parent_user)
    assert api.post("/api/v1/cases/", {"title": "Eigen"}, format="json").status_code == 403
    assert not Case.objects.filter(title="Eigen").exists()


@pytest.mark.django_db
def test_the_count_on_the_case_list_is_what_the_timeline_shows(story, parent_user):
    """Someone else's private draft is in neither: the count matches the cards on the page."""
    b = story["builder"]
    b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Concept van school", story["child"],
           is_draft=True)  # fmt: skip
    client = Client()
    client.force_login(parent_user)
    listing = client.get(reverse("caseload:cases")).content.decode()
    counted = int(re.search(r"(\d+) kaartjes", listing)[1])
    timeline = client.get(reverse("timeline:child", args=[story["case"].pk, story["child"].pk]))
    shown = len(re.findall(r'<article class="tl-card', timeline.content.decode()))
    assert counted == shown == 4
    assert "Concept van school" not in timeline.content.decode()
