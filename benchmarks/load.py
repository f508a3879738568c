"""Load test: many logged-in professionals against uvicorn with several workers on PostgreSQL.

Starts uvicorn on 127.0.0.1 (2 workers, live updates through PostgreSQL) and logs in N
professionals of the scale dataset: the first 20 with password and TOTP code, the others with
a session made in the database, because allauth allows 30 logins a minute from one address.
Then each of them keeps requesting for a bounded time: 50% timeline pages, 25%
`GET /api/v1/cards/?limit=20`, 25% `GET /api/v1/cases/`, with an optional think time.
Prints per kind of request the successful answers per second and their p50/p95/p99, the
errors, the ratio to the same requests made one at a time before the load, and the peak
number of database connections against the pools' limit. Stops by itself, and stops the
server.

Usage: DATABASE_URL=postgres://rondom@127.0.0.1:54329/rondom_scale \\
           python benchmarks/load.py [--users 50] [--seconds 180] [--think 0]
Build the data first with benchmarks/scale_data.py on the same database.
"""

import argparse
import asyncio
import http.cookiejar
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")
# This process only reads which cases each user has, once: no pool of its own, so every
# connection counted during the run belongs to the server.
os.environ["RONDOM_DB_POOL_MAX"] = "0"
os.environ["RONDOM_DB_CONN_MAX_AGE"] = "0"

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from scale_accounts import DOMAIN, PASSWORD, totp_code, totp_secret  # noqa: E402

from rondom.accounts.models import User  # noqa: E402
from rondom.cases.models import Child, Participant  # noqa: E402

MIX = {"timeline": 50, "cards": 25, "cases": 25}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REQUEST_TIMEOUT = 60


@dataclass
class LoadUser:
    email: str
    timelines: list[str]  # paths of the timeline pages this user may open
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def opener(self, follow_redirects: bool) -> urllib.request.OpenerDirector:
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies)]
        if not follow_redirects:
            handlers.append(NoRedirects())
        return urllib.request.build_opener(*handlers)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """During the load a redirect means the session is gone: count it, do not follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pick_users(count: int, form_logins: int, rng: random.Random) -> list[LoadUser]:
    """Professionals of the scale dataset who take part in at least one case. Those past the
    first `form_logins` get a session made directly in the database."""
    emails = list(
        User.objects.filter(email__endswith=f"@{DOMAIN}", kind=User.Kind.PROFESSIONAL)
        .filter(participations__isnull=False)
        .distinct()
        .values_list("email", flat=True)
    )
    if len(emails) < count:
        sys.exit(f"Only {len(emails)} professionals with cases; run benchmarks/scale_data.py.")
    users = []
    for n, email in enumerate(rng.sample(emails, count)):
        cases = Participant.objects.filter(user__email=email).values_list("case_id", flat=True)
        children = Child.objects.filter(case_id__in=list(cases)).values_list("case_id", "pk")
        paths = [f"/cases/{case}/children/{child}/timeline/" for case, child in children]
        user = LoadUser(email, paths)
        if n >= form_logins:
            client = Client()
            client.force_login(User.objects.get(email=email))
            user.cookies.set_cookie(session_cookie(client.cookies["sessionid"].value))
        users.append(user)
    connection.close()
    return users


def session_cookie(value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        version=0,
        name="sessionid",
        value=value,
        port=None,
        port_specified=False,
        domain="127.0.0.1",
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={"HttpOnly": ""},
    )


def fetch(opener, url: str, data: dict | None = None) -> tuple[int, str, bytes]:
    """(status, final url, body); status 0 when no answer came."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.geturl(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, url, b""
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, url, b""


def log_in(base: str, user: LoadUser) -> bool:
    """Password, then the TOTP code; a code that just expired gets one more try."""
    opener = user.opener(follow_redirects=True)
    _, _, page = fetch(opener, f"{base}/accounts/login/")
    token = CSRF.search(page.decode())
    if not token:
        return False
    credentials = {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
    status, url, page = fetch(opener, f"{base}/accounts/login/", credentials)
    for _ in range(2):
        token = CSRF.search(page.decode())
        if status != 200 or "/2fa/" not in url or not token:
            return False
        code = {"code": totp_code(totp_secret(user.email)), "csrfmiddlewaretoken": token[1]}
        status, url, page = fetch(opener, f"{base}/accounts/2fa/authenticate/", code)
        if status == 200 and url.rstrip("/").endswith("/cases"):
            return True
        time.sleep(max(0.0, 30 - time.time() % 30) + 0.5)
    return False


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, Counter] = defaultdict(Counter)

    def add(self, kind: str, status: int, milliseconds: float) -> None:
        if status == 200:
            self.latencies[kind].append(milliseconds)
        else:
            self.errors[kind][status] += 1


