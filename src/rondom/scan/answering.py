"""Filling in a round: which statements a respondent gets, screen by screen, and keeping
their answers under their response's key.

A respondent reaches a round through an invitation: their own (an account holder, after
login) or one whose personal link they opened in this browser. Their answers are found only
by `response_key(invitation.pk)`, so nothing stored leads from the invitation to the
response; both pages and the saving of one statement share what is here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    LEVELS_OF,
    Answer,
    Invitation,
    Level,
    Response,
    Round,
    Statement,
    audience_of,
)
from .respondents import response_key

# Where a browser keeps the personal links it opened: round id -> invitation id. The link's
# secret stays out of every later address, and so out of every log line.
LINKS_SESSION_KEY = "rondom_scan_links"
# Whether the person who logged in has an invitation in an open round (for the header).
OPEN_SESSION_KEY = "rondom_scan_open"


class AnswerRefused(Exception):
    """The round is no longer open, or the answers have been sent already."""


@dataclass
class Screen:
    """One level of the instrument: the statements shown together on one page."""

    number: int
    level: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Level(self.level).label


def statements_of(round: Round, audience: str) -> list[Statement]:
    """The round's statements for this audience, level by level: the instrument's first,
    then the network's own. One query."""
    statements = Statement.objects.filter(
        Q(instrument_id=round.instrument_id)
        | Q(pk__in=round.own_statements.through.objects.filter(round=round).values("statement")),
        audience=audience,
    )
    order = {level: n for n, level in enumerate(LEVELS_OF[audience])}
    return sorted(
        (s for s in statements if s.level in order),
        key=lambda s: (order[s.level], s.is_own, s.position, s.pk),
    )


def screens_of(round: Round, audience: str) -> list[Screen]:
    """One screen per level that has statements, numbered from 1."""
    by_level: dict[str, list[Statement]] = {}
    for statement in statements_of(round, audience):
        by_level.setdefault(statement.level, []).append(statement)
    levels = [level for level in LEVELS_OF[audience] if level in by_level]
    return [Screen(n, level, by_level[level]) for n, level in enumerate(levels, start=1)]


def statement_count(round: Round, audience: str) -> int:
    return Statement.objects.filter(
        Q(instrument_id=round.instrument_id) | Q(rounds=round), audience=audience
    ).count()


def find_response(invitation: Invitation) -> Response | None:
    return Response.objects.filter(key=response_key(invitation.pk)).first()


def answers_of(response: Response | None) -> dict[int, Answer]:
    if response is None:
        return {}
    return {answer.statement_id: answer for answer in response.answers.all()}


def is_answered(answer: Answer | None) -> bool:
    """A statement counts as answered once "how it stands now" has an answer."""
    return answer is not None and (answer.now is not None or answer.dont_know)


def is_complete(answer: Answer | None) -> bool:
    return is_answered(answer) and answer.importance is not None and answer.act is not None


def where_to_continue(screens: list[Screen], answers: dict[int, Answer]) -> int:
    """The first screen with a statement still open; after the last one, the check."""
    for screen in screens:
        if any(not is_answered(answers.get(s.pk)) for s in screen.statements):
            return screen.number
    return len(screens) + 1


def _response_for(invitation: Invitation) -> Response:
    response, _created = Response.objects.get_or_create(
        key=response_key(invitation.pk),
        defaults={
            "round_id": invitation.round_id,
            "sector": invitation.sector,
            "audience": audience_of(invitation.sector),
        },
    )
    return response


def _check_may_answer(invitation: Invitation, today: date | None = None) -> None:
    if invitation.answered_at is not None or not invitation.round.is_open(today):
        raise AnswerRefused


EMPTY = {"now": None, "dont_know": False, "importance": None, "act": None, "remark": ""}


