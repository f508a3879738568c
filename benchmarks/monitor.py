"""Freezing a half-year of the monitor for a large network, against raw SQL of the same figures.

Builds, with bulk inserts, a network of a school and a youth team with 20,000 cases (--cases):
most anonymous, one in five named with a parent's consent for figures, a few named without
it. Each case has 2 children with a school career (one child in twelve also out of school
for a while), 3 questions for help, cards (--cards-per-case, one in three a help card with a
domain), 2 meetings, 3 agreements and the satisfaction of two people. The network has a
closed round of the samenwerkingsscan whose answers were erased (its sums kept), signals
under four themes, and a joint agreement with one indicator for every source of the
catalogue and every option (38), each agreed by both organisations.

Then freezes the first half of 2024 (all indicators, the values deleted between runs) and, as
the baseline, runs raw SQL that counts the same kinds of figures over the same rows in the
same run. Prints the median and slowest of each, the ratio, the number of queries a freeze
takes, and whether it met the target of 5 seconds.

Usage: DATABASE_URL=postgres://rondom@127.0.0.1:54329/rondom_monitor_bench \\
           python benchmarks/monitor.py [--cases 20000] [--repeat 5]
Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set; it migrates the
database first, and refuses one that already holds its network.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
WORKDIR = tempfile.mkdtemp(prefix="rondom-bench-")
os.environ.setdefault("RONDOM_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from rondom.accounts.models import Membership, Organisation, User  # noqa: E402
from rondom.career.models import PeriodKind, SchoolPeriod  # noqa: E402
from rondom.cases.models import (  # noqa: E402
    ROLE_LETTERS,
    Case,
    Child,
    FiguresConsent,
    Participant,
    Role,
)
from rondom.help.models import HelpQuestion, HelpSatisfaction, Party  # noqa: E402
from rondom.meetings.models import Agreement, Meeting  # noqa: E402
from rondom.monitor.catalogue import SOURCES, option_choices  # noqa: E402
from rondom.monitor.freezing import freeze_period  # noqa: E402
from rondom.monitor.models import (  # noqa: E402
    Indicator,
    IndicatorConsent,
    JointAgreement,
    Period,
    PeriodValue,
    Signal,
    SignalTheme,
)
from rondom.networks.models import Network, NetworkMember  # noqa: E402
from rondom.scan.models import (  # noqa: E402
    Audience,
    Instrument,
    Round,
    SectorResult,
    StatementResult,
)
from rondom.timeline.kinds import CardKind, Domain  # noqa: E402
from rondom.timeline.models import Card  # noqa: E402

NETWORK = "Benchmark monitor"
CHUNK = 500  # cases per transaction
TARGET_S = 5.0
DOMAINS = list(Domain)
CHILD_DOMAINS = {Domain.LEARNING, Domain.SOCIAL_EMOTIONAL, Domain.PHYSICAL}
KINDS = [CardKind.HELP, CardKind.LIFE_EVENT, CardKind.DEVELOPMENT]
STATUSES = ["open", "helped", "resolved", "not_pursued"]
SATISFACTIONS = ["satisfied", "partly", "not_satisfied"]
YEAR, HALF = 2024, 1
START, END = date(2024, 1, 1), date(2024, 6, 30)


def build_network() -> tuple[Network, list[Organisation], list[User]]:
    network = Network.objects.create(name=NETWORK, min_cell=10)
    organisations, managers = [], []
    for n, kind in enumerate(["school", "youth_care"]):
        organisation = Organisation.objects.create(name=f"{NETWORK} {kind}", kind=kind)
        user = User.objects.create_user(email=f"ib{n}@monitor-bench.test", password=None)
        Membership.objects.create(organisation=organisation, user=user, function="ib")
        NetworkMember.objects.create(network=network, organisation=organisation)
        organisations.append(organisation)
        managers.append(user)
    return network, organisations, managers


def month(i: int) -> date:
    """The first day of a month in 2023 or 2024, going round."""
    return date(2023 + i % 2, 1 + (i * 5) % 12, 1)


def build_cases(numbers: range, managers: list[User], cards_per_case: int) -> None:
    """Every case of `numbers`, each part in one bulk insert."""
    cases = Case.objects.bulk_create(
        Case(title=f"Casus {i}", is_anonymous=i % 5 != 0, created_by=managers[i % 3 == 0])
        for i in numbers
    )
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(
        created_at=datetime(2022, 9, 1, tzinfo=UTC)
    )
    pairs = list(zip(numbers, cases, strict=True))
    children = Child.objects.bulk_create(
        Child(case=case, name=f"K{k}", date_of_birth=date(2011 + (i + k) % 10, 1 + i % 12, 1))
        for i, case in pairs
        for k in (0, 1)
    )
    people = Participant.objects.bulk_create(
        person
        for i, case in pairs
        for person in (
            Participant(case=case, name="IB", role=Role.SCHOOL, letter=ROLE_LETTERS[Role.SCHOOL],
                        colour="#1d4e89", user=managers[i % 3 == 0], is_case_manager=True),
            Participant(case=case, name="Ouder", role=Role.PARENTS,
                        letter=ROLE_LETTERS[Role.PARENTS], colour="#b3261e"),
        )
    )  # fmt: skip
    # Named cases count through a parent's consent; one in ten of them has none.
    FiguresConsent.objects.bulk_create(
        FiguresConsent(case=case, given_by=people[2 * n + 1])
        for n, (i, case) in enumerate(pairs)
        if i % 5 == 0 and i % 50 != 0
    )
    SchoolPeriod.objects.bulk_create(
        period
        for n, (i, _case) in enumerate(pairs)
        for k in (0, 1)
        for period in school_career(children[2 * n + k], i + k)
    )
    questions = HelpQuestion.objects.bulk_create(
        HelpQuestion(
            case=case,
            child=children[2 * n + q % 2] if DOMAINS[(i + q) % 5] in CHILD_DOMAINS else None,
            domain=DOMAINS[(i + q) % 5],
            date_text="",
            starts_on=month(i + q),
            status=STATUSES[(i + q) % 4],
        )
        for n, (i, case) in enumerate(pairs)
        for q in range(3)
    )
    Card.objects.bulk_create(
        card(case, children[2 * n : 2 * n + 2], people[2 * n], questions[3 * n : 3 * n + 3], i, j)
        for n, (i, case) in enumerate(pairs)
        for j in range(cards_per_case)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(case=case, held_on=month(i + m * 3), goal="inform")
        for i, case in pairs
        for m in (0, 1)
    )
    Agreement.objects.bulk_create(
        Agreement(case=meeting.case, meeting=meeting, what="Bellen", owner=people[2 * (n // 2)],
                  due_on=meeting.held_on + timedelta(days=20 + 15 * a),
                  status=["done", "open", "dropped"][(n + a) % 3],
                  status_set_at=datetime.combine(meeting.held_on, datetime.min.time(), UTC)
                  + timedelta(days=10 + 20 * ((n + a) % 2)))
        for n, meeting in enumerate(meetings)
        for a in range(2 - n % 2)
    )  # fmt: skip
    answers = HelpSatisfaction.objects.bulk_create(
        HelpSatisfaction(case=case, participant=people[2 * n + p],
                         party=Party.SCHOOL if p == 0 else Party.PARENTS,
                         satisfaction=SATISFACTIONS[(i + p) % 3])
        for n, (i, case) in enumerate(pairs)
        for p in (0, 1)
    )  # fmt: skip
    HelpSatisfaction.objects.filter(pk__in=[a.pk for a in answers]).update(
        given_at=datetime(2024, 4, 1, tzinfo=UTC)
    )


def school_career(child: Child, i: int) -> list[SchoolPeriod]:
    """A primary school from 2019; one child in twelve out of school for a few months."""
    career = [SchoolPeriod(child=child, kind=PeriodKind.SCHOOL, name="De Linde",
                           start_text="augustus 2019", starts_on=date(2019, 8, 1))]  # fmt: skip
    if i % 12 == 0:
        start = month(i)
        end = None if i % 24 == 0 else start + timedelta(days=40 + i % 90)
        career.append(SchoolPeriod(child=child, kind=PeriodKind.OUT_OF_SCHOOL,
                                   start_text=f"{start.month}-{start.year}", starts_on=start,
                                   ends_on=end))  # fmt: skip
    return career


def card(case, children, author, questions, i: int, j: int) -> Card:
    kind = KINDS[j % len(KINDS)]
    is_help = kind == CardKind.HELP
    question = questions[j % 3] if is_help and j % 2 == 0 else None
    start = month(i + j)
    return Card(
        case=case,
        child=children[j % 2] if j % 4 else None,
        kind=kind,
        author=author,
        text="Een kaartje",
        domain=(question.domain if question else DOMAINS[(i + j) % 5]) if is_help else "",
        question=question,
        date_text=f"{start.month}-{start.year}",
        starts_on=start,
        ends_on=start + timedelta(days=27 + 60 * (j % 4)),
        precision="month",
        is_draft=j % 13 == 12,
    )


def build_scan(network: Network) -> None:
    """A round for everyone that closed in May 2024, its answers erased and its sums kept."""
    instrument = Instrument.current()
    made = Round.objects.create(
        network=network, instrument=instrument, opens_on=date(2024, 5, 1),
        closes_on=date(2024, 5, 31), answers_deleted_at=timezone.now(),
    )  # fmt: skip
    sectors = {"school": 40, "youth_care": 25, "parent": 30}
    SectorResult.objects.bulk_create(
        SectorResult(round=made, sector=sector, respondents=n) for sector, n in sectors.items()
    )
    rows = []
    for number, statement in enumerate(instrument.statements.all()):
        for sector, n in sectors.items():
            if (statement.audience == Audience.PARENT) != (sector == "parent"):
                continue
            score = 2 + number % 3
            rows.append(StatementResult(
                round=made, statement=statement, sector=sector, now_count=n, now_sum=score * n,
                now_square_sum=score * score * n, importance_count=n, importance_sum=4 * n,
                act_count=n, act_yes=n // 3,
            ))  # fmt: skip
    StatementResult.objects.bulk_create(rows)


def build_signals(network: Network, count: int = 400) -> None:
    themes = [SignalTheme.objects.create(network=network, name=name)
              for name in ("Wachtlijsten", "Geld", "Geen passend aanbod", "Vervoer")]  # fmt: skip
    Signal.objects.bulk_create(
        Signal(network=network, theme=themes[n % 5] if n % 5 < 4 else None,
               text="Een knelpunt in beleid of organisatie.", month=month(n))
        for n in range(count)
    )  # fmt: skip


def build_indicators(network: Network, organisations: list[Organisation]) -> int:
    """A joint agreement with an indicator for every source and every option, all counting."""
    joint = JointAgreement.objects.create(
        network=network, result="Elk kind heeft binnen 8 weken passende hulp",
        starts_on=date(2024, 1, 1),
    )  # fmt: skip
    made = []
    for source in SOURCES:
        choices = [value for value, _label in option_choices(source.option, network)]
        options = [{}] if not source.option_required else []
        options += [{source.option: int(v) if source.option == "theme" else v} for v in choices]
        for chosen in options:
            made.append(Indicator(
                joint_agreement=joint, name=f"{source.key} {chosen}", definition=source.key,
                perspective="network", kind="how_much", target=1, better="higher",
                source=source.key, source_options=chosen,
            ))  # fmt: skip
    made = Indicator.objects.bulk_create(made)
    IndicatorConsent.objects.bulk_create(
        IndicatorConsent(indicator=indicator, organisation=organisation)
        for indicator in made
        for organisation in organisations
    )
    return len(made)


RAW_COUNTED = """
    WITH counted AS (
        SELECT c.id FROM cases_case c
        WHERE c.created_at < %(before)s AND (c.closed_at IS NULL OR c.closed_at >= %(after)s)
          AND (c.is_anonymous OR EXISTS (SELECT 1 FROM cases_figuresconsent f
                                         WHERE f.case_id = c.id AND f.withdrawn_at IS NULL))
          AND EXISTS (SELECT 1 FROM cases_participant p
                      JOIN accounts_membership m ON m.user_id = p.user_id
                      JOIN networks_networkmember nm ON nm.organisation_id = m.organisation_id
                      WHERE p.case_id = c.id AND p.is_case_manager
                        AND nm.network_id = %(network)s)
    )
