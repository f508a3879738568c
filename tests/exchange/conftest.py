from datetime import date

import pytest

from rondom.accounts.models import Organisation
from rondom.meetings.closing import close_meeting
from rondom.meetings.models import Factor, KeyMoment, Step
from rondom.timeline.card_changes import save_card_changes
from rondom.timeline.card_fields import snapshot
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import CardHiding, CardLink


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
    return story
