from django.db import transaction
from django.utils.translation import gettext as _

from .colours import next_colour
from .models import ROLE_LETTERS, Case, Participant, Role


@transaction.atomic
def start_case(title: str, user) -> Case:
    """Create a case; whoever starts it manages it (usually the intern begeleider)."""
    case = Case.objects.create(title=title, created_by=user)
    Participant.objects.create(
        case=case,
        user=user,
        name=user.get_full_name() or user.email,
        role=Role.SCHOOL,
        letter=ROLE_LETTERS[Role.SCHOOL],
        colour=next_colour(case),
        is_case_manager=True,
    )
    return case


def why_not_removable(participant: Participant) -> str | None:
    """Why this person must stay in the case, or None when they may be removed.

    Cards keep their author, agreements their owner. And a card limited to this person would,
    without them, be limited to nobody, which means everyone: kept from the parents no more.
    """
    if participant.cards.exists():
        return _("%(name)s has filled in cards, so this person stays in the case.")
    if participant.restricted_cards.exists():
        return _(
            "Some cards are limited to %(name)s. Change who may see those cards first, so they "
            "do not become visible to everyone."
        )
    if participant.agreements.exists():
        return _("%(name)s has agreements, so this person stays in the case.")
    return None
