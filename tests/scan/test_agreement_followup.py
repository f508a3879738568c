"""The next round shows, beside each statement, what became of the agreements made on it."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import translation

from rondom.networks.agreements import agreements_of, origin_of
from rondom.networks.models import NetworkAgreement
from rondom.scan.followup import earlier_agreements
from tests.networks.agreement_world import agreement, build, instrument, scan_round, today


@pytest.fixture
def world(db):
    return build()


@pytest.fixture
def made(world):
    """After the first round: two agreements on "share", one on "plan"; one in the second."""
    share, plan = world.statements["share"], world.statements["plan"]
    return {
        "done": agreement(
            world.network, "Vaste contactpersoon per school", owner_organisation=world.team,
            status=NetworkAgreement.Status.DONE, outcome="Alle scholen hebben er nu een.",
            source=(world.first, share),
        ),
        "overdue": agreement(
            world.network, "Maandelijks overleg", owner_user=world.ib,
            due_on=today() - timedelta(days=3), source=(world.first, share),
        ),
        "dropped": agreement(
            world.network, "Gezamenlijke map", owner_user=world.coach,
            status=NetworkAgreement.Status.DROPPED, outcome="Niet meer nodig.",
            source=(world.first, plan),
        ),
        "now": agreement(
            world.network, "Afspraak uit deze ronde", owner_user=world.ib,
            source=(world.second, share),
        ),
    }  # fmt: skip


@pytest.mark.django_db
def test_the_mapping_holds_the_previous_rounds_agreements_per_code_in_one_query(
    world, made, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = earlier_agreements(world.second)
        owners = [a.owner_name for items in found.values() for a in items]
    assert {code: [a.what for a in items] for code, items in found.items()} == {
        # By due date: the overdue one first.
        "share": ["Maandelijks overleg", "Vaste contactpersoon per school"],
        "plan": ["Gezamenlijke map"],
    }
    assert sorted(owners) == ["Inge Bakker", "Jeroen Visser", "Jeugdteam Noord"]
    # The first round has no round before it; its own agreements are not "earlier".
    assert earlier_agreements(world.first) == {}


@pytest.mark.django_db
def test_statements_are_matched_on_their_code_across_versions(world, made):
    newer, statements = instrument("test-9", ["share", "other"])
    third = scan_round(world.network, newer, today(), previous=world.first)
    found = earlier_agreements(third)
    assert statements["share"].pk != world.statements["share"].pk
    assert [a.what for a in found["share"]] == [
        "Maandelijks overleg",
        "Vaste contactpersoon per school",
    ]
    assert "other" not in found


@pytest.mark.django_db
def test_a_previous_round_of_another_network_lends_nothing(world, made):
    """The rounds' own rules keep `previous` in the network; this is the second lock."""
    theirs = scan_round(world.elsewhere, world.instrument, today(), previous=world.first)
    assert earlier_agreements(theirs) == {}


def render(round, statements, followups=None) -> str:
    template = Template(
        "{% load scan_followup %}{% for s in statements %}<section>"
        "{% if followups is None %}{% statement_followup round s %}"
        "{% else %}{% statement_followup round s followups %}{% endif %}</section>{% endfor %}"
    )
    with translation.override("nl"):
        return template.render(
            Context({"round": round, "statements": statements, "followups": followups})
        )


@pytest.mark.django_db
def test_beside_each_statement_what_who_status_and_outcome_without_a_query_per_statement(
    world, made, django_assert_num_queries
):
    statements = list(world.statements.values())
    followups = earlier_agreements(world.second)
    with django_assert_num_queries(0):
        html = render(world.second, statements, followups)
    share, know, plan = html.split("</section>")[:3]
    assert "Afgesproken na de vorige ronde:" in share
    assert "Maandelijks overleg</strong> — Inge Bakker · open, klaar op" in share
    assert "⚠ </span>te laat" in share
    assert "Vaste contactpersoon per school</strong> — Jeugdteam Noord · klaar" in share
    assert "Wat het heeft opgeleverd: Alle scholen hebben er nu een." in share
    assert "Afspraak uit deze ronde" not in html
    assert "Gezamenlijke map</strong> — Jeroen Visser · vervallen" in plan
    assert "Niet meer nodig." in plan
    assert "Afgesproken" not in know
    for part in (share, know, plan):
        assert part.count("Maak hier een afspraak van") == 1

    # Without the mapping the tag works it out itself, once for the whole page.
    with django_assert_num_queries(1):
        assert render(world.second, statements) == html


@pytest.mark.django_db
def test_an_agreement_from_the_scan_names_its_round_and_statement(world, made):
    with translation.override("nl"):
        listed = {a.what: origin_of(a) for a in agreements_of(world.network)}
    label = world.first.label
    assert listed["Maandelijks overleg"] == (
        f"Samenwerkingsscan {label}, stelling “Stelling share: we delen op tijd wat nodig is.”"
    )
    assert listed["Afspraak uit deze ronde"].startswith(f"Samenwerkingsscan {world.second.label}")