"""
RAW_FIGURES = [
    RAW_COUNTED
    + """
    SELECT (SELECT COUNT(*) FROM counted),
           (SELECT COUNT(*) FROM cases_child ch WHERE ch.case_id IN (SELECT id FROM counted)),
           (SELECT COUNT(*) FROM meetings_meeting m WHERE m.case_id IN (SELECT id FROM counted)
              AND m.held_on BETWEEN %(start)s AND %(end)s),
           (SELECT COUNT(*) FROM meetings_agreement a WHERE a.case_id IN (SELECT id FROM counted)
              AND a.due_on BETWEEN %(start)s AND %(end)s AND a.status <> 'dropped'),
           (SELECT COUNT(*) FROM meetings_agreement a WHERE a.case_id IN (SELECT id FROM counted)
              AND a.due_on BETWEEN %(start)s AND %(end)s AND a.status = 'done'
              AND a.status_set_at < %(before)s),
           (SELECT COUNT(DISTINCT s.child_id) FROM career_schoolperiod s
              JOIN cases_child ch ON ch.id = s.child_id
              WHERE ch.case_id IN (SELECT id FROM counted) AND s.kind = 'out_of_school'
                AND s.starts_on <= %(end)s AND (s.ends_on IS NULL OR s.ends_on >= %(start)s)),
           (SELECT COUNT(*) FROM monitor_signal g WHERE g.network_id = %(network)s
              AND g.month BETWEEN %(start)s AND %(end)s)
    """,
    RAW_COUNTED
    + """
    SELECT q.domain, COUNT(*),
           SUM(CASE WHEN EXISTS (SELECT 1 FROM timeline_card k
                                 WHERE k.case_id = q.case_id AND k.kind = 'help'
                                   AND k.domain = q.domain AND k.deleted_at IS NULL
                                   AND NOT k.is_draft AND k.starts_on <= %(end)s)
               THEN 1 ELSE 0 END)
    FROM help_helpquestion q
    WHERE q.case_id IN (SELECT id FROM counted) AND q.starts_on <= %(end)s
    GROUP BY q.domain
    """,
    RAW_COUNTED
    + """
    SELECT party, satisfaction, COUNT(*) FROM (
        SELECT s.party, s.satisfaction,
               ROW_NUMBER() OVER (PARTITION BY s.participant_id
                                  ORDER BY s.given_at DESC, s.id DESC) AS n
        FROM help_helpsatisfaction s
        WHERE s.case_id IN (SELECT id FROM counted)
          AND s.given_at >= %(after)s AND s.given_at < %(before)s
    ) latest WHERE n = 1 GROUP BY party, satisfaction
    """,
]


def raw_figures(network: Network) -> int:
    """The same kinds of figures in plain SQL, without the catalogue's rules on top."""
    params = {
        "network": network.pk,
        "start": START,
        "end": END,
        "after": datetime(2024, 1, 1, tzinfo=UTC),
        "before": datetime(2024, 7, 1, tzinfo=UTC),
    }
    rows = 0
    with connection.cursor() as cursor:
        for sql in RAW_FIGURES:
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def thaw(network: Network) -> None:
    """Forget the half-year's frozen values, so that the next freeze computes them all."""
    PeriodValue.objects.filter(period__network=network).delete()
    Period.objects.filter(network=network).update(frozen_at=None)


