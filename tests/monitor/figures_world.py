"""A small network with known cases for the monitor's figures, its coordinators, and helpers
to make joint agreements and indicators. The expected figures of the first half of 2024 are
worked out by hand in test_catalogue.py."""

from datetime import date, datetime

from django.test import Client
from django.utils import timezone

from rondom.accounts.models import Membership, Organisation
from rondom.career.models import PeriodKind
from rondom.cases.models import Case, Role
from rondom.demo.builder import CaseBuilder
from rondom.meetings.models import Agreement, Meeting
from rondom.monitor.models import (
    Indicator,
    IndicatorConsent,
    JointAgreement,
    Signal,
    SignalTheme,
)
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.scan.instruments import current_instrument
from rondom.scan.models import Round, SectorResult, Statement, StatementResult
from rondom.timeline.kinds import Domain
from tests.conftest import make_user
from tests.insights.conftest import answer, created_on, help_card, question

MARKER = "PLANTED-JOINT-RESULT-5521"


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day + "T12:00"))


def coordinator_of(network, email: str, organisation=None, **names):
    user = make_user(email, **names)
    NetworkRole.objects.create(network=network, user=user)
    if organisation is not None:
        Membership.objects.create(organisation=organisation, user=user, function="coordinator")
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_world(manager) -> dict:
    """Wijk Oost: a school and a youth team as members, coordinators for each, and a
    kinderopvang outside the network with a coordinator of its own network."""
    school = Organisation.objects.get(memberships__user=manager)
    youth = Organisation.objects.create(name="Jeugdteam Oost", kind="youth_care")
    outside = Organisation.objects.create(name="Kinderopvang Elders", kind="childcare")
    network = Network.objects.create(name="Wijk Oost", anonymous_only=True, min_cell=1)
    for organisation in (school, youth):
        NetworkMember.objects.create(network=network, organisation=organisation)
    other_network = Network.objects.create(name="Wijk West")
    NetworkMember.objects.create(network=other_network, organisation=outside)
    return {
        "network": network,
        "school": school,
        "youth": youth,
        "outside": outside,
        "manager": manager,
        "ann": coordinator_of(network, "ann@school.test", school, first_name="Ann"),
        "bo": coordinator_of(network, "bo@school.test", school, first_name="Bo"),
        "cas": coordinator_of(network, "cas@jeugd.test", youth, first_name="Cas"),
        "stranger": coordinator_of(other_network, "dirk@elders.test", outside),
        "other_network": other_network,
    }


def joint_agreement(network, result="Elk kind met een hulpvraag heeft binnen 8 weken hulp",
                    starts_on=date(2024, 1, 1), ends_on=None) -> JointAgreement:  # fmt: skip
    return JointAgreement.objects.create(
        network=network, result=result, starts_on=starts_on, ends_on=ends_on
    )


def indicator(joint, source="cases", options=None, name="Casussen", **fields) -> Indicator:
    defaults = {
        "definition": "Hoeveel casussen liepen er dit halfjaar.",
        "perspective": "network",
        "kind": "how_much",
        "target": 10,
        "better": "higher",
    }
    return Indicator.objects.create(
        joint_agreement=joint, name=name, source=source, source_options=options or {},
        **(defaults | fields),
    )  # fmt: skip


def agreed_by(indicator, *organisations) -> Indicator:
    for organisation in organisations:
        IndicatorConsent.objects.create(indicator=indicator, organisation=organisation)
    return indicator


