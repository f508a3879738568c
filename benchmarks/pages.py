"""Server time of the pages and API lists that span cases, on a large installation.

For a site admin (who may open every case) and for the busiest case manager of the data,
times *Overzicht*, *Mijn afspraken*, the first page of the case list and `GET /api/v1/cards/`
with 100 cards, in this process with Django's test client. Prints the median and p95, the SQL
query count, and the ratio to a trivial view measured in the same run.

Usage: DATABASE_URL=postgres://rondom@127.0.0.1:54329/rondom_scale \\
           python benchmarks/pages.py [--requests 20]
Build the data first with benchmarks/scale_data.py on the same database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.cases.models import Case, Participant  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), path("", include("rondom.urls"))]
URLS = {
    "Overzicht": "/overview/",
    "Mijn afspraken": "/agreements/",
    "case list, page 1": "/cases/",
    "API: 100 cards": "/api/v1/cards/?limit=100",
}


def site_admin() -> User:
    from allauth.mfa.totp.internal.auth import TOTP

    user, made = User.objects.get_or_create(
        email="bench-admin@rondom.test", defaults={"is_superuser": True, "is_staff": True}
    )
    if made:
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # professionals need one
    return user


def busiest_manager() -> User:
    row = (
        Participant.objects.filter(is_case_manager=True, user__isnull=False)
        .values("user")
        .annotate(cases=Count("case"))
        .order_by("-cases")
        .first()
    )
    return User.objects.get(pk=row["user"])


def timed(client: Client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm caches and template loading
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    print(f"database: {connection.vendor}; cases: {Case.objects.count()}")
    with override_settings(ROOT_URLCONF=__name__):
        for who, user in (("site admin", site_admin()), ("case manager", busiest_manager())):
            client = Client()
            client.force_login(user)
            managed = Participant.objects.filter(user=user, is_case_manager=True).count()
            baseline = statistics.median(timed(client, "/bench/trivial/", args.requests))
            print(f"\n{who} ({user.email}, manages {managed} cases); trivial view "
                  f"{baseline:.1f} ms")  # fmt: skip
            for name, url in URLS.items():
                samples = timed(client, url, args.requests)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                median, count = statistics.median(samples), len(queries.captured_queries)
                print(f"  {name:18} median {median:7.1f} ms  p95 {p95(samples):7.1f} ms  "
                      f"{count:3} queries  {median / baseline:5.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
