"""A known set of cases for the figures, and networks and coordinators to look at them."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from rondom.accounts.models import Organisation
from rondom.cases.models import Case, FiguresConsent, Role
from rondom.core.fuzzy_dates import parse_fuzzy_date
from rondom.demo.builder import CaseBuilder
from rondom.help.models import (
    HelpQuestion,
    HelpSatisfaction,
    HelpSatisfactionReason,
    Party,
)
from rondom.meetings.models import Agreement, Meeting
from rondom.networks.models import Network, NetworkMember, NetworkRole
from rondom.timeline.kinds import CardKind, Domain
from rondom.timeline.models import Card
from tests.conftest import make_user

PERIOD = ("2024-01-01", "2024-06-30")
CHILD_NAME = "Zeppelientje"
MARKER = "GEHEIM-MERKTEKST-7731"


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day + "T12:00"))


def question(case, domain, when, child=None, status="open", text="") -> HelpQuestion:
    q = HelpQuestion(case=case, child=child, domain=domain, status=status, text=text)
    value = parse_fuzzy_date(when)
    q.date_text = when
    q.store_dates(value, value)
    q.precision = value.precision
    q.save()
    return q


def help_card(b: CaseBuilder, domain, when, child=None, **fields) -> Card:
    return b.card(CardKind.HELP, b.manager, when, "Hulp", child, domain=domain, **fields)


def answer(case, who, satisfaction, given, reasons=(), remark="") -> HelpSatisfaction:
    given_answer = HelpSatisfaction.objects.create(
        case=case, participant=who, party=Party.PARENTS if who.is_parent else Party.SCHOOL,
        satisfaction=satisfaction, remark=remark,
    )  # fmt: skip
    HelpSatisfaction.objects.filter(pk=given_answer.pk).update(given_at=at(given))
    HelpSatisfactionReason.objects.bulk_create(
        HelpSatisfactionReason(answer=given_answer, reason=reason) for reason in reasons
    )
    return given_answer


def created_on(case: Case, day: str) -> None:
    Case.objects.filter(pk=case.pk).update(created_at=at(day))


@pytest.fixture
def known_cases(manager):
    """Two counted cases with three children, one named case without consent for figures and
    one closed before the period. See test_figures.py for what each card adds up to."""
    a = CaseBuilder("Casus Ster", manager, "Inge")
    a1 = a.child("A1", date(2015, 3, 1))
    a2 = a.child("A2", date(2019, 5, 1))
    parent = a.person("Ouder", Role.PARENTS)
    created_on(a.case, "2023-06-01")
    q1 = question(a.case, Domain.LEARNING, "januari 2024", a1, status="helped")
    help_card(a, Domain.LEARNING, "maart 2024", a1, question=q1)
    question(a.case, Domain.SOCIAL_EMOTIONAL, "2023")  # the whole family: both children
    help_card(a, Domain.PHYSICAL, "2024", a2)  # help without a question
    question(a.case, Domain.PARENTING, "februari 2024")  # a question without help
    help_card(a, Domain.PARENT_OTHER, "2024", a1)  # family help, about one child
    deleted = help_card(a, Domain.LEARNING, "2024", a2)
    Card.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    help_card(a, Domain.SOCIAL_EMOTIONAL, "2024", a2, is_draft=True)
    help_card(a, "", "2024", a2)  # no domain: not help in the figures
    question(a.case, Domain.LEARNING, "2025", a2)  # after the period
    help_card(a, Domain.PHYSICAL, "2020", a1)  # ended before the period
    held = Meeting.objects.create(case=a.case, held_on=date(2024, 3, 1), goal="inform")
    Meeting.objects.create(case=a.case, held_on=date(2023, 12, 1), goal="inform")
    for due, status, set_at in (
        ("2024-04-01", "done", "2024-03-20"),
        ("2024-04-01", "done", "2024-04-20"),
        ("2024-05-01", "open", None),
    ):
        Agreement.objects.create(
            case=a.case, meeting=held, what="Bellen", owner=a.manager, due_on=due, status=status,
            status_set_at=at(set_at) if set_at else None,
        )  # fmt: skip
    answer(a.case, parent, "not_satisfied", "2024-02-10")
    answer(a.case, parent, "satisfied", "2024-05-10", ["help_fits", "skilled"])
    answer(a.case, parent, "partly", "2024-08-10", ["waiting"])  # after the period
    answer(a.case, a.manager, "partly", "2024-03-10", ["waiting"])

    b = CaseBuilder("Familie Bloem", manager, "Inge")
    b1 = b.child("B1", date(2012, 1, 10))
    mother = b.person("Moeder", Role.MOTHER)
    b.name_with_consent()
    FiguresConsent.objects.create(case=b.case, given_by=mother)
    created_on(b.case, "2023-09-01")
    question(b.case, Domain.LEARNING, "januari 2024", b1)
    help_card(b, Domain.LEARNING, "februari 2024", b1)  # fits the question without a link

    c = CaseBuilder("Familie Zonder", manager, "Inge")
    c1 = c.child(CHILD_NAME, date(2016, 1, 1))
    c.person("Vader", Role.FATHER)
    c.name_with_consent()  # named, but no consent for figures
    question(c.case, Domain.LEARNING, "2024", c1)
    help_card(c, Domain.LEARNING, "2024", c1)

    d = CaseBuilder("Casus Oud", manager, "Inge")
    d.child("D1", date(2016, 1, 1))
    created_on(d.case, "2022-01-01")
    Case.objects.filter(pk=d.case.pk).update(closed_at=at("2023-06-01"))
    return {"a": a, "b": b, "c": c, "d": d, "a1": a1, "a2": a2, "b1": b1, "mother": mother}


@pytest.fixture
def network(manager):
    school = Organisation.objects.get(memberships__user=manager)
    network = Network.objects.create(name="Wijk Test")
    NetworkMember.objects.create(network=network, organisation=school)
    return network


@pytest.fixture
def coordinator(network):
    user = make_user("coordinator@net.test")
    NetworkRole.objects.create(network=network, user=user)
    return user
