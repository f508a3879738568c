"""The results of one samenwerkingsscan round: 2,000 respondents × 30 statements.

Builds, with bulk inserts, a closed round of a network in which 2,000 people (--respondents)
in five sectors submitted their answers to the 28 statements for professionals and 2 of the
network's own (60,000 answers, some "don't know", a few with a remark). Then times, in turn
and over several runs (--repeat), the results page as its coordinator sees it (through the
test client, so with the whole request), the PDF report, and as the baseline one raw SQL
GROUP BY over the same answers. Prints the median and slowest of each, the ratios to the
baseline and the page's query count, and whether the page stayed under 500 ms.

Usage: python benchmarks/scan.py [--respondents 2000] [--repeat 7] [--pdf-repeat 3]
Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set; it migrates the
database first, and refuses one that already holds its network.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
WORKDIR = tempfile.mkdtemp(prefix="rondom-bench-")
os.environ.setdefault("RONDOM_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.networks.models import Network, NetworkRole  # noqa: E402
from rondom.scan.models import (  # noqa: E402
    Answer,
    Audience,
    Instrument,
    Response,
    Round,
    Sector,
    Statement,
)

NETWORK = "Benchmark samenwerkingsscan"
TARGET_MS = 500
# How the respondents spread over the sectors: every sector is large enough to show apart.
SECTORS = [
    (Sector.SCHOOL, 0.40),
    (Sector.YOUTH_CARE, 0.30),
    (Sector.CHILDCARE, 0.18),
    (Sector.MUNICIPALITY, 0.07),
    (Sector.OTHER, 0.05),
]
CHUNK = 500  # respondents per transaction
RAW_SUMS = """
    SELECT a.statement_id, r.sector, COUNT(a.now), SUM(a.now), SUM(a.now * a.now),
           SUM(CASE WHEN a.dont_know THEN 1 ELSE 0 END), COUNT(a.importance),
           SUM(a.importance), COUNT(a.act), SUM(CASE WHEN a.act THEN 1 ELSE 0 END)
    FROM scan_answer a JOIN scan_response r ON r.id = a.response_id
    WHERE r.round_id = %s AND r.submitted
    GROUP BY a.statement_id, r.sector
"""


def build_round(respondents: int) -> tuple[Round, User]:
    network = Network.objects.create(name=NETWORK)
    coordinator = User.objects.create_user(email="coordinator@scan-bench.test", password=None)
    TOTP.activate(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # professionals need one
    NetworkRole.objects.create(network=network, user=coordinator)
    own = [
        Statement.objects.create(network=network, audience=Audience.PROFESSIONAL,
                                 level=level, code=f"own-bench-{n}", position=100 + n,
                                 text=f"Een eigen stelling van het netwerk, nummer {n}.")
        for n, level in enumerate(["relations", "process"], start=1)
    ]  # fmt: skip
    today = timezone.localdate()
    made = Round.objects.create(
        network=network,
        instrument=Instrument.current(),
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=5),
        created_by=coordinator,
    )
    made.own_statements.add(*own)
    statements = list(made.instrument.statements.filter(audience=Audience.PROFESSIONAL)) + own
    rng = random.Random(14)
    sectors = [sector for sector, share in SECTORS for _ in range(round(share * 1000))]
    for first in range(0, respondents, CHUNK):
        with transaction.atomic():
            answer(made, statements, range(first, min(first + CHUNK, respondents)), sectors, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE scan_response")
            cursor.execute("ANALYZE scan_answer")
    return made, coordinator


def answer(made: Round, statements, numbers: range, sectors: list[str], rng) -> None:
    responses = Response.objects.bulk_create(
        Response(round=made, key=uuid.uuid4().hex, sector=sectors[n * 7919 % len(sectors)],
                 audience=Audience.PROFESSIONAL, submitted=True)
        for n in numbers
    )  # fmt: skip
    rows = []
    for response in responses:
        for index, statement in enumerate(statements):
            dont_know = rng.random() < 0.05
            typical = 2 + index % 4
            rows.append(Answer(
                response=response, statement=statement, dont_know=dont_know,
                now=None if dont_know else min(5, max(1, typical + rng.randint(-1, 1))),
                importance=rng.randint(2, 5), act=rng.random() < 0.4,
                remark="Een opmerking bij deze stelling." if rng.random() < 0.02 else "",
            ))  # fmt: skip
    Answer.objects.bulk_create(rows, batch_size=2000)


def raw_sums(round_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(RAW_SUMS, [round_id])
        return len(cursor.fetchall())


def timed(function, repeat: int) -> list[float]:
    function()  # warm caches, templates and fonts
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def show(name: str, samples: list[float], baseline: float | None = None) -> str:
    median = statistics.median(samples)
    ratio = f"   {median / baseline:6.1f}x the raw GROUP BY" if baseline else ""
    return (f"{name:<26} median {median * 1000:8.1f} ms   slowest {max(samples) * 1000:8.1f} ms"
            f"{ratio}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if Network.objects.filter(name=NETWORK).exists():
        sys.exit("This database already holds the benchmark's network; use an empty one.")
    started = time.perf_counter()
    made, coordinator = build_round(args.respondents)
    answers = Answer.objects.filter(response__round=made).count()
    print(f"built {args.respondents:,} respondents with {answers:,} answers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    client = Client()
    client.force_login(coordinator)
    page_url = reverse("scan:results", args=[made.network_id, made.pk])
    pdf_url = reverse("scan:results_pdf", args=[made.network_id, made.pk])

    def page() -> None:
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code

    def pdf() -> None:
        response = client.get(pdf_url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    baseline = timed(lambda: raw_sums(made.pk), args.repeat)
    pages = timed(page, args.repeat)
    pdfs = timed(pdf, args.pdf_repeat)
    with CaptureQueriesContext(connection) as queries:
        page()
    base = statistics.median(baseline)
    print(show("raw SQL GROUP BY", baseline) + f"   ({raw_sums(made.pk)} groups)")
    print(show("results page", pages, base) + f"   ({len(queries.captured_queries)} queries)")
    print(show("results PDF", pdfs, base))
    verdict = "met" if statistics.median(pages) * 1000 <= TARGET_MS else "MISSED"
    print(f"target: the results page under {TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
