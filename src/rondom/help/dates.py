"""A question dated by group moves along when the school career changes, as a card does."""

from rondom.cases.models import Child
from rondom.timeline.card_changes import dated_by_group_about, place_by_groups_again

from .models import HelpQuestion


def place_questions_again(child: Child) -> int:
    """After `child`'s school career changed: the questions about the child dated by group,
    and the whole family's when the child is the case's only one."""
    return place_by_groups_again(dated_by_group_about(HelpQuestion.objects.all(), child), child)
