"""A network with people, organisations and two scan rounds, for the tests of its agreements.

Wijk Test has a coordinator (Carla), a school with its ib'er (Inge) and a youth team with a
coach (Jeroen). Netwerk Elders is another network, with its own coordinator and an agreement
whose text nobody in Wijk Test may ever see.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from rondom.accounts.models import Membership, Organisation, User
from rondom.networks.models import Network, NetworkAgreement, NetworkMember, NetworkRole
from rondom.scan.models import Instrument, Level, Round, Statement, StatementAgreement
from tests.conftest import make_user

# The text of Netwerk Elders' agreement: it shows to its owner and its coordinators only.
MARKER = "Geheime afspraak van Elders"


@dataclass
class World:
    network: Network
    coordinator: User
    school: Organisation
    ib: User
    team: Organisation
    coach: User
    outsider: User
    elsewhere: Network
    other_coordinator: User
    other_owner: User
    marker: NetworkAgreement
    instrument: Instrument
    statements: dict[str, Statement]
    first: Round
    second: Round


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def today() -> date:
    return timezone.localdate()


def _member(name: str, kind: str, email: str, first: str, last: str, network: Network):
    organisation = Organisation.objects.create(name=name, kind=kind)
    NetworkMember.objects.create(network=network, organisation=organisation)
    user = make_user(email, first_name=first, last_name=last)
    Membership.objects.create(organisation=organisation, user=user, function="other")
    return organisation, user


def instrument(version: str, codes: list[str]) -> tuple[Instrument, dict[str, Statement]]:
    """A small instrument version; published long ago, so it is never the current one."""
    made = Instrument.objects.create(version=version, published_on=date(2001, 1, 1))
    statements = {
        code: Statement.objects.create(
            instrument=made,
            audience="professional",
            level=Level.INFORMATION,
            code=code,
            position=n,
            text=f"Stelling {code}: we delen op tijd wat nodig is.",
        )
        for n, code in enumerate(codes, start=1)
    }
    return made, statements


def scan_round(network: Network, version: Instrument, opens_on: date, previous=None) -> Round:
    return Round.objects.create(
        network=network,
        instrument=version,
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=21),
        previous=previous,
    )


def agreement(network: Network, what: str, *, source=None, **fields) -> NetworkAgreement:
    """An agreement, by default due in a week; `source` is (round, statement) it came from."""
    fields.setdefault("due_on", today() + timedelta(days=7))
    made = NetworkAgreement.objects.create(network=network, what=what, **fields)
    if source is not None:
        StatementAgreement.objects.create(round=source[0], statement=source[1], agreement=made)
    return made


def build() -> World:
    network = Network.objects.create(name="Wijk Test")
    coordinator = make_user("carla@wijk.test", first_name="Carla", last_name="Mulder")
    NetworkRole.objects.create(network=network, user=coordinator)
    school, ib = _member(
        "Basisschool De Vlieger", "school", "inge@vlieger.test", "Inge", "Bakker", network
    )
    team, coach = _member(
        "Jeugdteam Noord", "local_team", "jeroen@team.test", "Jeroen", "Visser", network
    )
    outsider = make_user("buiten@elders.test", first_name="Bert", last_name="Buiten")

    elsewhere = Network.objects.create(name="Netwerk Elders")
    other_coordinator = make_user("coordinator@elders.test", first_name="Olga", last_name="Elders")
    NetworkRole.objects.create(network=elsewhere, user=other_coordinator)
    # The school is in both networks: its people must still not see Elders' agreements.
    NetworkMember.objects.create(network=elsewhere, organisation=school)
    other_owner = make_user("eigenaar@elders.test", first_name="Otto", last_name="Eigen")
    marker = agreement(
        elsewhere,
        MARKER,
        owner_user=other_owner,
        due_on=today() - timedelta(days=2),
        created_by=other_coordinator,
    )
    NetworkAgreement.objects.create(
        network=elsewhere,
        what=MARKER + " (school)",
        owner_organisation=school,
        due_on=today() + timedelta(days=1),
        created_by=other_coordinator,
    )

    version, statements = instrument("test-1", ["share", "know", "plan"])
    first = scan_round(network, version, today() - timedelta(days=200))
    second = scan_round(network, version, today() - timedelta(days=20), previous=first)
    return World(
        network=network,
        coordinator=coordinator,
        school=school,
        ib=ib,
        team=team,
        coach=coach,
        outsider=outsider,
        elsewhere=elsewhere,
        other_coordinator=other_coordinator,
        other_owner=other_owner,
        marker=marker,
        instrument=version,
        statements=statements,
        first=first,
        second=second,
    )
