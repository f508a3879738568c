"""An index for the figures: a case's help cards per domain.

The report asks, for every child and every question, whether a case has help in a domain.
Without this index each question reads all of a case's cards (about 40); with it, only its
help cards in that domain. It lives here, with the figures that need it, and covers only
what the figures count as help, so it stays small.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX insight_help_card_domain ON timeline_card (case_id, domain, child_id) "
    "WHERE kind = 'help' AND deleted_at IS NULL AND NOT is_draft"
)
DROP = "DROP INDEX insight_help_card_domain"


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_card_question_alter_card_domain")]

    operations = [migrations.RunSQL(CREATE, DROP)]
