"""Raw answers last `SCAN_ANSWER_DAYS` days after a round closes; the sums stay.

For each round past that term, its sums per statement and sector and its respondents per
sector are stored in `StatementResult` and `SectorResult`, and then its responses and answers
(remarks included) are deleted, all in one transaction, so a round never ends up with
neither. The results page reads the stored sums from then on and shows the same figures.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from .models import Answer, Response, Round, SectorResult, StatementResult
from .sums import stored_rows


def rounds_due(today: date):
    last_day = today - timedelta(days=int(settings.SCAN_ANSWER_DAYS))
    return Round.objects.filter(closes_on__lt=last_day, answers_deleted_at__isnull=True)


def keep_sums_and_delete_answers(round_id: int) -> bool:
    """Store one round's sums and delete its answers; False when another run did it first."""
    with transaction.atomic():
        found = Round.objects.select_for_update().filter(
            pk=round_id, answers_deleted_at__isnull=True
        )
        round = found.first()
        if round is None:
            return False
        statements, sectors = stored_rows(round)
        StatementResult.objects.filter(round=round).delete()
        SectorResult.objects.filter(round=round).delete()
        StatementResult.objects.bulk_create(statements)
        SectorResult.objects.bulk_create(sectors)
        Answer.objects.filter(response__round=round).delete()
        Response.objects.filter(round=round).delete()
        round.answers_deleted_at = timezone.now()
        round.save(update_fields=["answers_deleted_at"])
    return True


def purge_answers(today: date) -> str:
    """The daily purge's part: returns its line for the command's output."""
    due = list(rounds_due(today).values_list("pk", flat=True))
    done = sum(keep_sums_and_delete_answers(pk) for pk in due)
    return ngettext(
        "Erased the answers of %(count)s scan round; the results stay.",
        "Erased the answers of %(count)s scan rounds; the results stay.",
        done,
    ) % {"count": done}
