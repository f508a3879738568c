"""The insight report over a large network, against a raw count of the same rows.

Builds, with bulk inserts, a network of two member schools with 20,000 anonymous cases
(--cases), each with 2 children, 40 cards (--cards-per-case; one in eight a help card with a
domain, some linked to a question), 3 questions, a meeting, 2 agreements and the
satisfaction of two parties. Then times the whole report (all figures, small numbers hidden)
for the network, and as the baseline a raw SQL count over the same rows (cases, children,
cards, questions and answers) in the same run. Prints the median and slowest time, the ratio
to the baseline, and the query count for the whole network and for its smaller member
(a tenth of the cases), which must be equal.

Usage: DATABASE_URL=postgres://rondom@127.0.0.1:54329/rondom_insight_bench \\
           python benchmarks/insight.py [--cases 20000] [--repeat 5]
It migrates the database first, and refuses one that already holds its data.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from rondom.accounts.models import Membership, Organisation, User  # noqa: E402
from rondom.cases.models import ROLE_LETTERS, Case, Child, Participant, Role  # noqa: E402
from rondom.help.models import (  # noqa: E402
    HelpQuestion,
    HelpSatisfaction,
    HelpSatisfactionReason,
    Party,
    SatisfactionReason,
)
from rondom.insights.figures import count_figures  # noqa: E402
from rondom.insights.periods import Period  # noqa: E402
from rondom.insights.report import build_report  # noqa: E402
from rondom.meetings.models import Agreement, Meeting  # noqa: E402
from rondom.networks.access import cases_in_network, cases_of_organisations  # noqa: E402
from rondom.networks.models import Network, NetworkMember  # noqa: E402
from rondom.timeline.kinds import CardKind, Domain  # noqa: E402
from rondom.timeline.models import Card  # noqa: E402

NETWORK = "Benchmark inzicht"
CHUNK = 500  # cases per transaction
DOMAINS = list(Domain)
KINDS = list(CardKind)
STATUSES = ["open", "helped", "resolved", "not_pursued"]
SATISFACTIONS = ["satisfied", "partly", "not_satisfied"]
REASONS = list(SatisfactionReason)
PERIOD = Period(date(2024, 1, 1), date(2024, 12, 31))


def build_network() -> tuple[Network, list[Organisation], list[User]]:
    network = Network.objects.create(name=NETWORK, anonymous_only=True, min_cell=10)
    schools, managers = [], []
    for n in range(2):
        school = Organisation.objects.create(name=f"{NETWORK} school {n}", kind="school")
        user = User.objects.create_user(email=f"ib{n}@insight-bench.test", password=None)
        Membership.objects.create(organisation=school, user=user, function="ib")
        NetworkMember.objects.create(network=network, organisation=school)
        schools.append(school)
        managers.append(user)
    return network, schools, managers


def month(i: int) -> date:
    """A first day of a month between 2022 and 2024, going round."""
    return date(2022 + i % 3, 1 + (i * 7) % 12, 1)


def build_cases(numbers: range, managers: list[User], cards_per_case: int) -> None:
    # Every tenth case belongs to the second school: the smaller member.
    cases = Case.objects.bulk_create(
        Case(title=f"Casus {i}", is_anonymous=True, created_by=managers[i % 10 == 0])
        for i in numbers
    )
    created = datetime(2021, 6, 1, tzinfo=UTC)
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(created_at=created)
    children = Child.objects.bulk_create(
        Child(case=case, name=f"K{k}", date_of_birth=date(2012 + (i + k) % 10, 1 + i % 12, 1))
        for i, case in zip(numbers, cases, strict=True)
        for k in (0, 1)
    )
    people = Participant.objects.bulk_create(
        participant
        for i, case in zip(numbers, cases, strict=True)
        for participant in (
            Participant(case=case, name="IB", role=Role.SCHOOL, letter=ROLE_LETTERS[Role.SCHOOL],
                        colour="#1d4e89", user=managers[i % 10 == 0], is_case_manager=True),
            Participant(case=case, name="Ouder", role=Role.PARENTS,
                        letter=ROLE_LETTERS[Role.PARENTS], colour="#b3261e"),
        )
    )  # fmt: skip
    questions = HelpQuestion.objects.bulk_create(
        HelpQuestion(
            case=case,
            child=children[2 * n + q % 2] if DOMAINS[(i + q) % 5] in CHILD_ONLY else None,
            domain=DOMAINS[(i + q) % 5],
            date_text="",
            starts_on=month(i + q),
            status=STATUSES[(i + q) % 4],
        )
        for n, (i, case) in enumerate(zip(numbers, cases, strict=True))
        for q in range(3)
    )
    Card.objects.bulk_create(
        card(case, children[2 * n : 2 * n + 2], people[2 * n], questions[3 * n : 3 * n + 3], i, j)
        for n, (i, case) in enumerate(zip(numbers, cases, strict=True))
        for j in range(cards_per_case)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(case=case, held_on=month(i), goal="inform")
        for i, case in zip(numbers, cases, strict=True)
    )
    Agreement.objects.bulk_create(
        Agreement(case=meeting.case, meeting=meeting, what="Bellen", owner=people[2 * n],
                  due_on=meeting.held_on + timedelta(days=30 * a), status="done" if a else "open",
                  status_set_at=datetime(2024, 3, 1, tzinfo=UTC))
        for n, meeting in enumerate(meetings)
        for a in (0, 1)
    )  # fmt: skip
    answers = HelpSatisfaction.objects.bulk_create(
        HelpSatisfaction(case=case, participant=people[2 * n + p],
                         party=Party.SCHOOL if p == 0 else Party.PARENTS,
                         satisfaction=SATISFACTIONS[(i + p) % 3])
        for n, (i, case) in enumerate(zip(numbers, cases, strict=True))
        for p in (0, 1)
    )  # fmt: skip
    HelpSatisfaction.objects.filter(pk__in=[a.pk for a in answers]).update(
        given_at=datetime(2024, 5, 1, tzinfo=UTC)
    )
    HelpSatisfactionReason.objects.bulk_create(
        HelpSatisfactionReason(answer=answer, reason=REASONS[(n + r) % len(REASONS)])
        for n, answer in enumerate(answers)
        for r in range(n % 3)
    )


CHILD_ONLY = {Domain.LEARNING, Domain.SOCIAL_EMOTIONAL, Domain.PHYSICAL}


def card(case, children, author, questions, i: int, j: int) -> Card:
    kind = KINDS[j % len(KINDS)]
    is_help = kind == CardKind.HELP
    question = questions[j % 3] if is_help and j % 3 == 0 else None
    start = month(i + j)
    return Card(
        case=case,
        child=children[j % 2] if j % 5 else None,
        kind=kind,
        author=author,
        text="Een kaartje",
        domain=(question.domain if question else DOMAINS[(i + j) % 5]) if is_help else "",
        question=question,
        date_text=f"{start.month}-{start.year}",
        starts_on=start,
        ends_on=start + timedelta(days=27 + 60 * (j % 4)),
        precision="month",
        is_draft=j % 17 == 16,
    )


def report(cases):
    return build_report(count_figures(cases, PERIOD), 10, NETWORK)


def raw_count(case_ids: list[int] | None = None) -> int:
    """One count over the rows the report reads, without any of its logic."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM cases_case)"
            " + (SELECT COUNT(*) FROM cases_child)"
            " + (SELECT COUNT(*) FROM timeline_card WHERE kind = 'help')"
            " + (SELECT COUNT(*) FROM help_helpquestion)"
            " + (SELECT COUNT(*) FROM help_helpsatisfaction)"
        )
        return cursor.fetchone()[0]


