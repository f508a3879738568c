from datetime import UTC, date, datetime

import pytest

from rondom.accounts.models import Organisation
from rondom.cases.models import Case, Child, FiguresConsent, Participant
from rondom.help.models import (
    HelpQuestion,
    HelpSatisfaction,
    Party,
    QuestionStatus,
    Satisfaction,
    SatisfactionReason,
)
from rondom.meetings.closing import close_meeting
from rondom.meetings.models import Factor, KeyMoment, Step
from rondom.timeline.card_changes import apply_date, save_card_changes
from rondom.timeline.card_fields import snapshot
from rondom.timeline.kinds import CardKind, Domain
from rondom.timeline.models import Card, CardHiding, CardLink


def dated_question(case: Case, child: Child | None, when: str, **fields) -> HelpQuestion:
    """A question dated the way a card is dated when someone types `when`."""
    placed = Card(case=case, child=child, date_text=when)
    apply_date(placed, case, child)
    return HelpQuestion.objects.create(
        case=case,
        child=child,
        date_text=placed.date_text,
        starts_on=placed.starts_on,
        ends_on=placed.ends_on,
        precision=placed.precision,
        date_groups=placed.date_groups,
        **fields,
    )


def answer(case: Case, who: Participant, satisfaction: str, reasons=(), **fields):
    given = HelpSatisfaction.objects.create(
        case=case, participant=who, satisfaction=satisfaction, **fields
    )
    for reason in reasons:
        given.reasons.create(reason=reason)
    return given


@pytest.fixture
def full_story(story, manager):
    """The story with every part a case file must carry."""
    b, case, child = story["builder"], story["case"], story["child"]
    help_card = story["help_card"]
    before = snapshot(help_card)
    help_card.text = "Speltherapie bij De Boom"
    save_card_changes(help_card, before, help_card.version, manager)  # a revision
    school_view = b.card(CardKind.HELP, b.manager, "2021", "Speltherapie, volgens school", child)
    CardLink.objects.create(case=case, first=help_card, second=school_view, linked_by=manager)
    CardHiding.objects.create(card=school_view, hidden_by=manager)
    draft = b.card(CardKind.WELLBEING, b.manager, "2023", "Nog niet gedeeld", child)
    draft.is_draft = True
    draft.save()
    kept = b.card(CardKind.HELP, b.manager, "2022", "Alleen voor de school", child)
    kept.restricted_to.add(b.manager)
    kept.restriction_reason = "safe_place"
    kept.save()
    meeting = story["meeting"]
    meeting.notes.filter(step=Step.CHECK).update(text="Alles klopt.")
    Factor.objects.create(meeting=meeting, kind=Factor.Kind.HELPING, text="Vaste juf")
    KeyMoment.objects.create(meeting=meeting, card=help_card, note="keerpunt")
    close_meeting(meeting)
    school = Organisation.objects.create(name="Jeugdteam Oost", kind="youth_care")
    case.consents.create(
        given_by=story["parent"],
        organisation=school,
        purpose="hulp afstemmen",
        valid_from=date(2024, 1, 1),
        valid_until=date(2025, 1, 1),
    )
    _questions_and_satisfaction(story, manager)
    return story


def _questions_and_satisfaction(story, manager) -> None:
    """Version 2: a child's question the help card answers, a family question without help,
    satisfaction at the meeting and at closing, and consent for figures, withdrawn once."""
    case, child, parent, school = story["case"], story["child"], story["parent"], story["school"]
    help_card = story["help_card"]
    withdrawn = story["builder"].card(CardKind.WELLBEING, school, "2022", "Teruggetrokken", child)
    asked = dated_question(
        case, child, "groep 3", domain=Domain.SOCIAL_EMOTIONAL, text="Sam trekt zich terug",
        raised_by=parent, status=QuestionStatus.HELPED, card=withdrawn, created_by=manager,
    )  # fmt: skip
    dated_question(
        case, None, "sinds 2020", domain=Domain.PARENTING, text="Hulp bij opvoeden",
        raised_by=school, created_by=manager,
    )  # fmt: skip
    help_card.domain, help_card.question = Domain.SOCIAL_EMOTIONAL, asked
    help_card.save()
    answer(case, parent, Satisfaction.SATISFIED, meeting=story["meeting"], party=Party.PARENTS,
           reasons=[SatisfactionReason.HELP_FITS, SatisfactionReason.GOOD_TEAMWORK],
           remark="Fijn dat school meedenkt", given_by=parent.user)  # fmt: skip
    answer(case, school, Satisfaction.NOT_SATISFIED, party=Party.SCHOOL, at_close=True,
           reasons=[SatisfactionReason.WAITING], given_by=manager)  # fmt: skip
    FiguresConsent.objects.create(
        case=case, given_by=parent, recorded_by=manager,
        withdrawn_at=datetime(2024, 6, 1, 9, 30, tzinfo=UTC), withdrawn_by=parent.user,
    )  # fmt: skip
    FiguresConsent.objects.create(case=case, given_by=parent, recorded_by=parent.user)
