"""Time to render the praatplaat PDF of a 500-card timeline and of the demo case.

Prints median and slowest over repeated renders, the number of pages, and the ratio to a
one-page PDF with a single paragraph rendered in the same run. Target: <= 3 s for 500 cards.
The 500-card sheet is drawn both ways, in turn within each round: in parts by
RONDOM_PDF_WORKERS helper processes (default 2), and in one process. The app chooses between
them by the cores and the load (documents/pdf.py): the load at the start is printed with the
way the app would choose, and the load during each way, which includes this script's own.
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
from django.utils import translation  # noqa: E402
from weasyprint import HTML  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.career.models import PeriodKind  # noqa: E402
from rondom.cases.models import Case, Role  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.documents.pdf import draw_in_parts, load_average, usable_cores  # noqa: E402
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


def both_ways(case, child, repeat: int) -> dict:
    """The 500-card sheet in parts and in one process, in turn, with the load before each."""
    ways = {"in parts": True, "one process": False}
    results = {way: {"samples": [], "loads": []} for way in ways}
    for way, in_parts in ways.items():  # the first draw in parts also starts the helpers
        results[way]["pdf"] = praatplaat_pdf(case, child, in_parts=in_parts)
    for _ in range(repeat):
        for way, in_parts in ways.items():
            results[way]["loads"].append(load_average())
            started = time.perf_counter()
            results[way]["pdf"] = praatplaat_pdf(case, child, in_parts=in_parts)
            results[way]["samples"].append(time.perf_counter() - started)
    return results


def report(name: str, samples: list[float], pdf: bytes, note: str = "") -> None:
    pages = len(pypdfium2.PdfDocument(pdf))
    print(
        f"{name:<36} median {statistics.median(samples):6.2f} s   "
        f"slowest {max(samples):6.2f} s   {pages} pages{note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cores, load = usable_cores(), load_average()  # before this script's own setup adds to it
    translation.activate("nl")
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    case, child = build_case()
    demo = Case.objects.get(title="Familie El Amrani")
    demo_child = demo.children.first()

    decision = "in parts" if draw_in_parts(cores, load) else "in one process"
    print(f"usable cores: {cores}; 1-minute load at the start: {load:.2f}")
    print(f"at that load the app draws a long praatplaat {decision}")
    baseline, baseline_pdf = timed(lambda: HTML(string="<p>Rondom</p>").write_pdf(), args.repeat)
    big = both_ways(case, child, args.repeat)
    small, small_pdf = timed(lambda: praatplaat_pdf(demo, demo_child), args.repeat)
    print(f"cards on the 500-card praatplaat: {Card.objects.filter(case=case).count()}")
    report("one-paragraph PDF (baseline)", baseline, baseline_pdf)
    for way, result in big.items():
        loads = result["loads"]
        note = f"   (load {min(loads):.2f}-{max(loads):.2f})"
        report(f"praatplaat, 500 cards, {way}", result["samples"], result["pdf"], note)
    report("praatplaat, demo case", small, small_pdf)
    medians = {way: statistics.median(result["samples"]) for way, result in big.items()}
    print(
        f"ratio in parts/one process (median): {medians['in parts'] / medians['one process']:.2f}"
    )
    base = statistics.median(baseline)
    print(
        "ratio 500-card praatplaat/baseline (median): "
        + ", ".join(f"{way} {median / base:.0f}x" for way, median in medians.items())
    )
    print(
        "target <= 3 s for 500 cards (median): "
        + ", ".join(f"{way} {'met' if m <= 3 else 'NOT met'}" for way, m in medians.items())
    )


if __name__ == "__main__":
    main()