def timed(function, repeat: int) -> list[float]:
    function()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--cards-per-case", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if Network.objects.filter(name=NETWORK).exists():
        sys.exit("This database already holds the benchmark's network; use an empty one.")
    started = time.perf_counter()
    network, schools, managers = build_network()
    for first in range(0, args.cases, CHUNK):
        with transaction.atomic():
            build_cases(range(first, min(first + CHUNK, args.cases)), managers, args.cards_per_case)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    cards, took = args.cases * args.cards_per_case, time.perf_counter() - started
    print(f"built {args.cases:,} cases with {2 * args.cases:,} children and {cards:,} cards "
          f"in {took:.1f} s")  # fmt: skip

    everyone = cases_in_network(network)
    smaller = everyone.filter(pk__in=cases_of_organisations([schools[1]]).values("pk"))
    counts, results = [], []
    for cases in (everyone, smaller):
        with CaptureQueriesContext(connection) as queries:
            results.append(report(cases))
        counts.append(len(queries.captured_queries))
    samples = timed(lambda: report(everyone), args.repeat)
    baseline = timed(raw_count, args.repeat)
    median, base = statistics.median(samples), statistics.median(baseline)
    print(f"report over {args.cases:,} cases: median {median:.3f} s, slowest {max(samples):.3f} s")
    print(
        f"raw count of the same rows: median {base:.3f} s; report / raw count {median / base:.1f}x"
    )
    same = "" if counts[0] == counts[1] else "  DIFFERENT"
    print(f"queries: {counts[0]} for the network, {counts[1]} for its smaller member "
          f"({smaller.count():,} cases){same}")  # fmt: skip
    print(f"children counted: {results[0].counts[1][1].text}; target 2 s: "
          f"{'met' if median <= 2 else 'missed'}")  # fmt: skip


if __name__ == "__main__":
    main()
