import os
import socket
import threading
import time
from datetime import date

import pytest
from django.conf import settings as django_settings

from rondom.accounts.models import User
from rondom.career.models import PeriodKind
from rondom.cases.models import Role
from rondom.demo.builder import CaseBuilder
from rondom.timeline.kinds import CardKind, Rating

# Hypothesis keeps its examples next to the test databases, not in the project's root.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(django_settings.DATA_DIR / "hypothesis"))


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A code computed by a test may be checked in the next 30-second window on a busy
    # machine; the window before is accepted too, so no test depends on the clock.
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Login rate limits live in the database cache; one test's failures must not block the
    next. Tests without the database cannot log in, so they have nothing to clear."""
    from django.core.cache import cache

    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        cache.clear()


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def database_url_for_another_process() -> str:
    """The test database, as a subprocess (another server process, a script) reaches it."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def make_user(email: str, **extra) -> User:
    """Professionals get a second factor, as they must; parents log in with a code."""
    from allauth.mfa.totp.internal.auth import TOTP

    user = User.objects.create_user(email=email, password="secret-pass-1", **extra)
    if user.needs_two_factor:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def coach_with_consent(story, **consent) -> User:
    """A youth-care professional in `story`'s case, with the parent's consent (as given)."""
    coach = make_user("coach@jeugd.test")
    person = story["builder"].person("Coach", Role.YOUTH_CARE, coach)
    story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="bespreken",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
        **consent,
    )
    return coach


@pytest.fixture
def manager(db) -> User:
    """An intern begeleider: a professional of a school, so one who may start cases."""
    from rondom.accounts.models import Membership, Organisation

    user = make_user("ib@school.test", first_name="Inge", last_name="Bakker")
    school = Organisation.objects.create(name="Basisschool Het Anker", kind="school")
    Membership.objects.create(organisation=school, user=user, function="ib")
    return user


@pytest.fixture
def parent_user(db) -> User:
    return make_user("ouder@home.test", first_name="Samira", kind=User.Kind.PARENT)


@pytest.fixture
def outsider(db) -> User:
    return make_user("outsider@else.test")


@pytest.fixture
def story(manager, parent_user):
    """A small case: one child, a parent and the school, a school career and some cards."""
    b = CaseBuilder("Familie Test", manager, "Inge Bakker", "intern begeleider")
    child = b.child("Sam", date(2015, 3, 1))
    parent = b.person("Samira", Role.PARENTS, parent_user)
    b.name_with_consent()
    b.period(child, PeriodKind.SCHOOL, "De Vlieger", "augustus 2019", "", "1 2 3 4")
    help_card = b.card(CardKind.HELP, parent, "2021", "Speltherapie", child, rating=Rating.GOOD)
    b.card(CardKind.LIFE_EVENT, parent, "maart 2018", "Verhuisd", child)
    b.card(CardKind.DEVELOPMENT, b.manager, "groep 3", "Leest goed", child)
    b.card(CardKind.LIFE_EVENT, parent, "", "Zonder datum", None)
    from rondom.meetings.models import Agreement, Meeting, Step, StepNote

    meeting = Meeting.objects.create(case=b.case, held_on=date(2024, 3, 1), goal="inform")
    StepNote.objects.bulk_create(StepNote(meeting=meeting, step=step) for step in Step)
    agreement = Agreement.objects.create(
        case=b.case, meeting=meeting, what="Gesprek met de RT'er", owner=b.manager,
        due_on=date(2024, 4, 1),
    )  # fmt: skip
    return {
        "builder": b,
        "meeting": meeting,
        "agreement": agreement,
        "case": b.case,
        "child": child,
        "parent": parent,
        "school": b.manager,
        "help_card": help_card,
    }


def question_of(story):
    """The story's question for help: the parent asks why Sam is so quiet. Made when a test
    first asks for it, so that every other test keeps the story as it was."""
    if "question" not in story:
        from rondom.core.fuzzy_dates import parse_fuzzy_date
        from rondom.help.models import HelpQuestion

        question = HelpQuestion(
            case=story["case"], child=story["child"], domain="social_emotional",
            text="Waarom is Sam zo stil?", raised_by=story["parent"],
            created_by=story["parent"].user,
        )  # fmt: skip
        question.set_date(parse_fuzzy_date("2021"))
        question.save()
        story["question"] = question
    return story["question"]


@pytest.fixture
def other_story(db):
    """A second case, with its own parent, to prove cases do not leak into each other."""
    other_manager = make_user("ib@other.test")
    b = CaseBuilder("Familie Anders", other_manager, "Ander")
    other_parent = make_user("ouder@other.test", kind=User.Kind.PARENT)
    b.child("Kim", date(2016, 1, 1))
    b.person("Ouder Anders", Role.PARENTS, other_parent)
    b.name_with_consent()
    return {"case": b.case, "manager": other_manager, "parent": other_parent}


@pytest.fixture
def manager_client(manager):
    """A browser session of the case manager of `story`."""
    from django.test import Client

    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def asgi_server(transactional_db, settings):
    """The project's ASGI app under uvicorn, in this process, so it shares the test database."""
    import uvicorn

    from rondom.asgi import application

    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LIVE_STREAM_SECONDS = 20
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
