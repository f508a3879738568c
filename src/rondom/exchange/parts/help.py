"""Questions for help, and how satisfied each party is with the help (since version 2)."""

from rondom.cases.models import Case
from rondom.help.models import HelpQuestion, HelpSatisfaction, HelpSatisfactionReason

from ..values import UserByEmail, email_of, iso, keep_file_moments, read_date

# What an import copies from the file as it stands.
QUESTION_FIELDS = ("domain", "text", "date_text", "precision", "status", "version")


def export_questions(case: Case, card_ids: set[int]) -> list[dict]:
    """Every question of the case; where it shows on a card left out of this copy, that
    card is not named."""
    questions = case.help_questions.order_by("pk").select_related("created_by")
    return [
        {
            "id": q.pk,
            "child": q.child_id,
            "domain": q.domain,
            "text": q.text,
            "raised_by": q.raised_by_id,
            "date_text": q.date_text,
            "starts_on": iso(q.starts_on),
            "ends_on": iso(q.ends_on),
            "precision": q.precision,
            "date_groups": [g for g in q.date_groups.split(",") if g],
            "status": q.status,
            "card": q.card_id if q.card_id in card_ids else None,
            "version": q.version,
            "created_by": email_of(q.created_by),
            "created_at": iso(q.created_at),
            "updated_at": iso(q.updated_at),
        }
        for q in questions
    ]


def export_satisfactions(case: Case, meeting_ids: set[int]) -> list[dict]:
    """Every answer, oldest first; a meeting left out of this copy is not named."""
    answers = case.help_satisfactions.order_by("given_at", "pk")
    return [
        {
            "participant": a.participant_id,
            "party": a.party,
            "satisfaction": a.satisfaction,
            "reasons": [r.reason for r in a.reasons.all()],
            "remark": a.remark,
            "meeting": a.meeting_id if a.meeting_id in meeting_ids else None,
            "at_close": a.at_close,
            "recorded_by": email_of(a.given_by),
            "given_at": iso(a.given_at),
        }
        for a in answers.select_related("given_by").prefetch_related("reasons")
    ]


def import_questions(
    items: list[dict],
    case: Case,
    ids: dict[str, dict[int, int]],
    user: UserByEmail,
) -> dict[int, int]:
    """The questions as new rows; `ids` maps the file's children, participants and cards to
    the new rows. Returns the new id for each question id in the file."""
    questions = [
        HelpQuestion(
            case=case,
            child_id=ids["children"].get(item["child"]),
            raised_by_id=ids["participants"].get(item["raised_by"]),
            card_id=ids["cards"].get(item["card"]),
            starts_on=read_date(item["starts_on"]),
            ends_on=read_date(item["ends_on"]),
            date_groups=",".join(item["date_groups"]),
            created_by=user(item["created_by"]),
            **{k: item[k] for k in QUESTION_FIELDS},
        )
        for item in items
    ]
    HelpQuestion.objects.bulk_create(questions)
    keep_file_moments(questions, items, ("created_at", "updated_at"))
    return {item["id"]: question.pk for item, question in zip(items, questions, strict=True)}


def import_satisfactions(
    items: list[dict],
    case: Case,
    participant_ids: dict[int, int],
    meeting_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    answers = [
        HelpSatisfaction(
            case=case,
            participant_id=participant_ids[item["participant"]],
            party=item["party"],
            satisfaction=item["satisfaction"],
            remark=item["remark"],
            meeting_id=meeting_ids.get(item["meeting"]),
            at_close=item["at_close"],
            given_by=user(item["recorded_by"]),
        )
        for item in items
    ]
    HelpSatisfaction.objects.bulk_create(answers)
    keep_file_moments(answers, items, ("given_at",))
    HelpSatisfactionReason.objects.bulk_create(
        HelpSatisfactionReason(answer=answer, reason=reason)
        for item, answer in zip(items, answers, strict=True)
        for reason in item["reasons"]
    )