def save_answers(invitation: Invitation, values: dict[int, dict]) -> dict[int, Answer]:
    """Keep the answers to these statements (statement id -> the answer's fields).

    The response is made on the first answer that holds anything, with the invitation's
    sector. A statement left wholly empty makes no row. Refused once the answers are sent
    or the round has closed.
    """
    _check_may_answer(invitation)
    saved = {}
    with transaction.atomic():
        if any(v != EMPTY for v in values.values()):
            response = _response_for(invitation)
        else:
            # Only clearing: nothing to make, but an earlier answer (a remark that named
            # someone) must go.
            response = Response.objects.filter(key=response_key(invitation.pk)).first()
            if response is None:
                return {}
        if response.submitted:
            raise AnswerRefused
        existing = {a.statement_id: a for a in response.answers.filter(statement_id__in=values)}
        for statement_id, fields in values.items():
            answer = existing.get(statement_id)
            if answer is None:
                if fields == EMPTY:
                    continue
                answer = Answer(response=response, statement_id=statement_id)
            for name, value in fields.items():
                setattr(answer, name, value)
            answer.save()
            saved[statement_id] = answer
    return saved


def submit(invitation: Invitation) -> bool:
    """Send the answers: the response is marked submitted and the invitation answered, in
    one transaction, once. False when they had been sent already (or nothing was answered)."""
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update().select_related("round").get(pk=invitation.pk)
        )
        _check_may_answer(locked)
        response = Response.objects.filter(key=response_key(locked.pk)).first()
        if response is None or response.submitted or not response.answers.exists():
            return False
        response.submitted = True
        response.save(update_fields=["submitted"])
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at"])
    invitation.answered_at = locked.answered_at
    return True


def progress_of(invitations: list[Invitation]) -> dict[int, int]:
    """How many statements each invitation's respondent answered, in one query.

    Only the person themselves sees this: their keys are computed here, never stored."""
    keys = {response_key(inv.pk): inv.pk for inv in invitations}
    answered = Q(answers__now__isnull=False) | Q(answers__dont_know=True)
    rows = (
        Response.objects.filter(key__in=keys)
        .annotate(answered=Count("answers", filter=answered))
        .values_list("key", "answered")
    )
    return {keys[key]: count for key, count in rows}


def open_invitations(user, today: date | None = None):
    """The invitations of this account in rounds that are open today."""
    today = today or timezone.localdate()
    return Invitation.objects.filter(
        user=user, round__opens_on__lte=today, round__closes_on__gte=today
    )


def remember_open_invitations(request, has_open: bool) -> None:
    request.session[OPEN_SESSION_KEY] = has_open


def remember_at_login(sender, request, user, **kwargs) -> None:
    """Connected to `user_logged_in` (see apps.py): one query at login, none per page.

    A personal link opened in this browser before the login belonged to whoever opened it,
    perhaps someone else at a shared computer: it is forgotten, so that an account answers
    only as itself."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(LINKS_SESSION_KEY, None)
        remember_open_invitations(request, open_invitations(user).exists())


def remember_link(request, invitation: Invitation) -> None:
    links = dict(request.session.get(LINKS_SESSION_KEY, {}))
    links[str(invitation.round_id)] = invitation.pk
    request.session[LINKS_SESSION_KEY] = links


def invitation_for(request, round_id: int) -> Invitation | None:
    """The invitation through which this browser answers the round: one whose personal link
    was opened here, else the account's own. None when there is neither."""
    # Through the round's primary key: an id too large for the database then finds nothing
    # instead of failing, as a foreign key's id would on SQLite.
    found = Invitation.objects.select_related("round__network", "round__instrument").filter(
        round__in=Round.objects.filter(pk=round_id)
    )
    linked = request.session.get(LINKS_SESSION_KEY, {}).get(str(round_id))
    if linked is not None:
        invitation = found.filter(pk=linked, user__isnull=True).first()
        if invitation is not None:
            return invitation
    if request.user.is_authenticated:
        return found.filter(user=request.user).first()
    return None
