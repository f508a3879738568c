"""Draw the README's pictures afresh: docs/timeline.png, docs/praatplaat.png, docs/board.png
(the meeting on a classroom board), docs/phone.png (the meeting page on a phone) and
docs/insight.png (the demo network's figures, as its coordinator sees them), docs/scan.png
(the results of the network's latest closed round of the samenwerkingsscan) and
docs/monitor.png (an indicator of the network's joint agreement, with the story behind it).

The demo goes into a SQLite database in a temporary folder, uvicorn serves it on a free port
of 127.0.0.1, and Debian's chromium, driven by Playwright, logs in as the demo's intern
begeleider and takes the pictures. Run it through scripts/screenshots.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
VIEWPORT = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
# Page 1 of the A3 praatplaat at this scale is about as wide as the timeline picture is high.
PRAATPLAAT_SCALE = 1.2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"uvicorn stopped with exit code {server.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    sys.exit(f"uvicorn did not answer on {url} within {seconds:.0f} seconds")


def load_demo(env: dict[str, str]) -> None:
    for command in (["migrate", "-v", "0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "rondom.manage", *command], env=env, check=True)


def take_pictures(base_url: str) -> None:
    import django

    django.setup()
    import pypdfium2
    from playwright.sync_api import sync_playwright

    from rondom.cases.models import Case
    from rondom.demo.accounts import DEMO_NETWORK
    from rondom.demo.cases import PAPER_CASE
    from rondom.monitor.models import Indicator
    from rondom.networks.models import Network
    from tests.e2e.conftest import CHROMIUM, log_in

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        page = browser.new_context(viewport=VIEWPORT, locale="nl-NL").new_page()
        page.set_default_timeout(20_000)
        log_in(page, base_url, "ib@rondom.test")
        page.get_by_role("link", name=PAPER_CASE).click()
        page.get_by_role("link", name="Tijdlijn openen").click()
        page.wait_for_selector(".tl-row--help")
        page.screenshot(path=str(DOCS / "timeline.png"), full_page=True)
        print(f"wrote {DOCS / 'timeline.png'}")

        with page.expect_download() as waiting:
            page.get_by_role("link", name="Praatplaat (A3-pdf)").click()
        document = pypdfium2.PdfDocument(Path(waiting.value.path()).read_bytes())
        picture = document[0].render(scale=PRAATPLAAT_SCALE).to_pil()
        picture.save(DOCS / "praatplaat.png", optimize=True)
        print(f"wrote {DOCS / 'praatplaat.png'}")

        case = Case.objects.get(title=PAPER_CASE)
        meeting = f"{base_url}/cases/{case.pk}/meetings/{case.meetings.get().pk}/"
        page.goto(f"{meeting}present/?step=2")
        page.wait_for_selector("#board-step")
        page.screenshot(path=str(DOCS / "board.png"))
        print(f"wrote {DOCS / 'board.png'}")

        # The same session: a second login within 30 seconds would reuse a spent code.
        phone = browser.new_context(
            viewport=PHONE,
            locale="nl-NL",
            device_scale_factor=2,
            storage_state=page.context.storage_state(),
        ).new_page()
        phone.set_default_timeout(20_000)
        phone.goto(f"{meeting}?step=5")
        phone.locator("details.mt-step[data-step='5'][open]").evaluate(
            "step => step.scrollIntoView({block: 'start'})"
        )
        phone.screenshot(path=str(DOCS / "phone.png"))
        print(f"wrote {DOCS / 'phone.png'}")

        coordinator = browser.new_context(viewport=VIEWPORT, locale="nl-NL").new_page()
        coordinator.set_default_timeout(20_000)
        log_in(coordinator, base_url, "coordinator@rondom.test")
        network = Network.objects.get(name=DEMO_NETWORK)
        coordinator.goto(f"{base_url}/networks/{network.pk}/insight/")
        coordinator.wait_for_selector("main svg")
        coordinator.screenshot(path=str(DOCS / "insight.png"), full_page=True)
        print(f"wrote {DOCS / 'insight.png'}")

        closed = network.scan_rounds.filter(answers_deleted_at__isnull=True).order_by("opens_on")
        coordinator.goto(f"{base_url}/networks/{network.pk}/scan/{closed.first().pk}/results/")
        coordinator.wait_for_selector("main svg")
        # From the strengths on: the priorities and the grid of importance against now.
        top = coordinator.get_by_role("heading", name="Sterke punten").bounding_box()["y"] - 24
        coordinator.screenshot(
            path=str(DOCS / "scan.png"),
            full_page=True,
            clip={"x": 0, "y": top, "width": VIEWPORT["width"], "height": 1600},
        )
        print(f"wrote {DOCS / 'scan.png'}")

        # An indicator of the joint agreement: its trend, and the story behind the numbers.
        indicator = Indicator.objects.filter(joint_agreement__network=network).order_by("pk")[0]
        coordinator.goto(f"{base_url}/networks/{network.pk}/monitor/indicators/{indicator.pk}/")
        coordinator.wait_for_selector("main svg")
        coordinator.screenshot(
            path=str(DOCS / "monitor.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": 2000},
        )
        print(f"wrote {DOCS / 'monitor.png'}")
        browser.close()


def main() -> None:
    sys.path.insert(0, str(ROOT))  # for the login steps the end-to-end tests share
    with tempfile.TemporaryDirectory(prefix="rondom-screenshots-") as folder:
        os.environ.pop("DATABASE_URL", None)  # never the database of the installation
        os.environ.update(
            DJANGO_SETTINGS_MODULE="rondom.settings",
            RONDOM_DATA_DIR=folder,
            RONDOM_SECURE_COOKIES="0",  # served over plain http on this machine
        )
        env = dict(os.environ)
        load_demo(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "rondom.asgi:application",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            env=env,
        )  # fmt: skip
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_served(f"{base_url}/accounts/login/", server)
            take_pictures(base_url)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