def known_half_year(world) -> dict:
    """Cases around the first half of 2024 (see test_catalogue.py for what each adds up to)."""
    manager = world["manager"]
    a = CaseBuilder("Casus Eik", manager, "Inge")
    a1 = a.child("A1", date(2015, 3, 1))
    a2 = a.child("A2", date(2018, 5, 1))
    parent_a = a.person("Ouder", Role.PARENTS)
    created_on(a.case, "2023-06-01")
    learning = question(a.case, Domain.LEARNING, "januari 2024", a1, status="helped")
    help_card(a, Domain.LEARNING, "maart 2024", a1, question=learning)  # 60 days after
    question(a.case, Domain.PARENTING, "februari 2024")  # a family question without help
    help_card(a, Domain.PHYSICAL, "2024", a2)  # help without a question
    held = Meeting.objects.create(case=a.case, held_on=date(2024, 2, 1), goal="inform")
    Meeting.objects.create(case=a.case, held_on=date(2024, 5, 1), goal="inform")
    Meeting.objects.create(case=a.case, held_on=date(2023, 12, 1), goal="inform")
    for due, status, set_at in (
        ("2024-04-01", "done", "2024-03-20"),  # on time
        ("2024-04-01", "done", "2024-04-20"),  # late
        ("2024-05-01", "open", None),
        ("2024-05-01", "dropped", "2024-04-01"),  # left out
        ("2024-09-01", "done", "2024-03-01"),  # due in the next half-year
    ):
        Agreement.objects.create(
            case=a.case, meeting=held, what="Bellen", owner=a.manager, due_on=due, status=status,
            status_set_at=at(set_at) if set_at else None,
        )  # fmt: skip
    answer(a.case, parent_a, "not_satisfied", "2024-02-10")
    answer(a.case, parent_a, "satisfied", "2024-05-10")  # the parent's last: satisfied
    answer(a.case, a.manager, "partly", "2024-03-10")
    answer(a.case, parent_a, "not_satisfied", "2024-08-10")  # after the half-year
    a.period(a1, PeriodKind.OUT_OF_SCHOOL, "", "november 2023", "februari 2024")  # 121 days

    b = CaseBuilder("Casus Beuk", manager, "Inge")
    b1 = b.child("B1", date(2012, 1, 10))
    parent_b = b.person("Moeder", Role.MOTHER)
    created_on(b.case, "2023-09-01")
    question(b.case, Domain.LEARNING, "januari 2024", b1)
    help_card(b, Domain.LEARNING, "februari 2024", b1)  # fits the question: 31 days
    Meeting.objects.create(case=b.case, held_on=date(2024, 3, 1), goal="inform")
    answer(b.case, parent_b, "partly", "2024-04-01")
    b.period(b1, PeriodKind.OUT_OF_SCHOOL, "", "april 2024")  # still going on: 91 days in it
    b.period(b1, PeriodKind.OUT_OF_SCHOOL, "", "2022", "2022")  # long before

    # Named without consent for figures: never counted.
    c = CaseBuilder("Familie Verborgen", manager, "Inge")
    c1 = c.child("Verborgen", date(2016, 1, 1))
    c.person("Vader", Role.FATHER)
    c.name_with_consent()
    created_on(c.case, "2023-01-01")
    Meeting.objects.create(case=c.case, held_on=date(2024, 3, 1), goal="inform")
    c.period(c1, PeriodKind.OUT_OF_SCHOOL, "", "januari 2024")

    # Closed before the half-year: not counted.
    d = CaseBuilder("Casus Oud", manager, "Inge")
    d.child("D1", date(2016, 1, 1))
    created_on(d.case, "2022-01-01")
    Case.objects.filter(pk=d.case.pk).update(closed_at=at("2023-06-01"))

    # A case of someone outside the network's organisations.
    elsewhere = make_user("ib@elders.test")
    e = CaseBuilder("Casus Elders", elsewhere, "Els")
    e.child("E1", date(2016, 1, 1))
    created_on(e.case, "2023-01-01")
    Meeting.objects.create(case=e.case, held_on=date(2024, 3, 1), goal="inform")

    network = world["network"]
    scan_rounds(network)
    waiting = SignalTheme.objects.create(network=network, name="Wachtlijsten")
    money = SignalTheme.objects.create(network=network, name="Geld")
    for theme, month in (
        (waiting, date(2024, 2, 1)),
        (waiting, date(2024, 6, 1)),
        (waiting, date(2024, 7, 1)),  # the next half-year
        (money, date(2024, 3, 1)),
        (None, date(2024, 4, 1)),
    ):
        Signal.objects.create(network=network, theme=theme, text="Een signaal", month=month)
    other = world["other_network"]
    Signal.objects.create(network=other, text="Elders", month=date(2024, 3, 1))
    return {"a": a, "b": b, "a1": a1, "b1": b1, "waiting": waiting, "money": money}


def scan_rounds(network) -> Round:
    """Rounds for everyone: an earlier one in the half-year, the latest one in it (whose
    answers were erased, so the kept sums count), one after it; and a team's round."""
    # Not `Instrument.current()`: a transactional test starts from a flushed database, without
    # the version the scan's data migration published.
    instrument = current_instrument()
    governance = list(
        Statement.objects.filter(instrument=instrument, level="governance").order_by("position")
    )[:2]

    def made(opens, closes, team="", sums=(3, 3), respondents=6) -> Round:
        round = Round.objects.create(
            network=network, instrument=instrument, team=team, opens_on=opens, closes_on=closes,
            answers_deleted_at=timezone.now(),
        )  # fmt: skip
        SectorResult.objects.create(round=round, sector="school", respondents=respondents)
        for statement, mean in zip(governance, sums, strict=True):
            StatementResult.objects.create(
                round=round, statement=statement, sector="school", now_count=respondents,
                now_sum=mean * respondents, importance_count=respondents,
                importance_sum=4 * respondents,
            )  # fmt: skip
        return round

    made(date(2024, 1, 10), date(2024, 2, 1), sums=(1, 1))
    latest = made(date(2024, 5, 1), date(2024, 5, 31), sums=(3, 4))  # governance: 3.5
    made(date(2024, 6, 1), date(2024, 6, 20), team="Team Noord", sums=(5, 5))
    made(date(2024, 8, 1), date(2024, 8, 31), sums=(2, 2))
    return latest
