"""How satisfied each participant is with the help: who may answer for whom, the form, and
the answers as the case shows them.

An answer is never changed: a new answer is a new row, the latest one per participant counts,
and the earlier ones stay in the case as its history. Everyone who sees the case's content
sees the answers, with their reasons and remarks; the research treated them as part of the
case review, parents' words included.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from rondom.cases.access import CaseAccess, Scope
from rondom.cases.models import Case, Participant
from rondom.core.text import PlainTextMixin

from .models import (
    HelpSatisfaction,
    HelpSatisfactionReason,
    Satisfaction,
    SatisfactionReason,
    party_of,
)

REMARK_LENGTH = 300

# The reasons that say what works, and those that say what does not, in the order of §4.4.
GOOD_REASONS = (
    SatisfactionReason.NEEDS_CLEAR,
    SatisfactionReason.HELP_FITS,
    SatisfactionReason.HELP_TOGETHER,
    SatisfactionReason.GOOD_TEAMWORK,
    SatisfactionReason.SKILLED,
)
LESS_GOOD_REASONS = tuple(reason for reason in SatisfactionReason if reason not in GOOD_REASONS)

# The three faces of the paper card stand for the three answers.
FACES = {
    Satisfaction.SATISFIED: "good",
    Satisfaction.PARTLY: "neutral",
    Satisfaction.NOT_SATISFIED: "not_good",
}


def answerable_participants(access: CaseAccess | None) -> QuerySet[Participant]:
    """For whom this person may give an answer: themselves, and, for the case manager, the
    people in the case without an account (a parent at the table, say). A site admin takes
    no part in a case, so answers for nobody."""
    if access is None or not access.sees_content or access.participant is None:
        return Participant.objects.none()
    me = access.participant
    people = access.case.participants.all()
    if me.is_case_manager:
        return people.filter(pk=me.pk) | people.filter(user__isnull=True)
    return people.filter(pk=me.pk)


def open_meetings(access: CaseAccess) -> QuerySet:
    """The meetings an answer may belong to: open ones, if the consent covers meetings.
    (Meetings sit in a layer above this one, so they are reached through the case.)"""
    if not access.may(Scope.MEETINGS):
        return access.case.meetings.none()
    return access.case.meetings.filter(closed_at__isnull=True)


def reason_choices() -> list:
    return [
        (_("What goes well"), [(r.value, r.label) for r in GOOD_REASONS]),
        (_("What could be better"), [(r.value, r.label) for r in LESS_GOOD_REASONS]),
    ]


class SatisfactionFaces(forms.RadioSelect):
    """The three answers as the faces of the paper card, each with its word, as big choices."""

    template_name = "help/widgets/faces.html"
    option_template_name = "help/widgets/face.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["face"] = FACES.get(value, "neutral")
        return option


class ReasonBoxes(forms.CheckboxSelectMultiple):
    template_name = "help/widgets/reasons.html"
    option_template_name = "help/widgets/reason.html"


class SatisfactionForm(PlainTextMixin, forms.Form):
    """One answer. `participant` offers only the people this person may answer for."""

    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        label=_("Who answers?"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    satisfaction = forms.ChoiceField(
        label=_("Choose a face"),
        choices=Satisfaction.choices,
        widget=SatisfactionFaces,
        error_messages={"required": _("Choose one of the three faces.")},
    )
    reasons = forms.MultipleChoiceField(
        label=_("Why? Tick what fits"),
        choices=reason_choices,
        widget=ReasonBoxes,
        required=False,
    )
    remark = forms.CharField(
        label=_("Anything else? In a few words"),
        max_length=REMARK_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REMARK_LENGTH}),
        help_text=_("At most 300 characters. Everyone in the case can read it."),
    )

    def __init__(
        self,
        *args,
        access: CaseAccess,
        people: QuerySet[Participant] | None = None,
        **kwargs,
    ):
        """`people`: for whom this form answers, within those `access` may answer for."""
        super().__init__(*args, **kwargs)
        self.access = access
        people = answerable_participants(access) if people is None else people
        self.fields["participant"].queryset = people
        if len(people) == 1:
            self.fields["participant"].widget = forms.HiddenInput()
            self.fields["participant"].initial = people[0].pk


@dataclass
class Answer:
    """An answer as the case shows it: its reasons in words, and who gave it on whose behalf."""

    row: HelpSatisfaction
    reasons: list[str] = field(default_factory=list)
    given_by_name: str = ""  # only when given on someone else's behalf

    @property
    def face(self) -> str:
        return FACES.get(self.row.satisfaction, "neutral")

    @property
    def on_behalf(self) -> bool:
        """Given by someone else for this participant (the case manager at the table)."""
        return self.row.given_by_id is not None and self.row.given_by_id != getattr(
            self.row.participant, "user_id", None
        )


def _answers(rows: QuerySet[HelpSatisfaction], case: Case) -> list[Answer]:
    rows = list(
        rows.select_related("participant", "meeting", "given_by").prefetch_related("reasons")
    )
    names = {p.user_id: p.name for p in case.participants.all() if p.user_id}
    labels = dict(SatisfactionReason.choices)
    answers = []
    for row in rows:
        answer = Answer(row, [str(labels.get(r.reason, r.reason)) for r in row.reasons.all()])
        if answer.on_behalf:
            # By the name they have in this case; someone who has left it, by their account.
            answer.given_by_name = names.get(row.given_by_id) or str(row.given_by)
        answers.append(answer)
    return answers


def latest_answers(case: Case) -> list[Answer]:
    """The answer that counts for each participant: their latest, in the order of the people."""
    latest: dict[int, HelpSatisfaction] = {}
    for row in case.help_satisfactions.order_by("participant_id", "-given_at", "-pk"):
        latest.setdefault(row.participant_id, row)
    ids = [row.pk for row in latest.values()]
    answers = _answers(HelpSatisfaction.objects.filter(pk__in=ids), case)
    return sorted(answers, key=lambda answer: answer.row.participant_id)


def answer_history(case: Case) -> list[Answer]:
    """Every answer ever given in the case, newest first."""
    return _answers(case.help_satisfactions.all(), case)


@transaction.atomic
def record_answer(
    *,
    participant: Participant,
    satisfaction: str,
    reasons: list[str],
    remark: str,
    given_by,
    meeting: Model | None = None,
    at_close: bool = False,
) -> HelpSatisfaction:
    """A new answer; answers given once the case is closed count as answers at closing."""
    case = participant.case
    answer = HelpSatisfaction.objects.create(
        case=case,
        participant=participant,
        party=party_of(participant.role),
        satisfaction=satisfaction,
        remark=remark,
        meeting=meeting,
        at_close=at_close or case.closed_at is not None,
        given_by=given_by,
    )
    HelpSatisfactionReason.objects.bulk_create(
        HelpSatisfactionReason(answer=answer, reason=reason) for reason in dict.fromkeys(reasons)
    )
    return answer


@dataclass
class PersonRow:
    """One participant in the panel: their latest answer, and whether this reader may give it."""

    person: Participant
    answer: Answer | None
    may_answer: bool
    is_me: bool
    ask_url: str | None = None


def panel_rows(access: CaseAccess, meeting: Model | None = None) -> list[PersonRow]:
    """Everyone in the case with the answer that counts; for a closed meeting, the answers
    given at that meeting, as it was closed with them."""
    case = access.case
    if meeting is not None and meeting.is_closed:
        latest: dict[int, Answer] = {}
        for answer in _answers(case.help_satisfactions.filter(meeting=meeting), case):
            latest.setdefault(answer.row.participant_id, answer)
        may = set()
    else:
        latest = {answer.row.participant_id: answer for answer in latest_answers(case)}
        may = set(answerable_participants(access).values_list("pk", flat=True))
    me = access.participant.pk if access.participant else None
    return [
        PersonRow(person, latest.get(person.pk), person.pk in may, person.pk == me)
        for person in case.participants.all()
    ]
