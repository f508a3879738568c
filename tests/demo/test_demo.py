import re
from datetime import date

import pytest
from django.core.management import call_command

from rondom.cases.models import Case, Participant
from rondom.demo.accounts import DEMO_USERS
from rondom.demo.cases import DEMO_CASES, PAPER_CASE
from rondom.demo.generated import CASES as GENERATED
from rondom.timeline.models import Card


@pytest.mark.django_db
def test_demo_is_idempotent():
    call_command("demo", stdout=None)
    counts = (Case.objects.count(), Participant.objects.count(), Card.objects.count())
    call_command("demo")
    assert (Case.objects.count(), Participant.objects.count(), Card.objects.count()) == counts
    generated = Case.objects.exclude(title__in=DEMO_CASES)
    assert set(Case.objects.values_list("title", flat=True)) >= set(DEMO_CASES)
    assert generated.count() == GENERATED and all(case.is_anonymous for case in generated)


@pytest.mark.django_db
def test_paper_example_family():
    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    child = case.children.get()
    assert child.date_of_birth == date(2012, 10, 3)
    kinds = set(case.cards.values_list("kind", flat=True))
    assert {"life_event", "development", "help", "collaboration", "home"} <= kinds
    covid = child.school_periods.get(kind="out_of_school")
    assert covid.starts_on == date(2020, 3, 16)
    group_5 = case.cards.get(kind="development", date_text="groep 5")
    assert group_5.starts_on == date(2020, 8, 1)
    assert case.cards.filter(starts_on__isnull=True).exists()  # the undated covid card


@pytest.mark.django_db
def test_demo_logins_exist_and_see_their_cases():
    call_command("demo")
    from rondom.accounts.models import User
    from rondom.cases.access import cases_for

    ib = User.objects.get(email=DEMO_USERS["ib"][0])
    outsider = User.objects.get(email=DEMO_USERS["outsider"][0])
    mother = User.objects.get(email=DEMO_USERS["mother"][0])
    assert cases_for(ib).count() == 4
    assert cases_for(outsider).count() == 0
    assert list(cases_for(mother).values_list("title", flat=True)) == [PAPER_CASE]
    assert ib.check_password("rondom-demo")


@pytest.mark.django_db
def test_demo_has_an_anonymous_case_without_parent_accounts():
    from rondom.demo.cases import ANONYMOUS_CASE

    call_command("demo")
    case = Case.objects.get(title=ANONYMOUS_CASE)
    assert case.is_anonymous
    assert not case.participants.filter(
        role__in=["parents", "mother", "father"], user__isnull=False
    )
    named = Case.objects.filter(title__in=DEMO_CASES).exclude(title=ANONYMOUS_CASE)
    assert all(not c.is_anonymous and c.consents.exists() for c in named)


@pytest.mark.django_db
def test_demo_links_the_perspectives_that_differ():
    from rondom.demo.cases import SPLIT_VIEWS_CASE
    from rondom.timeline.merging import active_links, merged_rows

    call_command("demo")
    case = Case.objects.get(title=SPLIT_VIEWS_CASE)
    rows = merged_rows(list(case.cards.all()), active_links(case.pk))
    differing = [e for r in rows for e in r.entries if e.differs]
    assert {r.row.key for r in rows for e in r.entries if e.differs} == {"life_event", "help"}
    assert len(differing) == 2


