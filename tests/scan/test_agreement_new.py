"""Making a network agreement from a statement in a round's results."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from rondom.accounts.models import Organisation
from rondom.audit.models import AuditEvent
from rondom.networks.models import NetworkAgreement
from rondom.scan.models import Statement, StatementAgreement
from tests.conftest import make_user
from tests.networks.agreement_world import build, client_for, instrument, scan_round, today


@pytest.fixture
def world(db):
    return build()


def url(round, statement) -> str:
    return reverse("scan:agreement_new", args=[round.network_id, round.pk, statement.pk])


@pytest.mark.django_db
def test_the_coordinator_sees_the_statement_and_a_form_that_offers_people_and_organisations(
    world,
):
    statement = world.statements["share"]
    page = client_for(world.coordinator).get(url(world.second, statement))
    assert page.status_code == 200
    html = page.content.decode()
    assert statement.text in html
    assert "Informatie delen" in html  # its level
    # Who: the coordinator and the accounts of the member organisations by name, and the
    # member organisations; nobody from outside the network.
    assert f'value="person-{world.coordinator.pk}">Carla Mulder</option>' in html
    assert f'value="person-{world.ib.pk}">Inge Bakker</option>' in html
    assert f'value="person-{world.coach.pk}">Jeroen Visser</option>' in html
    assert f'value="organisation-{world.team.pk}">Jeugdteam Noord</option>' in html
    assert "Bert Buiten" not in html and "Olga Elders" not in html and "Otto Eigen" not in html
    # "What" starts empty: the statement above says what it is about.
    assert '<textarea name="what"' in html and "</textarea>" in html
    assert 'name="what" cols="40" rows="3" maxlength="300" required id="id_what">\n</textarea>' in (
        html
    )


@pytest.mark.django_db
def test_making_one_saves_the_agreement_and_its_source_logs_it_and_goes_back_to_the_results(
    world,
):
    statement = world.statements["know"]
    due = today() + timedelta(days=30)
    client = client_for(world.coordinator)
    response = client.post(
        url(world.second, statement),
        {"what": "Elke school een vaste contactpersoon", "who": f"person-{world.ib.pk}",
         "due_on": due.isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("scan:results", args=[world.network.pk, world.second.pk])
    made = NetworkAgreement.objects.get(what="Elke school een vaste contactpersoon")
    assert (made.network, made.owner_user, made.owner_organisation, made.due_on) == (
        world.network, world.ib, None, due,
    )  # fmt: skip
    assert (made.status, made.created_by) == ("open", world.coordinator)
    source = StatementAgreement.objects.get(agreement=made)
    assert (source.round, source.statement) == (world.second, statement)
    [line] = AuditEvent.objects.filter(action__startswith="network:agreement_add")
    assert line.action == f"network:agreement_add agreement {made.pk}"
    assert (line.reason, line.case_id, line.actor_id) == (
        f"network {world.network.pk}", None, world.coordinator.pk,
    )  # fmt: skip
    # The message waits for the next page that shows messages.
    page = client.get(reverse("caseload:my_agreements")).content.decode()
    assert "De afspraak is gemaakt. Je vindt hem bij de afspraken van Wijk Test." in page


@pytest.mark.django_db
def test_a_member_organisation_can_own_it(world):
    client = client_for(world.coordinator)
    response = client.post(
        url(world.second, world.statements["plan"]),
        {"what": "Gezamenlijk plan", "who": f"organisation-{world.team.pk}",
         "due_on": today().isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    made = NetworkAgreement.objects.get(what="Gezamenlijk plan")
    assert (made.owner_user, made.owner_organisation) == (None, world.team)


@pytest.mark.django_db
def test_nobody_else_gets_there_and_only_for_a_statement_the_round_asks(world):
    statement = world.statements["share"]
    admin = make_user("admin@site.test", is_superuser=True, is_staff=True)
    data = {"what": "x", "who": f"person-{world.ib.pk}", "due_on": today().isoformat()}
    for stranger in (world.ib, world.coach, world.outsider, world.other_coordinator):
        client = client_for(stranger)
        assert client.get(url(world.second, statement)).status_code == 404, stranger
        assert client.post(url(world.second, statement), data).status_code == 404, stranger
    assert Client().get(url(world.second, statement)).status_code == 302  # to the login
    assert client_for(admin).get(url(world.second, statement)).status_code == 200

    coordinator = client_for(world.coordinator)
    # A statement of another version, and a network's own statement this round leaves out.
    _other, others = instrument("test-2", ["share"])
    own = Statement.objects.create(
        network=world.network, audience="professional", level="process", code="own-1",
        text="Onze eigen stelling",
    )  # fmt: skip
    for statement in (others["share"], own):
        assert coordinator.get(url(world.second, statement)).status_code == 404
        assert coordinator.post(url(world.second, statement), data).status_code == 404
    # Once the round asks it, it may become an agreement too.
    world.second.own_statements.add(own)
    assert coordinator.get(url(world.second, own)).status_code == 200
    # A round of another network, under this network's address or its own.
    theirs = scan_round(world.elsewhere, world.instrument, today())
    wrong = reverse("scan:agreement_new", args=[world.network.pk, theirs.pk, statement.pk])
    assert coordinator.get(wrong).status_code == 404
    assert coordinator.get(url(theirs, world.statements["share"])).status_code == 404
    assert not NetworkAgreement.objects.filter(what="x").exists()
    assert not AuditEvent.objects.filter(action__startswith="network:agreement").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Schrijf op wat er gaat gebeuren.", "Kies wie het doet: een persoon of een "
              "organisatie in het netwerk.", "Geef de datum waarop het klaar is."]),
        ({"what": "Iets", "who": "person-{outsider}", "due_on": "{today}"},
         ["Kies uit de lijst wie het doet"]),
        ({"what": "Iets", "who": "person-{ib}", "due_on": "{yesterday}"},
         ["Deze datum is al voorbij. Kies vandaag of een latere datum."]),
        ({"what": "Iets", "who": "person-{ib}", "due_on": "31-02-2027"},
         ["Geef een datum, bijvoorbeeld 31-12-2026."]),
        ({"what": "Iets", "who": "person-{ib}", "due_on": "2150-01-01"},
         ["Geef een datum tussen 1990 en 2100."]),
        ({"what": "x" * 301, "who": "person-{ib}", "due_on": "{today}"}, ["300"]),
        ({"what": "Iets\x00", "who": "person-{ib}", "due_on": "{today}"},
         ["onzichtbaar stuurteken"]),
        ({"what": "Iets", "who": "person-abc", "due_on": "{today}"},
         ["Kies uit de lijst wie het doet"]),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_dutch_message_and_saves_nothing(world, data, messages):
    values = {
        "outsider": world.outsider.pk,
        "ib": world.ib.pk,
        "today": today().isoformat(),
        "yesterday": (today() - timedelta(days=1)).isoformat(),
    }
    filled = {key: value.format(**values) for key, value in data.items()}
    before = NetworkAgreement.objects.count()
    response = client_for(world.coordinator).post(
        url(world.second, world.statements["share"]), filled
    )
    assert response.status_code == 422
    html = response.content.decode()
    for message in messages:
        assert message in html
    assert NetworkAgreement.objects.count() == before
    assert not StatementAgreement.objects.exists()


@pytest.mark.django_db
def test_an_organisation_outside_the_network_is_no_owner(world):
    stranger = Organisation.objects.create(name="Ergens Anders", kind="school")
    world.elsewhere.members.create(organisation=stranger)
    response = client_for(world.coordinator).post(
        url(world.second, world.statements["share"]),
        {"what": "Iets", "who": f"organisation-{stranger.pk}", "due_on": today().isoformat()},
    )
    assert response.status_code == 422
    assert "Kies uit de lijst wie het doet" in response.content.decode()


@pytest.mark.django_db
def test_arbitrary_input_never_breaks_the_page(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    target = url(world.second, world.statements["share"])
    odd = ["", "0", "-1", "person-", "organisation-0", "person-99999999999999999999", "🙂" * 400,
           "2020-02-30", "9999-12-31", "\x7f", "<script>", "person-1 OR 1=1"]  # fmt: skip
    for value in odd:
        for field in ("what", "who", "due_on", "version"):
            data = {"what": "Iets", "who": f"person-{world.ib.pk}", "due_on": "x", field: value}
            assert client.post(target, data).status_code < 500, (field, value)


@pytest.mark.django_db
def test_the_agreement_and_its_source_are_saved_together_or_not_at_all(world, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("no source")

    monkeypatch.setattr(StatementAgreement.objects, "create", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    response = client.post(
        url(world.second, world.statements["share"]),
        {"what": "Half werk", "who": f"person-{world.ib.pk}", "due_on": today().isoformat()},
    )
    assert response.status_code == 500
    assert not NetworkAgreement.objects.filter(what="Half werk").exists()
    assert not AuditEvent.objects.filter(action__startswith="network:agreement_add").exists()
