"""A network's agreements on the coordinator's pages: the list, changing one, and its status."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.networks.models import NetworkAgreement
from tests.conftest import make_user

from .agreement_world import MARKER, agreement, build, client_for, today


@pytest.fixture
def world(db):
    return build()


@pytest.fixture
def items(world):
    share = world.statements["share"]
    return {
        "overdue": agreement(
            world.network, "Maandelijks overleg", owner_user=world.ib,
            due_on=today() - timedelta(days=3), created_by=world.coordinator,
            source=(world.first, share),
        ),
        "soon": agreement(
            world.network, "Vaste contactpersoon", owner_organisation=world.team,
            due_on=today() + timedelta(days=10), created_by=world.coordinator,
        ),
        "done": agreement(
            world.network, "Gezamenlijke map", owner_user=world.coach,
            status=NetworkAgreement.Status.DONE, outcome="De map is er en wordt gebruikt.",
            status_set_by=world.coordinator,
        ),
        "dropped": agreement(
            world.network, "Nieuwsbrief", owner_user=world.coach,
            status=NetworkAgreement.Status.DROPPED, outcome="Niemand las hem.",
        ),
    }  # fmt: skip


def list_url(world) -> str:
    return reverse("networks:agreements", args=[world.network.pk])


def edit_url(a: NetworkAgreement) -> str:
    return reverse("networks:agreement_edit", args=[a.network_id, a.pk])


def status_url(a: NetworkAgreement) -> str:
    return reverse("networks:agreement_status", args=[a.network_id, a.pk])


@pytest.mark.django_db
def test_the_list_shows_open_overdue_done_and_dropped_with_where_they_came_from(world, items):
    html = client_for(world.coordinator).get(list_url(world)).content.decode()
    opened, done, dropped = (
        html.index("Open afspraken</h2>"),
        html.index("Afspraken die klaar zijn</h2>"),
        html.index("Vervallen afspraken</h2>"),
    )
    assert opened < html.index("Maandelijks overleg") < html.index("Vaste contactpersoon") < done
    assert done < html.index("De map is er en wordt gebruikt.") < dropped
    assert dropped < html.index("Niemand las hem.")
    # Overdue: a sign and a word, not only a colour; once, for the one overdue agreement.
    assert html.count('<span aria-hidden="true">⚠ </span>te laat</strong>') == 1
    assert "Inge Bakker" in html and "Jeugdteam Noord" in html
    assert f"Samenwerkingsscan {world.first.label}, stelling “Stelling share" in html
    assert "2 open afspraken" in html and "daarvan 1 te laat" in html
    assert "2 klaar of vervallen" in html
    assert MARKER not in html


@pytest.mark.django_db
def test_the_network_page_sums_them_up_and_links_to_the_list(world, items):
    html = (
        client_for(world.coordinator)
        .get(reverse("networks:detail", args=[world.network.pk]))
        .content.decode()
    )
    assert f'href="{list_url(world)}"' in html
    due = (today() + timedelta(days=10)).strftime("%-d-%-m-%Y")
    assert "2 open afspraken" in html and "daarvan 1 te laat" in html
    assert f"De eerstvolgende moet klaar zijn op {due}" in html


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_few_and_many(
    world, items, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url(world))
    for n in range(20):
        agreement(
            world.network,
            f"Extra {n}",
            owner_user=world.ib,
            source=(world.second, world.statements["know"]),
        )
        agreement(
            world.network,
            f"Klaar {n}",
            owner_organisation=world.school,
            status="done",
            status_set_by=world.ib,
        )
    with django_assert_max_num_queries(len(few)):
        html = client.get(list_url(world)).content.decode()
    assert "Extra 19" in html and "Klaar 19" in html


@pytest.mark.django_db
def test_only_coordinators_and_site_admins_open_the_list_and_change_an_agreement(world, items):
    a = items["soon"]
    admin = make_user("admin@site.test", is_superuser=True, is_staff=True)
    for user in (world.coordinator, admin):
        client = client_for(user)
        assert client.get(list_url(world)).status_code == 200
        assert client.get(edit_url(a)).status_code == 200
        assert client.get(status_url(a)).status_code == 200
    data = {"what": "Gewijzigd", "who": f"person-{world.ib.pk}", "due_on": today().isoformat(),
            "version": a.version, "status": "done", "outcome": "Klaar"}  # fmt: skip
    for user in (world.ib, world.coach, world.outsider, world.other_coordinator):
        client = client_for(user)
        for url in (list_url(world), edit_url(a), status_url(a)):
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url, data).status_code == 404, (user, url)
    # An agreement of another network under this network's address.
    wrong = reverse("networks:agreement_edit", args=[world.network.pk, world.marker.pk])
    assert client_for(world.coordinator).get(wrong).status_code == 404
    assert Client().get(list_url(world)).status_code == 302
    a.refresh_from_db()
    assert (a.what, a.status, a.version) == ("Vaste contactpersoon", "open", 1)


@pytest.mark.django_db
def test_a_coordinator_changes_what_who_and_when_and_the_log_says_so(world, items):
    a = items["soon"]
    client = client_for(world.coordinator)
    page = client.get(edit_url(a)).content.decode()
    assert f'<option value="organisation-{world.team.pk}" selected>' in page
    due = today() + timedelta(days=40)
    data = {
        "what": "Twee contactpersonen",
        "who": f"person-{world.coach.pk}",
        "due_on": due.isoformat(),
        "version": a.version,
    }
    response = client.post(edit_url(a), data)
    assert response.status_code == 302 and response["Location"] == list_url(world)
    a.refresh_from_db()
    assert (a.what, a.owner_user, a.owner_organisation, a.due_on, a.version) == (
        "Twee contactpersonen", world.coach, None, due, 2,
    )  # fmt: skip
    [line] = AuditEvent.objects.filter(action__startswith="network:agreement")
    assert line.action == f"network:agreement_edit agreement {a.pk}"
    assert line.reason == f"network {world.network.pk}"


@pytest.mark.django_db
def test_an_overdue_agreement_keeps_its_date_but_gets_no_new_one_in_the_past(world, items):
    a = items["overdue"]
    client = client_for(world.coordinator)
    kept = {"what": "Overleg elke maand", "who": f"person-{world.ib.pk}",
            "due_on": a.due_on.isoformat(), "version": a.version}  # fmt: skip
    assert client.post(edit_url(a), kept).status_code == 302
    a.refresh_from_db()
    earlier = {**kept, "due_on": (a.due_on - timedelta(days=1)).isoformat(), "version": a.version}
    refused = client.post(edit_url(a), earlier)
    assert refused.status_code == 422
    assert "Deze datum is al voorbij." in refused.content.decode()


@pytest.mark.django_db
def test_a_stale_edit_is_refused_says_what_is_saved_now_and_keeps_the_typed_text(world, items):
    a = items["soon"]
    loaded = a.version
    client = client_for(world.coordinator)
    first = {"what": "Eerste versie", "who": f"person-{world.ib.pk}",
             "due_on": a.due_on.isoformat(), "version": loaded}  # fmt: skip
    assert client.post(edit_url(a), first).status_code == 302
    second = {**first, "what": "Tweede versie", "who": f"organisation-{world.school.pk}"}
    refused = client.post(edit_url(a), second)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Iemand anders heeft deze afspraak gewijzigd terwijl jij bezig was." in html
    assert "Nu opgeslagen: Wat: Eerste versie; Wie: Inge Bakker." in html
    assert "Tweede versie</textarea>" in html
    assert f'name="version" value="{loaded + 1}"' in html
    a.refresh_from_db()
    assert (a.what, a.owner_user, a.version) == ("Eerste versie", world.ib, loaded + 1)
    # Saving again from the refreshed form replaces it, knowingly.
    assert client.post(edit_url(a), {**second, "version": loaded + 1}).status_code == 302
    a.refresh_from_db()
    assert (a.what, a.owner_organisation) == ("Tweede versie", world.school)


@pytest.mark.django_db
def test_marking_done_asks_what_it_brought_and_records_who_and_when(world, items):
    a = items["soon"]
    client = client_for(world.coordinator)
    refused = client.post(status_url(a), {"status": "done", "outcome": " ", "version": a.version})
    assert refused.status_code == 422
    assert "Schrijf in een zin op wat de afspraak heeft opgeleverd" in refused.content.decode()
    response = client.post(
        status_url(a),
        {"status": "done", "outcome": "Elke school heeft er een.", "version": a.version},
    )
    assert response.status_code == 302 and response["Location"] == list_url(world)
    a.refresh_from_db()
    assert (a.status, a.outcome, a.status_set_by) == (
        "done",
        "Elke school heeft er een.",
        world.coordinator,
    )
    assert a.status_set_at is not None
    [line] = AuditEvent.objects.filter(action__startswith="network:agreement")
    assert line.action == f"network:agreement_status agreement {a.pk} done"
    # Bad choices are refused with a message, never a server error.
    odd = client.post(status_url(a), {"status": "finished", "version": a.version})
    assert odd.status_code == 422 and "Kies open, klaar of vervallen." in odd.content.decode()


@pytest.mark.django_db
def test_a_stale_status_change_is_refused_and_says_what_it_is_now(world, items):
    a = items["soon"]
    loaded = a.version
    owner = client_for(world.coordinator)
    assert owner.post(status_url(a), {"status": "dropped", "outcome": "Past niet meer.",
                                      "version": loaded}).status_code == 302  # fmt: skip
    refused = owner.post(status_url(a), {"status": "done", "outcome": "Gelukt!", "version": loaded})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Nu opgeslagen: Stand: vervallen; Wat het heeft opgeleverd: Past niet meer." in html
    assert "Gelukt!</textarea>" in html
    a.refresh_from_db()
    assert (a.status, a.outcome) == ("dropped", "Past niet meer.")


@pytest.mark.django_db
def test_the_owner_sets_the_status_of_their_own_agreement_and_nothing_else(world, items):
    mine, theirs = items["overdue"], items["done"]
    client = client_for(world.ib)
    page = client.get(status_url(mine) + "?from=mine")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Maandelijks overleg" in html and "Wijk Test" in html
    assert reverse("caseload:my_agreements") in html
    # What, who and when are the coordinators' to change.
    assert f'href="{edit_url(mine)}"' not in html
    data = {"status": "done", "outcome": "We overleggen nu elke maand.", "version": mine.version}
    response = client.post(status_url(mine), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("caseload:my_agreements")
    mine.refresh_from_db()
    assert (mine.status, mine.status_set_by) == ("done", world.ib)
    for url in (edit_url(mine), list_url(world), status_url(theirs), status_url(items["soon"])):
        assert client.get(url).status_code == 404, url
