"""The API's own rules: who starts cases, what an anonymous child shows, deleting a child,
limiting a card to people, and how reads are written to the access log."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from rondom.accounts.models import User
from rondom.audit.models import AuditEvent
from rondom.cases.models import Case, Child, Role
from rondom.demo.builder import CaseBuilder
from rondom.timeline.kinds import CardKind

from ..conftest import coach_with_consent, make_user


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["parent", "professional without an organisation"])
def test_only_professionals_in_an_organisation_start_a_case(kind):
    if kind == "parent":
        user = make_user("ouder@x.test", kind=User.Kind.PARENT)
    else:
        user = make_user("los@x.test")
    response = api_for(user).post("/api/v1/cases/", {"title": "Eigen casus"}, format="json")
    assert response.status_code == 403
    assert "organisatie" in response.json()["detail"]
    assert not Case.objects.filter(title="Eigen casus").exists()


@pytest.mark.django_db
def test_a_professional_of_an_organisation_starts_a_case(manager):
    response = api_for(manager).post("/api/v1/cases/", {"title": "Nieuw"}, format="json")
    assert response.status_code == 201
    assert Case.objects.get(pk=response.json()["id"]).participants.get().is_case_manager


@pytest.fixture
def anonymous_case(manager):
    builder = CaseBuilder("Casus Zon", manager, "Inge")
    child = builder.child("Zon", date(2016, 5, 17))
    coach = make_user("coach@jeugd.test")
    builder.person("Coach", Role.YOUTH_CARE, coach)
    return {"case": builder.case, "child": child, "coach": coach}


@pytest.mark.django_db
def test_an_anonymous_childs_date_of_birth_is_for_the_case_manager(anonymous_case, manager):
    child = anonymous_case["child"]
    for url in (f"/api/v1/children/{child.pk}/", "/api/v1/children/"):
        seen_by_coach = str(api_for(anonymous_case["coach"]).get(url).json())
        assert "2016-05-17" not in seen_by_coach and f"'age': {child.age}" in seen_by_coach
        assert "2016-05-17" in str(api_for(manager).get(url).json())


@pytest.mark.django_db
def test_a_child_with_cards_is_not_deleted(manager, story):
    child = story["child"]
    story["builder"].card(CardKind.LIFE_EVENT, story["parent"], "", "Concept", child,
                          is_draft=True)  # fmt: skip
    response = api_for(manager).delete(f"/api/v1/children/{child.pk}/")
    assert response.status_code == 400
    assert "kaartjes" in response.json()["detail"]
    assert Child.objects.filter(pk=child.pk).exists()
    assert child.cards.count() == 4  # the parent's draft included


@pytest.mark.django_db
def test_deleting_a_child_without_cards_names_it_in_the_log(manager, story):
    child = story["builder"].child("Tweede", date(2018, 1, 1))
    assert api_for(manager).delete(f"/api/v1/children/{child.pk}/").status_code == 204
    line = AuditEvent.objects.get(action="change api:child-destroy")
    assert line.child_id == child.pk and line.case_id == story["case"].pk


@pytest.mark.django_db
def test_limiting_a_card_says_the_same_for_a_missing_and_a_foreign_participant(
    manager, story, other_story
):
    foreign = other_story["case"].participants.first().pk
    missing = max(p.pk for p in story["case"].participants.all()) + 1000
    answers = []
    for pk in (foreign, missing):
        response = api_for(manager).post(
            "/api/v1/cards/",
            {"case": story["case"].pk, "kind": "life_event", "text": "Zorg", "date_text": "2020",
             "author": story["school"].pk, "restricted_to": [pk],
             "restriction_reason": "child_safety"},
            format="json",
        )  # fmt: skip
        assert response.status_code == 400
        answers.append(str(response.json()["restricted_to"]).replace(str(pk), "ID"))
    assert answers[0] == answers[1]


@pytest.mark.django_db
def test_a_list_is_one_log_line_per_case_with_its_grounds(story):
    coach = coach_with_consent(story)
    for n in range(30):
        story["builder"].card(CardKind.LIFE_EVENT, story["parent"], "2020", f"Kaart {n}")
    before = AuditEvent.objects.count()
    assert len(api_for(coach).get("/api/v1/cards/?limit=500").json()["results"]) == 34
    [line] = AuditEvent.objects.all()[before:]
    assert line.action == "view api:card-list" and line.case_id == story["case"].pk
    assert line.reason.startswith("consent ")


@pytest.mark.django_db
def test_reading_one_card_logs_the_grounds(story):
    coach = coach_with_consent(story)
    api_for(coach).get(f"/api/v1/cards/{story['help_card'].pk}/")
    line = AuditEvent.objects.get(action="view api:card-retrieve")
    assert line.card_id == story["help_card"].pk and line.reason.startswith("consent ")


@pytest.mark.django_db
def test_a_site_admin_does_not_start_a_case_even_in_an_organisation():
    from rondom.accounts.models import Membership, Organisation

    admin = make_user("admin@x.test", is_superuser=True, is_staff=True)
    school = Organisation.objects.create(name="School", kind="school")
    Membership.objects.create(organisation=school, user=admin, function="ib")
    response = api_for(admin).post("/api/v1/cases/", {"title": "Beheer"}, format="json")
    assert response.status_code == 403
    assert not Case.objects.filter(title="Beheer").exists()
