"""What the pages and prints show of the questions for help, and of how the help matches them."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from rondom.cases.access import CaseAccess
from rondom.cases.models import Child
from rondom.timeline.kinds import CardKind, Domain
from rondom.timeline.models import Card

from .access import add_rights_and_cards, visible_questions
from .matching import Cell, Match, match_case
from .models import HelpQuestion


@dataclass
class QuestionGroup:
    """The questions of the family, or of one child."""

    title: str
    child: Child | None
    questions: list = field(default_factory=list)


def questions_by_whom(questions: list[HelpQuestion], children: list[Child]) -> list[QuestionGroup]:
    """The family's questions first, then each child's; groups without questions are left out."""
    groups = [QuestionGroup(_("The family"), None)]
    groups += [QuestionGroup(child.name, child) for child in children]
    by_child = {group.child.pk if group.child else None: group for group in groups}
    for question in questions:
        by_child.get(question.child_id, groups[0]).questions.append(question)
    return [group for group in groups if group.questions]


def questions_for_child(
    access: CaseAccess | None, child: Child, cards: QuerySet[Card] | None = None
) -> list[HelpQuestion]:
    """The questions shown with one child's timeline: the child's own and the whole family's,
    each with the card where it shows if this person may read it (and it is in `cards`)."""
    if access is None:
        questions = HelpQuestion.objects.filter(case_id=child.case_id)
    else:
        questions = visible_questions(access)
    questions = questions.filter(Q(child=child) | Q(child__isnull=True))
    questions = questions.select_related("child", "raised_by").order_by("starts_on", "pk")
    return add_rights_and_cards(questions, access, cards)


# --- "Past de hulp?" -----------------------------------------------------------------------


@dataclass
class FitRow:
    """One domain in the panel, for the family or one child, with what to do about a gap."""

    match: Match
    domain_label: str
    about: str
    child: Child | None
    actions: list[tuple[str, str]] = field(default_factory=list)  # (words, address)

    @property
    def cell(self) -> Cell:
        return self.match.cell


def fit_rows(access: CaseAccess, cards: QuerySet[Card], agreement_url: str = "") -> list[FitRow]:
    """Per domain: question with help, question without help, help without a question, for
    the family and per child. Only what this person may read: `cards` comes from the timeline's
    access policy. `agreement_url`: where the meeting makes an agreement, if it may."""
    case = access.case
    children = list(case.children.all())
    names = {child.pk: child for child in children}
    questions = list(visible_questions(access).select_related("child"))
    helps = list(cards.filter(kind=CardKind.HELP).exclude(domain="").select_related("author"))
    rows = []
    for match in match_case(questions, helps, [child.pk for child in children]):
        child = names.get(match.child_id)
        row = FitRow(
            match,
            Domain(match.domain).label,
            child.name if child else _("the family"),
            child,
        )
        row.actions = _actions(case.pk, match, child, agreement_url)
        rows.append(row)
    return rows


def _actions(case_id: int, match: Match, child: Child | None, agreement_url: str) -> list:
    query = f"?domain={match.domain}"
    if child is not None:
        query += f"&child={child.pk}"
    if match.cell == Cell.QUESTION_ONLY:
        card_query = f"?kind={CardKind.HELP}" + (f"&child={child.pk}" if child else "")
        actions = [
            (_("Add the help"), reverse("timeline:card_create", args=[case_id]) + card_query)
        ]
        if agreement_url:
            actions.append((_("Make an agreement about it"), agreement_url))
        return actions
    if match.cell == Cell.HELP_ONLY:
        address = reverse("help:question_create", args=[case_id]) + query
        return [(_("Record the question this help answers"), address)]
    return []
