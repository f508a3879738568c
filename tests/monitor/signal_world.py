"""A case that counts in a network, with a card in the row *Beleid en organisatie*, for the
tests of signals.

Everything that could name the case is distinctive, so a test can look for it in a page:
the case's title, the child's name and date of birth, the people's names and the ids of the
case, the child and the card (large, explicit numbers that nothing else on a page makes).

Wijk Test counts the case: its case manager (Ingeborg) works at a member school, and the
mother agreed to figures. Netwerk Elders has a coordinator of its own and a signal whose text
nobody of Wijk Test may ever see.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from rondom.accounts.models import Membership, Organisation, User
from rondom.cases.models import Case, Child, Consent, FiguresConsent, Participant, Role
from rondom.monitor.models import Signal, SignalTheme
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.timeline.card_changes import apply_date, create_card
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card
from tests.conftest import make_user

CASE_ID, CHILD_ID, CARD_ID = 4_812_337, 4_812_401, 5_903_221
MANAGER_ID, PARENT_ID, COACH_ID = 4_812_511, 4_812_523, 4_812_547
TITLE = "Familie Zwanenburg"
CHILD = "Quirijn"
BORN = date(2014, 6, 17)
MANAGER_NAME = "Ingeborg Vliet"
PARENT_NAME = "Xaviera Zwanenburg"
COACH_NAME = "Jurgen Doornbos"
# The card names the child: the page must warn before it goes up.
POLICY_TEXT = "Wachtlijst jeugd-GGZ van negen maanden; Quirijn (17-06-2014) wacht nog steeds"
SENT_TEXT = "Wachtlijst jeugd-GGZ van negen maanden voor een kind uit de wijk"
# Netwerk Elders' signal: shown to its own coordinators only.
ELSEWHERE_TEXT = "Geheim signaal van Elders over leerlingenvervoer"


@dataclass
class World:
    network: Network
    coordinator: User
    admin: User
    elsewhere: Network
    other_coordinator: User
    other_signal: Signal
    manager: User
    parent: User
    coach: User
    outsider: User
    case: Case
    child: Child
    card: Card
    manager_person: Participant
    parent_person: Participant
    coach_person: Participant

    def identifying(self) -> list[str]:
        """Everything on a coordinator's page that would point to the case."""
        return [
            TITLE,
            CHILD,
            BORN.strftime("%d-%m-%Y"),
            MANAGER_NAME,
            PARENT_NAME,
            COACH_NAME,
            self.manager.email,
            self.parent.email,
            str(CASE_ID),
            str(CHILD_ID),
            str(CARD_ID),
            str(MANAGER_ID),
            str(PARENT_ID),
            str(COACH_ID),
            f"card-{CARD_ID}",
        ]


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def policy_card(case: Case, author: Participant, text: str, child=None, pk=None, **fields):
    card = Card(
        pk=pk, case=case, child=child, kind=CardKind.POLICY, author=author, date_text="2024",
        text=text, **fields,
    )  # fmt: skip
    apply_date(card, case, child)
    return create_card(card, author.user)


def build_world() -> World:
    school = Organisation.objects.create(name="Basisschool De Wilg", kind="school")
    network = Network.objects.create(name="Wijk Test")
    NetworkMember.objects.create(network=network, organisation=school)
    coordinator = make_user("carla@wijk.test", first_name="Carla", last_name="Mulder")
    NetworkRole.objects.create(network=network, user=coordinator)
    admin = make_user("beheer@rondom.test", is_superuser=True, is_staff=True)

    elsewhere = Network.objects.create(name="Netwerk Elders")
    other_coordinator = make_user("olaf@elders.test")
    NetworkRole.objects.create(network=elsewhere, user=other_coordinator)
    theme = SignalTheme.objects.create(network=elsewhere, name="Vervoer in Elders")
    other_signal = Signal.objects.create(
        network=elsewhere, theme=theme, text=ELSEWHERE_TEXT, month=date(2026, 1, 1)
    )

    manager = make_user("ingeborg@wilg.test", first_name="Ingeborg", last_name="Vliet")
    Membership.objects.create(organisation=school, user=manager, function="ib")
    parent = make_user("xaviera@thuis.test", kind=User.Kind.PARENT)
    coach = make_user("jurgen@jeugd.test")
    outsider = make_user("buiten@elders.test")

    case = Case.objects.create(pk=CASE_ID, title=TITLE, created_by=manager, is_anonymous=False)
    people = {}
    for pk, name, role, user, letter, colour, manages in (
        (MANAGER_ID, MANAGER_NAME, Role.SCHOOL, manager, "S", "#0b57d0", True),
        (PARENT_ID, PARENT_NAME, Role.PARENTS, parent, "O", "#b3261e", False),
        (COACH_ID, COACH_NAME, Role.YOUTH_CARE, coach, "J", "#146c2e", False),
    ):
        people[role] = Participant.objects.create(
            pk=pk, case=case, name=name, role=role, user=user, letter=letter, colour=colour,
            is_case_manager=manages,
        )  # fmt: skip
    today = timezone.localdate()
    for role in (Role.SCHOOL, Role.YOUTH_CARE):
        Consent.objects.create(
            case=case, given_by=people[Role.PARENTS], participant=people[role], purpose="bespreken",
            valid_from=today - timedelta(days=30), valid_until=today + timedelta(days=365),
        )  # fmt: skip
    FiguresConsent.objects.create(case=case, given_by=people[Role.PARENTS], recorded_by=parent)
    child = Child.objects.create(pk=CHILD_ID, case=case, name=CHILD, date_of_birth=BORN)
    card = policy_card(case, people[Role.SCHOOL], POLICY_TEXT, child, pk=CARD_ID)
    return World(
        network=network,
        coordinator=coordinator,
        admin=admin,
        elsewhere=elsewhere,
        other_coordinator=other_coordinator,
        other_signal=other_signal,
        manager=manager,
        parent=parent,
        coach=coach,
        outsider=outsider,
        case=case,
        child=child,
        card=card,
        manager_person=people[Role.SCHOOL],
        parent_person=people[Role.PARENTS],
        coach_person=people[Role.YOUTH_CARE],
    )


def send_url(card: Card) -> str:
    return f"/cases/{card.case_id}/cards/{card.pk}/signal/"


def send(world: World, text: str = SENT_TEXT, **extra) -> Client:
    """The case manager passes the world's card on, with a text free of names."""
    client = client_for(world.manager)
    data = {"network": world.network.pk, "text": text, **extra}
    response = client.post(send_url(world.card), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
