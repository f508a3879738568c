"""Demo logins (listed in the README). Demo only: never load these on a real installation."""

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from rondom.accounts.models import Membership, Organisation, User
from rondom.networks.models import Network
from rondom.networks.services import set_up_network

DEMO_PASSWORD = "rondom-demo"
# Published on purpose: the demo professionals' second factor, for any authenticator app.
DEMO_TOTP_SECRET = "RONDOMDEMORONDOMDEMORONDOMDEMO22"
PARENT_KEYS = {"mother", "father"}

DEMO_USERS = {
    "ib": ("ib@rondom.test", "Inge", "Bakker"),
    "mother": ("moeder@rondom.test", "Samira", "El Amrani"),
    "youth_care": ("jeugdhulp@rondom.test", "Jeroen", "Visser"),
    "teacher": ("leerkracht@rondom.test", "Lotte", "de Boer"),
    "father": ("vader@rondom.test", "Mehmet", "Öztürk"),
    "outsider": ("buiten@rondom.test", "Olga", "Buiten"),
    "coordinator": ("coordinator@rondom.test", "Carla", "Mulder"),
}
DEMO_ADMIN = ("admin@rondom.test", "Ada", "Beheer")


def ensure_demo_users() -> dict[str, User]:
    users = {}
    for key, (email, first, last) in DEMO_USERS.items():
        users[key] = _ensure(email, first, last, admin=False, parent=key in PARENT_KEYS)
    users["admin"] = _ensure(*DEMO_ADMIN, admin=True, parent=False)
    return users


def _ensure(email: str, first: str, last: str, admin: bool, parent: bool) -> User:
    kind = User.Kind.PARENT if parent else User.Kind.PROFESSIONAL
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_staff": admin,
            "is_superuser": admin,
            "kind": kind,
        },
    )
    if not created:
        return user
    if parent:
        # Parents have no password: they log in with a code sent by email.
        user.set_unusable_password()
    else:
        user.set_password(DEMO_PASSWORD)
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    user.save(update_fields=["password"])
    return user


def is_demo_account(email: str) -> bool:
    return email in {address for address, _, _ in DEMO_USERS.values()} | {DEMO_ADMIN[0]}


SCHOOL = "Basisschool De Vlieger"
LOCAL_TEAM = "Jeugdteam Centrum"
CHILDCARE = "Kinderopvang De Boomhut"
DEMO_NETWORK = "Wijk Centrum"


def ensure_demo_organisations(users: dict[str, User]) -> None:
    school, _ = Organisation.objects.get_or_create(
        name=SCHOOL, defaults={"kind": Organisation.Kind.SCHOOL}
    )
    team, _ = Organisation.objects.get_or_create(
        name=LOCAL_TEAM, defaults={"kind": Organisation.Kind.LOCAL_TEAM}
    )
    Organisation.objects.get_or_create(
        name=CHILDCARE, defaults={"kind": Organisation.Kind.CHILDCARE}
    )
    for organisation, key, function, admin in (
        (school, "ib", "ib", True),
        (school, "teacher", "teacher", False),
        (team, "youth_care", "family_coach", True),
    ):
        Membership.objects.get_or_create(
            organisation=organisation,
            user=users[key],
            defaults={"function": function, "is_admin": admin},
        )


def ensure_demo_network(users: dict[str, User]) -> Network:
    """Wijk Centrum: the school, the local team and the childcare of the demo, with its
    coordinator."""
    organisations = [
        Organisation.objects.get(name=name) for name in (SCHOOL, LOCAL_TEAM, CHILDCARE)
    ]
    done = set_up_network(
        DEMO_NETWORK, coordinators=[users["coordinator"]], organisations=organisations
    )
    return done.network
