from django.db import transaction

from .models import ROLE_DEFAULTS, Case, Participant, Role


@transaction.atomic
def start_case(title: str, user) -> Case:
    """Create a case; whoever starts it manages it (usually the intern begeleider)."""
    case = Case.objects.create(title=title, created_by=user)
    letter, colour = ROLE_DEFAULTS[Role.SCHOOL]
    Participant.objects.create(
        case=case,
        user=user,
        name=user.get_full_name() or user.email,
        role=Role.SCHOOL,
        letter=letter,
        colour=colour,
        is_case_manager=True,
    )
    return case
