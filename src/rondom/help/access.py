"""The access policy for questions for help, built on the case rule in `rondom.cases.access`.

- Whoever sees the case's content reads all of its questions: a question is about the family,
  as the timeline is, and is never a private draft.
- Everyone in the case who sees its content adds questions (parents and professionals alike),
  and so does a site admin, as with cards.
- A question is changed or removed by the participant who raised it, by the one who wrote it
  down, and by the case manager (and a site admin).
- A question may point to the card where it shows. That link is shown only to those who may
  read the card itself (`rondom.timeline.access`); the question shows without it to others.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from rondom.cases.access import CaseAccess, Need, access_or_404
from rondom.cases.models import Child
from rondom.timeline.access import visible_cards
from rondom.timeline.models import Card

from .models import HelpQuestion


def visible_questions(access: CaseAccess | None) -> QuerySet[HelpQuestion]:
    """The questions of this case the person may read: all of them, with the content."""
    if access is None or not access.sees_content:
        return HelpQuestion.objects.none()
    return HelpQuestion.objects.filter(case=access.case)


def may_add_question(access: CaseAccess) -> bool:
    return access.sees_content and (access.participant is not None or access.is_site_admin)


def may_change_question(access: CaseAccess, question: HelpQuestion) -> bool:
    if not access.sees_content:
        return False
    if access.is_case_manager:
        return True
    return _own(access, question)


def add_rights_and_cards(
    questions: Iterable[HelpQuestion],
    access: CaseAccess | None,
    cards: QuerySet[Card] | None = None,
) -> list[HelpQuestion]:
    """Give each question `may_change` and `shown_card`: the card where it shows, or None
    when this person may not read that card. `cards` narrows it further (for example to the
    cards shared with everyone, on the board or on paper). One query for all the cards."""
    questions = list(questions)
    wanted = {q.card_id for q in questions if q.card_id}
    readable = visible_cards(access) if access is not None else Card.objects.alive()
    if cards is not None:
        readable = readable.filter(pk__in=cards.values("pk"))
    found = {card.pk: card for card in readable.filter(pk__in=wanted)} if wanted else {}
    first_child = None
    if found:
        first_child = Child.objects.filter(case_id=questions[0].case_id).values_list("pk").first()
    for question in questions:
        card = found.get(question.card_id)
        question.shown_card = card
        question.card_url = ""
        child_id = card and (card.child_id or question.child_id or (first_child or [None])[0])
        if child_id:
            address = reverse("timeline:child", args=[question.case_id, child_id])
            question.card_url = f"{address}#card-{card.pk}"
        question.may_change = access is not None and may_change_question(access, question)
    return questions


def get_question_for(
    request, case_id: int, question_id: int, change: bool = False
) -> tuple[CaseAccess, HelpQuestion]:
    """The question as this person may see it (404 otherwise); 403 if they may not change it."""
    access = access_or_404(request, case_id, Need.CONTENT)
    question = (
        visible_questions(access)
        .select_related("child", "raised_by")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise Http404
    if change and not may_change_question(access, question):
        raise PermissionDenied
    if change and access.is_case_manager and not _own(access, question):
        request.access_reason = f"{access.reason}; correction by case manager"
    return access, question


def _own(access: CaseAccess, question: HelpQuestion) -> bool:
    """Raised by this participant, or written down by this person."""
    me = access.participant
    if me is None:
        return False
    wrote_it = access.user is not None and question.created_by_id == access.user.pk
    return question.raised_by_id == me.pk or wrote_it
