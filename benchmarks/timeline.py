"""Server time of the timeline page for a case with 3 children and 500 cards.

Prints median and p95 over repeated requests, the SQL query count, and the ratio to a trivial
Django view measured in the same run. Usage: python benchmarks/timeline.py [--requests N]
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
from rondom.cases.models import Case, PeriodKind, Role  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.timeline.models import Card  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), path("", include("rondom.urls"))]

CARDS = 500


def build_case():
    user, _ = User.objects.get_or_create(email="bench@rondom.test")
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # professionals need one
    # A previous run against the same PostgreSQL database leaves its case behind.
    Case.objects.filter(title="Benchmark", created_by=user).delete()
    b = CaseBuilder("Benchmark", user, "IB")
    children = [
        b.child("Een", date(2011, 2, 3)),
        b.child("Twee", date(2014, 6, 7)),
        b.child("Drie", date(2017, 9, 30)),
    ]
    authors = [b.manager, b.person("Moeder", Role.MOTHER), b.person("Coach", Role.YOUTH_CARE)]
    b.name_with_consent()  # a named case: the access policy checks the consent on every page
    for child in children:
        start = child.date_of_birth.year + 4
        b.period(child, PeriodKind.SCHOOL, "De Vlieger", f"augustus {start}", "", "1 2 3 4 5 6")
    add_cards(b.case, children, authors, CARDS, first_year=2012)
    return user, b.case, children


def timed(client: Client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm caches and template loading
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user, case, children = build_case()
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(client, "/bench/trivial/", args.requests)
        page_samples = []
        for child in children:
            url = reverse("timeline:child", args=[case.pk, child.pk])
            page_samples += timed(client, url, args.requests)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("timeline:child", args=[case.pk, children[0].pk]))
    db = connection.vendor
    print(f"database: {db}; cards in case: {Card.objects.filter(case=case).count()}")
    print(
        f"trivial view   median {statistics.median(baseline):7.2f} ms   p95 {p95(baseline):7.2f} ms"
    )
    print(
        f"timeline page  median {statistics.median(page_samples):7.2f} ms   "
        f"p95 {p95(page_samples):7.2f} ms   ({len(page_samples)} requests over 3 children)"
    )
    print(f"SQL queries per timeline page: {len(queries.captured_queries)}")
    ratio = statistics.median(page_samples) / statistics.median(baseline)
    print(f"ratio timeline/trivial (median): {ratio:.1f}x")
    print(f"target p95 <= 150 ms: {'met' if p95(page_samples) <= 150 else 'NOT met'}")


if __name__ == "__main__":
    main()