def freeze(network: Network) -> int:
    return freeze_period(network, YEAR, HALF, timezone.now())


def timed(function, repeat: int, before=lambda: None) -> list[float]:
    before()
    function()  # warm
    samples = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--cards-per-case", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if Network.objects.filter(name=NETWORK).exists():
        sys.exit("This database already holds the benchmark's network; use an empty one.")
    started = time.perf_counter()
    network, organisations, managers = build_network()
    for first in range(0, args.cases, CHUNK):
        with transaction.atomic():
            build_cases(range(first, min(first + CHUNK, args.cases)), managers, args.cards_per_case)
    build_scan(network)
    build_signals(network)
    indicators = build_indicators(network, organisations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {args.cases:,} cases with {2 * args.cases:,} children, "
          f"{args.cases * args.cards_per_case:,} cards and {indicators} indicators "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    freeze(network)  # makes the period
    thaw(network)
    with CaptureQueriesContext(connection) as queries:
        made = freeze(network)
    cases = PeriodValue.objects.get(period__network=network, indicator__source="cases").count
    samples = timed(lambda: freeze(network), args.repeat, before=lambda: thaw(network))
    baseline = timed(lambda: raw_figures(network), args.repeat)
    median, base = statistics.median(samples), statistics.median(baseline)
    print(f"raw SQL of the same figures: median {base:.3f} s, slowest {max(baseline):.3f} s")
    print(f"freezing {made} indicators over {args.cases:,} cases: median {median:.3f} s, "
          f"slowest {max(samples):.3f} s; {median / base:.1f}x the raw SQL")  # fmt: skip
    print(f"queries in one freeze: {len(queries.captured_queries)}")
    print(f"cases counted: {cases:,}; target {TARGET_S:.0f} s: "
          f"{'met' if median <= TARGET_S else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
