"""Does the help match the question: the four cells per domain, for one case, by the rules."""

from dataclasses import dataclass
from datetime import date, datetime

from rondom.help.matching import Cell, Period, cell_of, cells, is_help, match_case

SAM, KIM = 1, 2


@dataclass
class Q:
    domain: str
    child_id: int | None = None
    starts_on: date | None = None


@dataclass
class H:
    domain: str
    child_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    kind: str = "help"
    is_draft: bool = False
    deleted_at: datetime | None = None


def test_the_four_cells():
    assert cell_of(True, True) == Cell.BOTH
    assert cell_of(True, False) == Cell.QUESTION_ONLY
    assert cell_of(False, True) == Cell.HELP_ONLY
    assert cell_of(False, False) == Cell.NEITHER


def test_family_domains_count_per_family_and_child_domains_per_child():
    questions = [
        Q("parenting"),  # the family asks for parenting support ...
        Q("learning", SAM),  # Sam has a learning question, nobody helps
        Q("social_emotional", None),  # a family-wide question counts for every child
    ]
    helps = [
        H("parenting", SAM),  # ... help in a family domain counts whatever its child
        H("parent_other"),  # help for the parents without a question
        H("social_emotional", KIM),  # Kim gets help, Sam does not
        H("physical"),  # help for the whole family counts for every child
    ]
    assert cells(match_case(questions, helps, [SAM, KIM])) == {
        ("parenting", None): Cell.BOTH,
        ("parent_other", None): Cell.HELP_ONLY,
        ("learning", SAM): Cell.QUESTION_ONLY,
        ("social_emotional", SAM): Cell.QUESTION_ONLY,
        ("physical", SAM): Cell.HELP_ONLY,
        ("learning", KIM): Cell.NEITHER,
        ("social_emotional", KIM): Cell.BOTH,
        ("physical", KIM): Cell.HELP_ONLY,
    }


def test_a_family_question_in_a_parents_domain_counts_whatever_child_it_names():
    matches = match_case([Q("parent_other", KIM)], [], [SAM, KIM])
    assert cells(matches)[("parent_other", None)] == Cell.QUESTION_ONLY


def test_only_shared_living_help_with_a_domain_counts():
    not_help = [
        H("learning", SAM, kind="development"),
        H("learning", SAM, is_draft=True),
        H("learning", SAM, deleted_at=datetime(2024, 1, 1)),
        H("", SAM),
    ]
    assert not any(is_help(card) for card in not_help)
    assert cells(match_case([Q("learning", SAM)], not_help, [SAM]))[("learning", SAM)] == (
        Cell.QUESTION_ONLY
    )


def test_a_question_counts_whatever_its_status():
    @dataclass
    class Resolved(Q):
        status: str = "resolved"

    assert cells(match_case([Resolved("physical", SAM)], [], [SAM]))[("physical", SAM)] == (
        Cell.QUESTION_ONLY
    )


def test_the_period_filter():
    period = Period(date(2024, 1, 1), date(2024, 6, 30))
    questions = [
        Q("learning", SAM, date(2024, 7, 1)),  # raised after the period: out
        Q("physical", SAM, None),  # no date: in
    ]
    helps = [
        H("learning", SAM, date(2023, 1, 1), date(2023, 12, 31)),  # ended before: out
        H("social_emotional", SAM, date(2024, 6, 30), None),  # starts on the last day: in
        H("physical", SAM, date(2024, 7, 1)),  # starts after: out
        H("parenting", None, None, date(2024, 1, 1)),  # ends on the first day: in
    ]
    assert cells(match_case(questions, helps, [SAM], period)) == {
        ("parenting", None): Cell.HELP_ONLY,
        ("parent_other", None): Cell.NEITHER,
        ("learning", SAM): Cell.NEITHER,
        ("social_emotional", SAM): Cell.HELP_ONLY,
        ("physical", SAM): Cell.QUESTION_ONLY,
    }


def test_a_case_without_children_has_the_family_domains_only():
    assert cells(match_case([], [], [])) == {
        ("parenting", None): Cell.NEITHER,
        ("parent_other", None): Cell.NEITHER,
    }


def test_the_matches_keep_their_questions_and_help_for_the_panel():
    question, help_card = Q("learning", SAM), H("learning", None)
    sam_learning = next(
        m for m in match_case([question], [help_card], [SAM]) if m.domain == "learning"
    )
    assert (sam_learning.questions, sam_learning.helps) == ([question], [help_card])
    assert not sam_learning.is_gap
