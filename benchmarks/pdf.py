"""Time to render the praatplaat PDF of a 500-card timeline and of the demo case.

Prints median and slowest over repeated renders, the number of pages, and the ratio to a
one-page PDF with a single paragraph rendered in the same run. Target: <= 3 s for 500 cards.
The 500-card sheet is drawn in parts by RONDOM_PDF_WORKERS helper processes (default 2); it is
also timed in one process, for comparison.
Usage: python benchmarks/pdf.py [--repeat N]
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
os.environ.setdefault("RONDOM_DATA_DIR", tempfile.mkdtemp(prefix="rondom-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402
from cards import add_cards  # noqa: E402  (benchmarks/cards.py)
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402
from weasyprint import HTML  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.cases.models import Case, PeriodKind, Role  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.documents.timeline_sheets import praatplaat_pdf  # noqa: E402
from rondom.timeline.models import Card  # noqa: E402

CARDS = 500


def build_case():
    user, _ = User.objects.get_or_create(email="bench-pdf@rondom.test")
    Case.objects.filter(title="PDF benchmark", created_by=user).delete()
    b = CaseBuilder("PDF benchmark", user, "IB")
    child = b.child("Noor", date(2013, 4, 9))
    authors = [b.manager, b.person("Moeder", Role.MOTHER), b.person("Coach", Role.YOUTH_CARE)]
    b.period(child, PeriodKind.SCHOOL, "De Vlieger", "augustus 2017", "", "1 2 3 4 5 6 7 8")
    add_cards(b.case, [child], authors, CARDS, first_year=2013)
    return b.case, child


def timed(render, repeat: int) -> tuple[list[float], bytes]:
    pdf = render()  # warm fonts, templates and stylesheets
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = render()
        samples.append(time.perf_counter() - started)
    return samples, pdf


def report(name: str, samples: list[float], pdf: bytes) -> None:
    pages = len(pypdfium2.PdfDocument(pdf))
    print(
        f"{name:<28} median {statistics.median(samples):6.2f} s   "
        f"slowest {max(samples):6.2f} s   {pages} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    translation.activate("nl")
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    case, child = build_case()
    demo = Case.objects.get(title="Familie El Amrani")
    demo_child = demo.children.first()

    baseline, baseline_pdf = timed(lambda: HTML(string="<p>Rondom</p>").write_pdf(), args.repeat)
    big, big_pdf = timed(lambda: praatplaat_pdf(case, child), args.repeat)
    with override_settings(PDF_WORKERS=0):
        alone, alone_pdf = timed(lambda: praatplaat_pdf(case, child), min(args.repeat, 3))
    small, small_pdf = timed(lambda: praatplaat_pdf(demo, demo_child), args.repeat)
    print(f"cards on the 500-card praatplaat: {Card.objects.filter(case=case).count()}")
    report("one-paragraph PDF (baseline)", baseline, baseline_pdf)
    report("praatplaat, 500 cards", big, big_pdf)
    report("  the same in one process", alone, alone_pdf)
    report("praatplaat, demo case", small, small_pdf)
    ratio = statistics.median(big) / statistics.median(baseline)
    print(f"ratio 500-card praatplaat/baseline (median): {ratio:.0f}x")
    verdict = "met" if statistics.median(big) <= 3 else "NOT met"
    print(f"target <= 3 s for 500 cards (median): {verdict}")


if __name__ == "__main__":
    main()
