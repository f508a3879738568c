"""Latency of live updates: 30 browsers follow one case while cards change.

Starts uvicorn in a separate process on a fresh SQLite database, opens N event streams, then
changes a card through the API M times. Prints how long each change took to reach each
stream (median, p95) and the ratio to a plain API read measured in the same run.
Usage: python benchmarks/live.py [--clients 30] [--changes 20]
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
WORKDIR = tempfile.mkdtemp(prefix="rondom-live-")
os.environ["RONDOM_DATA_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.contrib.auth import SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.api.models import ApiToken  # noqa: E402
from rondom.demo.builder import CaseBuilder  # noqa: E402
from rondom.timeline.kinds import CardKind  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def setup():
    call_command("migrate", verbosity=0)
    user = User.objects.create_user("live@rondom.test", "live-password-1")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    b = CaseBuilder("Live", user, "IB")
    child = b.child("Kind", __import__("datetime").date(2015, 1, 1))
    card = b.card(CardKind.HELP, b.manager, "2021", "Hulp", child)
    client = Client()
    client.force_login(user)
    assert client.session[SESSION_KEY]
    return (
        b.case.pk,
        card.pk,
        client.cookies["sessionid"].value,
        ApiToken.objects.issue(user)[1],
    )


def follow(base, case_id, cookie, arrivals, ready, index):
    request = urllib.request.Request(
        f"{base}/cases/{case_id}/events/", headers={"Cookie": f"sessionid={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=120) as stream:
        stream.readline()
        stream.readline()
        ready.release()
        for line in stream:
            if line.startswith(b"data: "):
                event = json.loads(line[6:])
                arrivals.setdefault(event["version"], {})[index] = time.monotonic()


def api(base, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{base}{path}",
        data=data,
        method=method,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    case_id, card_id, cookie, token = setup()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The server runs the same code as this script, whichever checkout that is.
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "rondom.asgi:application", "--port", str(port),
         "--log-level", "warning"],
        env={**os.environ, "RONDOM_SECURE_COOKIES": "0", "RONDOM_LIVE_STREAM_SECONDS": "120",
             "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                         os.environ.get("PYTHONPATH")]))},
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/about/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        arrivals: dict[int, dict[int, float]] = {}
        ready = threading.Semaphore(0)
        for index in range(args.clients):
            threading.Thread(
                target=follow, args=(base, case_id, cookie, arrivals, ready, index), daemon=True
            ).start()
        for _ in range(args.clients):
            ready.acquire(timeout=30)
        latencies, reads = [], []
        for _ in range(args.changes):
            started = time.monotonic()
            current = api(base, "GET", f"/api/v1/cards/{card_id}/", token)
            reads.append(time.monotonic() - started)
            sent = time.monotonic()
            changed = api(
                base, "PATCH", f"/api/v1/cards/{card_id}/", token,
                {"text": f"Hulp {sent}", "version": current["version"]},
            )  # fmt: skip
            deadline = time.monotonic() + 5
            while len(arrivals.get(changed["version"], {})) < args.clients:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.005)
            latencies += [t - sent for t in arrivals.get(changed["version"], {}).values()]
            time.sleep(0.05)
        expected = args.clients * args.changes
        print(f"clients: {args.clients}; changes: {args.changes}")
        print(f"deliveries: {len(latencies)} of {expected}")
        ms = [x * 1000 for x in latencies]
        print(f"update latency  median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms")
        reads_ms = [x * 1000 for x in reads]
        read_median, read_p95 = statistics.median(reads_ms), p95(reads_ms)
        print(f"plain API read  median {read_median:7.1f} ms   p95 {read_p95:7.1f} ms")
        print(f"ratio update/read (median): {statistics.median(ms) / read_median:.1f}x")
        print(f"target p95 <= 1000 ms: {'met' if p95(ms) <= 1000 else 'NOT met'}")
    finally:
        server.terminate()  # open streams keep uvicorn waiting; do not wait for them long
        try:
            server.wait(timeout=3)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
