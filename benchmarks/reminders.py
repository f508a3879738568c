"""How long `send_reminders` takes for many agreements due, and a second run the same day.

Builds one case with N agreements due today (default 50,000) spread over 40 owners, sends the
reminders with the in-memory mail backend, then runs again. Prints both times, the number of
emails, and the ratio to a baseline measured in the same run: reading the same agreements
once. Usage: python benchmarks/reminders.py [--agreements N]
Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("RONDOM_DATA_DIR", tempfile.mkdtemp(prefix="rondom-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.cases.models import Case, Role  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.meetings.models import Agreement, Meeting, ReminderSent  # noqa: E402
from rondom.meetings.reminders import send_reminders  # noqa: E402

OWNERS = 40


def build(count: int) -> None:
    manager, _ = User.objects.get_or_create(email="bench-reminders@rondom.test")
    # A previous run against the same PostgreSQL database leaves its case behind.
    Case.objects.filter(title="Herinneringen", created_by=manager).delete()
    b = CaseBuilder("Herinneringen", manager, "IB")
    owners = [b.manager]
    for n in range(OWNERS - 1):
        user, _ = User.objects.get_or_create(email=f"bench-owner-{n}@rondom.test")
        owners.append(b.person(f"Eigenaar {n}", Role.OTHER, user))
    meeting = Meeting.objects.create(case=b.case, held_on=date(2026, 1, 5), goal="inform")
    today = timezone.localdate()
    Agreement.objects.bulk_create(
        (
            Agreement(case=b.case, meeting=meeting, what=f"Afspraak {n}",
                      owner=owners[n % OWNERS], due_on=today)
            for n in range(count)
        ),
        batch_size=2000,
    )  # fmt: skip


def seconds(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agreements", type=int, default=50_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    build(args.agreements)
    ReminderSent.objects.all().delete()
    mailers = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=mailers):
        mail.outbox = []
        baseline, rows = seconds(lambda: len(list(Agreement.objects.values_list("pk", "what"))))
        first, sent = seconds(lambda: send_reminders(days=3))
        emails = len(mail.outbox)
        again, resent = seconds(lambda: send_reminders(days=3))
    print(f"agreements due: {args.agreements}; owners: {OWNERS}")
    print(f"baseline: reading {rows} agreements once  {baseline:6.2f} s")
    print(f"send_reminders: {sent} reminded in {emails} emails  {first:6.2f} s "
          f"({first / baseline:.0f}x baseline)  target <= 10 s")  # fmt: skip
    print(f"same-day re-run: {resent} reminded  {again:6.2f} s "
          f"({again / baseline:.1f}x baseline)  target <= 2 s")  # fmt: skip


if __name__ == "__main__":
    main()