def request_url(base: str, kind: str, user: LoadUser, rng: random.Random) -> str:
    if kind == "timeline":
        return base + rng.choice(user.timelines)
    if kind == "cards":
        return f"{base}/api/v1/cards/?limit=20"
    if kind == "cases":
        return f"{base}/api/v1/cases/"
    return f"{base}/about/"


async def one_request(opener, url: str, kind: str, recorder: Recorder) -> None:
    started = time.perf_counter()
    status, _, _ = await asyncio.to_thread(fetch, opener, url)
    recorder.add(kind, status, (time.perf_counter() - started) * 1000)


async def unloaded(base: str, user: LoadUser, rounds: int) -> Recorder:
    """The same requests one at a time, before the load: the baseline of the ratios."""
    recorder, rng, opener = Recorder(), random.Random(1), user.opener(follow_redirects=False)
    for _ in range(rounds):
        for kind in (*MIX, "about"):
            await one_request(opener, request_url(base, kind, user, rng), kind, recorder)
    return recorder


async def keep_busy(base, user, deadline, think, recorder, seed) -> None:
    rng, opener = random.Random(seed), user.opener(follow_redirects=False)
    # People arrive spread over one think time, not all in the same instant: a burst of every
    # user's first request at once measures the start, not the steady load.
    await asyncio.sleep(rng.uniform(0, think or 1.0))
    while time.monotonic() < deadline:
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        await one_request(opener, request_url(base, kind, user, rng), kind, recorder)
        if think:
            await asyncio.sleep(min(rng.uniform(0, think), max(0.0, deadline - time.monotonic())))


class ConnectionWatch(threading.Thread):
    """Samples pg_stat_activity for the benchmark database; its own connection not counted."""

    def __init__(self, conninfo: str, dbname: str) -> None:
        super().__init__(daemon=True)
        self.conninfo, self.dbname = conninfo, dbname
        self.peak, self.samples, self.stopping = 0, 0, threading.Event()

    def count(self, conn) -> int:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.dbname],
        ).fetchone()
        return row[0]

    def run(self) -> None:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            while not self.stopping.wait(0.1):
                self.peak = max(self.peak, self.count(conn))
                self.samples += 1


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(recorder: Recorder, baseline: Recorder, seconds: float) -> None:
    print(
        f"{'kind':<10}{'requests':>9}{'ok/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'alone p50':>11}{'ratio p50':>11}"
    )
    everything: list[float] = []
    for kind in MIX:
        values, errors = recorder.latencies[kind], sum(recorder.errors[kind].values())
        everything += values
        alone = statistics.median(baseline.latencies[kind] or [float("nan")])
        p50 = percentile(values, 0.50)
        print(
            f"{kind:<10}{len(values) + errors:>9}{len(values) / seconds:>8.1f}{p50:>9.0f}"
            f"{percentile(values, 0.95):>9.0f}{percentile(values, 0.99):>9.0f}{errors:>8}"
            f"{alone:>11.0f}{p50 / alone:>11.1f}"
        )
    errors = sum(sum(c.values()) for c in recorder.errors.values())
    print(
        f"{'all':<10}{len(everything) + errors:>9}{len(everything) / seconds:>8.1f}"
        f"{percentile(everything, 0.5):>9.0f}{percentile(everything, 0.95):>9.0f}"
        f"{percentile(everything, 0.99):>9.0f}{errors:>8}"
    )
    about = statistics.median(baseline.latencies["about"] or [float("nan")])
    print(f"a page without data (/about/), alone: p50 {about:.0f} ms")
    for kind, counts in recorder.errors.items():
        if counts:
            print(f"errors {kind}: " + ", ".join(f"status {s}: {n}" for s, n in counts.items()))


EXCEPTION_LINE = re.compile(r"^[\w.]+(Error|Exception|Violation|Timeout)\b.*$", re.MULTILINE)


