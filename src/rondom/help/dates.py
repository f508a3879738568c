"""A question dated by group moves along when the school career changes, as a card does."""

from django.db.models import Q

from rondom.cases.models import Child
from rondom.core.fuzzy_dates import resolve_groups
from rondom.timeline.card_changes import group_years_of

from .models import HelpQuestion


def place_questions_again(child: Child) -> int:
    """After `child`'s school career changed: the questions about the child dated by group,
    and the whole family's when the child is the case's only one (see `apply_date`)."""
    about = Q(child=child)
    if not Child.objects.filter(case_id=child.case_id).exclude(pk=child.pk).exists():
        about |= Q(child__isnull=True, case_id=child.case_id)
    spans = group_years_of(child)
    changed = []
    for question in HelpQuestion.objects.filter(about).exclude(date_groups=""):
        value = resolve_groups(question.fuzzy_date, spans)
        if (value.start, value.end) != (question.starts_on, question.ends_on):
            question.set_date(value)
            changed.append(question)
    HelpQuestion.objects.bulk_update(changed, ["starts_on", "ends_on"])
    return len(changed)
