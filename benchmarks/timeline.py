"""Server time of the timeline page of one child with 500 cards.

Prints median and p95 over repeated requests, the cost per card (the 500-card page minus the
same page without cards, divided by 500), the SQL query count, and the ratio to a trivial
Django view. The three are requested in turn within each round, so that load from elsewhere
on the machine falls on all of them alike.
Usage: python benchmarks/timeline.py [--requests N]
Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
WORKDIR = tempfile.mkdtemp(prefix="rondom-bench-")
os.environ.setdefault("RONDOM_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from cards import add_cards  # noqa: E402  (benchmarks/cards.py)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.career.models import PeriodKind  # noqa: E402
from rondom.cases.models import Case, Role  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.timeline.models import Card  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), path("", include("rondom.urls"))]

CARDS = 500
TARGET_P95_MS = 60


def build_case(user, title: str, cards: int) -> str:
    """A named case with one child, a school career and `cards` cards; its timeline's URL."""
    # A previous run against the same PostgreSQL database leaves its case behind.
    Case.objects.filter(title=title, created_by=user).delete()
    b = CaseBuilder(title, user, "IB")
    child = b.child("Een", date(2011, 2, 3))
    authors = [b.manager, b.person("Moeder", Role.MOTHER), b.person("Coach", Role.YOUTH_CARE)]
    b.name_with_consent()  # a named case: the access policy checks the consent on every page
    b.period(child, PeriodKind.SCHOOL, "De Vlieger", "augustus 2015", "", "1 2 3 4 5 6")
    add_cards(b.case, [child], authors, cards, first_year=2012)
    return reverse("timeline:child", args=[b.case.pk, child.pk])


def timed_rounds(client: Client, urls: list[str], rounds: int) -> list[list[float]]:
    """Milliseconds per request for each URL, requested in turn, `rounds` times."""
    for url in urls:
        client.get(url)  # warm caches and template loading
    samples: list[list[float]] = [[] for _ in urls]
    for _ in range(rounds):
        for index, url in enumerate(urls):
            started = time.perf_counter()
            response = client.get(url)
            samples[index].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def line(name: str, samples: list[float]) -> str:
    return f"{name:<22} median {statistics.median(samples):7.2f} ms   p95 {p95(samples):7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(email="bench@rondom.test")
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # professionals need one
    full_url = build_case(user, "Benchmark", CARDS)
    empty_url = build_case(user, "Benchmark without cards", 0)
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF=__name__):
        baseline, empty, full = timed_rounds(
            client, ["/bench/trivial/", empty_url, full_url], args.requests
        )
        with CaptureQueriesContext(connection) as full_queries:
            client.get(full_url)
        with CaptureQueriesContext(connection) as empty_queries:
            client.get(empty_url)
    cards = Card.objects.filter(case__title="Benchmark", case__created_by=user).count()
    print(f"database: {connection.vendor}; cards on the child's timeline: {cards}")
    print(line("trivial view", baseline))
    print(line("timeline, no cards", empty))
    print(line(f"timeline, {CARDS} cards", full) + f"   ({len(full)} requests)")
    per_card = (statistics.median(full) - statistics.median(empty)) / CARDS
    print(f"cost per card (median, {CARDS} cards minus none): {per_card * 1000:.0f} µs")
    print(
        f"SQL queries per timeline page: {len(full_queries.captured_queries)} "
        f"({len(empty_queries.captured_queries)} without cards)"
    )
    ratio = statistics.median(full) / statistics.median(baseline)
    print(f"ratio timeline/trivial (median): {ratio:.1f}x")
    verdict = "met" if p95(full) <= TARGET_P95_MS else "NOT met"
    print(f"target p95 <= {TARGET_P95_MS} ms for {CARDS} cards: {verdict}")


if __name__ == "__main__":
    main()
