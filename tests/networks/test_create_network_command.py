"""`rondom create_network`: a site admin's set-up script makes a network in one line."""

import io

import pytest
from django.core.management import CommandError, call_command

from rondom.accounts.models import Organisation, User
from rondom.audit.models import AuditEvent
from rondom.networks.access import networks_for
from rondom.networks.models import Network
from tests.conftest import make_user


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("create_network", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def organisations(db) -> list[Organisation]:
    return [
        Organisation.objects.create(name="Basisschool Noord", kind="school"),
        Organisation.objects.create(name="Jeugdteam Noord", kind="local_team"),
    ]


@pytest.mark.django_db
def test_it_makes_the_network_with_its_coordinator_and_members_once(organisations):
    coordinator = make_user("coordinator@noord.test")
    said = run("Wijk Noord", "--coordinator", "Coordinator@noord.test",
               "--member", "Basisschool Noord", "jeugdteam noord")  # fmt: skip
    assert said == [
        "Netwerk gemaakt: Wijk Noord",
        "Organisatie toegevoegd: Basisschool Noord",
        "Organisatie toegevoegd: Jeugdteam Noord",
        "Coördinator toegevoegd: coordinator@noord.test",
    ]
    network = Network.objects.get(name="Wijk Noord")
    assert list(networks_for(coordinator)) == [network]
    assert set(network.organisations.all()) == set(organisations)
    lines = AuditEvent.objects.filter(reason=f"network {network.pk}")
    assert lines.count() == 4
    assert set(lines.values_list("case_id", "channel")) == {(None, "command")}

    # Again: nothing is added twice, and nothing is taken away.
    assert run("Wijk Noord", "--member", "Basisschool Noord") == ["Netwerk bestaat al: Wijk Noord"]
    assert network.members.count() == 2 and network.roles.count() == 1
    assert lines.count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coordinator", "niemand@noord.test"], "Er is geen gebruiker niemand@noord.test."),
        (["--coordinator", "ouder@noord.test"], "ouder@noord.test is een account van een ouder"),
        (["--member", "Onbekende School"], "Er is geen organisatie met de naam Onbekende School."),
        (
            ["--member", "Basisschool Noord", "Dubbel"],
            "Er zijn meer organisaties met de naam Dubbel",
        ),
    ],
)
def test_it_refuses_what_it_cannot_find_and_makes_nothing(organisations, args, message):
    make_user("ouder@noord.test", kind=User.Kind.PARENT)
    Organisation.objects.create(name="Dubbel", kind="school")
    Organisation.objects.create(name="Dubbel", kind="childcare")
    with pytest.raises(CommandError) as refused:
        run("Wijk Noord", *args)
    assert str(refused.value).startswith(message)
    assert not Network.objects.exists()
    assert not AuditEvent.objects.exists()