def server_errors(log: Path) -> None:
    """Each failed request logs "Internal Server Error: <path>" and its traceback."""
    text = log.read_text(errors="replace") if log.exists() else ""
    entries = text.split("Internal Server Error: ")[1:]
    print(f"server errors logged: {len(entries)} (tracebacks: {text.count('Traceback (most')})")
    causes = Counter()
    for entry in entries:
        path = re.sub(r"\d+", "N", entry.split(maxsplit=1)[0])
        found = [match.group(0) for match in EXCEPTION_LINE.finditer(entry)]
        cause = found[-1] if found else "?"
        causes[(path, re.sub(r"\d+", "N", cause)[:160])] += 1
    for (path, cause), count in causes.most_common(8):
        print(f"  {count} × {path}: {cause}")
    if entries:
        print(
            f"first error, from the server log {log}:\nInternal Server Error: {entries[0][:6000]}"
        )


def start_server(args, port: int, workdir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "RONDOM_LIVE_BACKEND": "postgres",
        "RONDOM_DB_POOL_MAX": str(args.pool_max),
        "RONDOM_DB_POOL_MIN": str(min(2, args.pool_max)),
        "RONDOM_SECURE_COOKIES": "0",
        "RONDOM_DATA_DIR": str(workdir),
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "rondom.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    log = open(workdir / "server.log", "wb")  # noqa: SIM115  (the server writes to it)
    return subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The server stopped while starting; see its log.")
        if fetch(urllib.request.build_opener(), f"{base}/about/")[0] == 200:
            return
        time.sleep(0.3)
    sys.exit("The server did not answer within a minute.")


async def run(args, base: str, users: list[LoadUser], watch: ConnectionWatch) -> None:
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=len(users) + 4))
    started = time.perf_counter()
    gate = asyncio.Semaphore(5)

    async def guarded_login(user: LoadUser) -> bool:
        async with gate:
            return await asyncio.to_thread(log_in, base, user)

    form = users[: args.form_logins]
    logged_in = await asyncio.gather(*(guarded_login(user) for user in form))
    print(
        f"logged in with password and TOTP code: {sum(logged_in)} of {len(form)} in "
        f"{time.perf_counter() - started:.1f} s; with a session made in the database: "
        f"{len(users) - len(form)}"
    )
    users = [user for user, ok in zip(form, logged_in, strict=True) if ok] + users[len(form) :]
    if not users:
        return
    baseline = await unloaded(base, users[0], rounds=10)
    watch.start()
    recorder = Recorder()
    began = time.monotonic()
    deadline = began + args.seconds
    await asyncio.gather(
        *(keep_busy(base, u, deadline, args.think, recorder, n) for n, u in enumerate(users))
    )
    elapsed = time.monotonic() - began
    watch.stopping.set()
    watch.join(timeout=5)
    print(
        f"load: {len(users)} users for {elapsed:.0f} s, think 0–{args.think:g} s, "
        f"{args.workers} workers, pool max {args.pool_max} per worker"
    )
    report(recorder, baseline, elapsed)
    limit = args.workers * args.pool_max + args.workers
    verdict = "within" if watch.peak <= limit else "OVER"
    print(
        f"peak database connections: {watch.peak} ({watch.samples} samples); limit "
        f"{args.workers} × {args.pool_max} + {args.workers} LISTEN = {limit}: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--think", type=float, default=0, help="up to this many s between requests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pool-max", type=int, default=8, help="connections per worker")
    parser.add_argument(
        "--form-logins",
        type=int,
        default=20,
        help="users who log in through the form (allauth allows 30 logins a minute from one "
        "address); the others get a session made in the database",
    )
    args = parser.parse_args()
    if args.pool_max < 1:
        # Without a pool every request thread keeps a connection: on a shared PostgreSQL that
        # takes every connection there is, from everyone.
        parser.error("--pool-max must be at least 1")
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database with the scale dataset.")
    db = settings.DATABASES["default"]
    users = pick_users(args.users, args.form_logins, random.Random(time.time_ns()))
    workdir = Path(tempfile.mkdtemp(prefix="rondom-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args, port, workdir)

    def hard_stop() -> None:
        print("hard deadline reached: stopping", file=sys.stderr)
        stop_server(server)
        os._exit(3)

    # Logging in, the baseline and the load itself; past this the run is stuck: end it.
    watchdog = threading.Timer(args.seconds + 120 + args.users, hard_stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        wait_until_up(base, server)
        conninfo = psycopg.conninfo.make_conninfo(
            dbname=db["NAME"],
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"],
            port=str(db["PORT"] or ""),
        )
        asyncio.run(run(args, base, users, ConnectionWatch(conninfo, db["NAME"])))
    finally:
        watchdog.cancel()
        stop_server(server)
        server_errors(workdir / "server.log")


if __name__ == "__main__":
    main()
