"""Sealing and verifying a long access log on PostgreSQL.

Builds N sealed lines (default 1,000,000) and some lines not sealed yet, in a database of its
own next to the one in DATABASE_URL (`<name>_auditbench`, dropped afterwards unless --keep).
Times `seal_audit` on the unsealed lines, then `verify_audit` over the whole log, also with
one process, and as the baseline: reading the same rows the same way without checking them.
Prints the best and the median of --repeat runs, the CPU time they took, and the load of
the machine, because other work on it slows every figure alike. Usage:
DATABASE_URL=postgres://… python benchmarks/audit.py [--lines N] [--pending P] [--repeat R]
"""

import argparse
import contextlib
import io
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from rondom.audit.chain import CONTENT, GENESIS, Seal, audit_key, canonical_values, hasher  # noqa: E402
from rondom.audit.models import AuditEvent  # noqa: E402
from rondom.audit.verify import check_log, sealed_rows, stream  # noqa: E402

ACTIONS = ["view timeline:child", "view cases:detail", "change timeline:card_edit", "view api:x"]
REASONS = ["consent 12", "parent", "case manager without consent", "anonymous case"]
STARTED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def content(n: int) -> tuple:
    """A plausible line, as `CONTENT`: every third without an actor, some about a card."""
    actor = None if n % 3 == 0 else n % 500
    return (
        ACTIONS[n % 4], actor, f"user{actor}@school.test" if actor else "",
        STARTED + timedelta(microseconds=n * 137_003), n % 7 or None, 1 + n % 2000, "page",
        n % 5 or None, REASONS[n % 4],
    )  # fmt: skip


def copy_lines(first: int, count: int, sealed: bool) -> None:
    """Write lines with COPY; sealed ones get the chain the sealer would give them."""
    keyed = hasher(Seal.HMAC_SHA256, audit_key())
    columns = ", ".join((*CONTENT, "seq", "prev_hash", "hash", "seal"))
    seq, previous = 0, GENESIS
    sql = f"COPY audit_auditevent ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for n in range(first, first + count):
            fields = content(n)
            if not sealed:
                copy.write_row((*fields, None, "", "", Seal.HMAC_SHA256))
                continue
            action, actor_id, label, at, card, case, channel, child, reason = fields
            seq += 1
            digest = keyed(canonical_values(
                action, actor_id, label, at, card, case, channel, child, previous, reason, seq
            ))  # fmt: skip
            copy.write_row((*fields, seq, previous, digest, Seal.HMAC_SHA256))
            previous = digest


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the verifying processes)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run, cpu: list[float] | None = None) -> float:
    started, used = time.perf_counter(), cpu_seconds()
    run()
    if cpu is not None:
        cpu.append(cpu_seconds() - used)
    return time.perf_counter() - started


def read_rows() -> None:
    """The baseline: the rows verify_audit reads, read the same way, in one process."""
    count = sum(1 for _ in stream(sealed_rows(AuditEvent)))
    assert count == AuditEvent.objects.count(), count


def verify_command() -> None:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "head: " in out.getvalue()


def verify_in_one_process() -> None:
    assert check_log(workers=1).broken == 0


def report(label: str, samples: list[float], lines: int) -> None:
    best, median = min(samples), statistics.median(samples)
    print(
        f"{label:28s} best {best:6.2f} s   median {median:6.2f} s   "
        f"({lines / best:,.0f} lines/s at best)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000, help="sealed lines to build")
    parser.add_argument("--pending", type=int, default=20_000, help="lines for seal_audit")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database; this measures PostgreSQL.")
    database = settings.DATABASES["default"]
    database["TEST"]["NAME"] = f"{database['NAME']}_auditbench"
    with contextlib.redirect_stderr(io.StringIO()):  # "already exists" from a kept database
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        built = timed(lambda: copy_lines(0, args.lines, sealed=True))
        copy_lines(args.lines, args.pending, sealed=False)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE audit_auditevent")
        total = args.lines + args.pending
        print(f"PostgreSQL {connection.pg_version // 10000}, database {name}")
        print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}")
        print(f"built {args.lines:,} sealed and {args.pending:,} unsealed lines in {built:.0f} s")
        sealing = timed(lambda: call_command("seal_audit", verbosity=0))
        print(f"seal_audit, {args.pending:,} lines:  {sealing:6.2f} s   "
              f"({args.pending / sealing:,.0f} lines/s)")  # fmt: skip
        runs = {"baseline": [], "verify": [], "one": []}
        cpu = {name: [] for name in runs}
        for _ in range(args.repeat):
            runs["baseline"].append(timed(read_rows, cpu["baseline"]))
            runs["verify"].append(timed(verify_command, cpu["verify"]))
            runs["one"].append(timed(verify_in_one_process, cpu["one"]))
        report("baseline (read, no checks)", runs["baseline"], total)
        report("verify_audit", runs["verify"], total)
        report("verify_audit, one process", runs["one"], total)
        print(
            "CPU of the Python processes (best): "
            + ", ".join(f"{name} {min(cpu[name]):.2f} s" for name in runs)
            + "; PostgreSQL's own work comes on top"
        )
        ratio = min(runs["verify"]) / min(runs["baseline"])
        print(f"ratio verify_audit/baseline (best): {ratio:.1f}x")
        per_million = min(runs["verify"]) / total * 1_000_000
        print(f"verify_audit per 1,000,000 lines: {per_million:.2f} s (target 5 s: "
              f"{'met' if per_million <= 5 else 'NOT met'})")  # fmt: skip
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