@pytest.mark.django_db
def test_demo_has_a_meeting_with_agreements_to_follow_up():
    from rondom.meetings.models import Agreement

    call_command("demo")
    case = Case.objects.get(title=PAPER_CASE)
    meeting = case.meetings.get()
    assert meeting.notes.count() == 5 and meeting.factors.count() == 2
    statuses = sorted(Agreement.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == ["done", "open", "open"]
    assert any(a.is_overdue for a in meeting.agreements.all())


# What each demo case holds: participants, school periods, group years, consents, cards,
# cards without a date, and links between perspectives.
DEMO_CONTENT = {
    "Familie El Amrani": (3, 4, 10, 2, 22, 1, 0),
    "Familie de Vries": (5, 2, 7, 3, 13, 0, 2),
    "Familie Öztürk": (3, 4, 15, 2, 11, 1, 0),
    "Casus Zonnebloem": (3, 1, 7, 0, 4, 0, 0),
}


@pytest.mark.django_db
def test_every_demo_case_is_built_whole():
    from rondom.career.models import GroupYear, SchoolPeriod

    call_command("demo")
    content = {
        case.title: (
            case.participants.count(),
            SchoolPeriod.objects.filter(child__case=case).count(),
            GroupYear.objects.filter(period__child__case=case).count(),
            case.consents.count(),
            case.cards.count(),
            case.cards.filter(starts_on__isnull=True).count(),
            case.card_links.count(),
        )
        for case in Case.objects.filter(title__in=DEMO_CASES)
    }
    assert content == DEMO_CONTENT


def test_the_demo_data_names_only_known_values_and_people():
    from rondom.career.models import PeriodKind
    from rondom.cases.models import Role
    from rondom.demo.builder import CARD_REFERENCES, demo_cases
    from rondom.help.models import QuestionStatus, Satisfaction, SatisfactionReason
    from rondom.timeline.kinds import CHILD_DOMAINS, CardKind, Domain, HomeAspect, Rating
    from rondom.timeline.models import Card

    cases = demo_cases()
    assert tuple(case["title"] for case in cases) == DEMO_CASES
    card_fields = {field.name for field in Card._meta.get_fields()}
    choices = {"aspect": HomeAspect, "domain": Domain, "rating": Rating}
    for case in cases:
        people = {"manager", *case["people"]}
        assert {person["role"] for person in case["people"].values()} <= set(Role.values)
        for period in case["periods"]:
            assert period["child"] in case["children"] and period["kind"] in PeriodKind.values
        keys = set()
        for card in case["cards"]:
            assert card["kind"] in CardKind.values and card["by"] in people
            assert "child" not in card or card["child"] in case["children"]
            assert "same_as" not in card or card["same_as"] in keys  # an earlier card
            if "key" in card:
                keys.add(card["key"])
            for name, value in card.items():
                assert name in CARD_REFERENCES or name in card_fields, name
                assert name not in choices or value in choices[name].values, (name, value)
        questions = {question["key"]: question for question in case.get("questions", [])}
        for question in questions.values():
            assert question["domain"] in Domain.values and question["by"] in people
            assert question["status"] in QuestionStatus.values
            assert "child" not in question or question["child"] in case["children"]
            assert (question["domain"] in CHILD_DOMAINS) == ("child" in question), question
            assert "shows_on" not in question or question["shows_on"] in keys
        for card in case["cards"]:
            if "question" in card:
                question = questions[card["question"]]
                assert card["kind"] == "help" and card["domain"] == question["domain"]
                assert card.get("child") == question.get("child"), card
        for answer in case.get("satisfaction", []):
            assert answer["by"] in people and answer["satisfaction"] in Satisfaction.values
            assert set(answer.get("reasons", [])) <= set(SatisfactionReason.values)
        if "figures_consent" in case:
            parent = case["people"][case["figures_consent"]]
            assert parent["role"] in {"parents", "mother", "father", "carer"}


def _readme_logins() -> dict[str, str]:
    """The README's table of demo logins: email address to what that login sees."""
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    rows = re.findall(r"^\| `([^`]+@rondom\.test)` \| [^|]+ \| ([^|]+) \|$", readme, re.M)
    return {email: sees.strip() for email, sees in rows}


@pytest.mark.django_db
def test_the_readme_says_which_cases_each_demo_login_sees():
    from rondom.accounts.models import User
    from rondom.cases.access import cases_for

    call_command("demo")
    table = _readme_logins()
    assert set(table) == {email for email, _, _ in DEMO_USERS.values()} | {"admin@rondom.test"}
    for email, sees in table.items():
        titles = set(cases_for(User.objects.get(email=email)).values_list("title", flat=True))
        if sees.startswith("all four demo cases"):
            assert titles == set(DEMO_CASES) and len(DEMO_CASES) == 4, email
        elif sees == "nothing" or sees.startswith("no case"):
            assert titles == set(), email
        elif sees.startswith("everything"):
            assert titles == set(Case.objects.values_list("title", flat=True)), email
        else:
            assert titles == {sees}, email


@pytest.mark.django_db
def test_the_demo_cases_have_questions_help_and_satisfaction():
    from rondom.cases.access import cases_in_figures
    from rondom.help.models import HelpQuestion, HelpSatisfaction

    call_command("demo")
    for case in Case.objects.filter(title__in=DEMO_CASES):
        assert case.help_questions.count() >= 2, case.title
        parties = set(HelpSatisfaction.objects.filter(case=case).values_list("party", flat=True))
        assert len(parties) >= 2, case.title
        assert HelpSatisfaction.objects.filter(case=case, reasons__isnull=False).exists()
        help_cards = case.cards.filter(kind="help")
        assert help_cards.exclude(domain="").count() == help_cards.count(), case.title
    demo = HelpQuestion.objects.filter(case__title__in=DEMO_CASES)
    assert demo.filter(help_cards__isnull=True).exists()  # a question without help
    unasked = Card.objects.filter(case__title__in=DEMO_CASES, kind="help", question__isnull=True)
    assert unasked.exists()  # help without a question
    # The help linked to a question is in its domain, about its child.
    for card in Card.objects.filter(question__isnull=False).select_related("question"):
        assert (card.domain, card.child_id) == (card.question.domain, card.question.child_id)
    paper = Case.objects.get(title=PAPER_CASE)
    assert paper.figures_consents.get().given_by.role == "parents"
    assert HelpSatisfaction.objects.filter(case=paper, meeting__isnull=False).count() == 3
    # Counted in figures: the named case with the consent, the anonymous ones; not the others.
    counted = set(cases_in_figures().filter(title__in=DEMO_CASES).values_list("title", flat=True))
    assert counted == {PAPER_CASE, "Casus Zonnebloem"}


@pytest.mark.django_db
def test_the_demo_network_has_its_members_and_its_coordinator():
    from allauth.mfa.models import Authenticator

    from rondom.accounts.models import User
    from rondom.networks.access import networks_for

    call_command("demo")
    call_command("demo")
    coordinator = User.objects.get(email="coordinator@rondom.test")
    [network] = networks_for(coordinator)
    assert network.name == "Wijk Centrum" and network.min_cell == 10
    assert set(network.organisations.values_list("name", "kind")) == {
        ("Basisschool De Vlieger", "school"),
        ("Jeugdteam Centrum", "local_team"),
        ("Kinderopvang De Boomhut", "childcare"),
    }
    assert list(network.roles.values_list("user__email", "role")) == [
        ("coordinator@rondom.test", "coordinator")
    ]
    assert coordinator.kind == User.Kind.PROFESSIONAL and coordinator.check_password("rondom-demo")
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert not User.objects.get(email="ib@rondom.test").network_roles.exists()


def _cells(cases, domain: str, per_child: bool) -> dict[tuple[bool, bool], int]:
    """The four cells of a domain, by the counting rules: (has a question, has help) per
    family, or per child with the questions and help about the whole family counted too."""
    from collections import Counter

    from rondom.cases.models import Child
    from rondom.help.models import HelpQuestion

    asked = set(
        HelpQuestion.objects.filter(case__in=cases, domain=domain).values_list("case", "child")
    )
    helped = set(
        Card.objects.filter(case__in=cases, kind="help", domain=domain, deleted_at__isnull=True,
                            is_draft=False).values_list("case", "child")
    )  # fmt: skip
    if not per_child:
        families = cases.values_list("pk", flat=True)
        return Counter(
            ({c for c, _ in asked}.__contains__(f), {c for c, _ in helped}.__contains__(f))
            for f in families
        )
    children = Child.objects.filter(case__in=cases).values_list("case", "pk")
    return Counter(
        (
            (case, child) in asked or (case, None) in asked,
            (case, child) in helped or (case, None) in helped,
        )
        for case, child in children
    )


@pytest.mark.django_db
def test_the_generated_cases_give_the_network_figures_above_10_and_some_gaps():
    from rondom.demo.generated import generated_managers
    from rondom.networks.access import cases_in_network
    from rondom.networks.models import Network
    from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS

    call_command("demo")
    cases = cases_in_network(Network.objects.get(name="Wijk Centrum"))
    generated = cases.filter(created_by__in=generated_managers())
    assert generated.count() == GENERATED and 80 <= GENERATED <= 120
    hidden = 0
    for domain in (*FAMILY_DOMAINS, *CHILD_DOMAINS):
        cells = _cells(cases, domain, per_child=domain in CHILD_DOMAINS)
        assert max(cells.values()) >= 10, (domain, cells)
        # Question and help together, the cell the report is about, is shown in every domain.
        assert cells[True, True] >= 10, (domain, cells)
        hidden += sum(1 for pair in ((a, b) for a in (0, 1) for b in (0, 1))
                      if cells[bool(pair[0]), bool(pair[1])] < 10)  # fmt: skip
    assert hidden >= 2  # gaps: cells the report shows as <10
    # Several parties said how satisfied they are, in numbers the report can show.
    from rondom.help.models import HelpSatisfaction

    answers = HelpSatisfaction.objects.filter(case__in=generated)
    for party in ("parents", "school", "youth_care"):
        assert answers.filter(party=party).count() >= 30, party
