"""A realistic installation at scale, for load tests, built with bulk inserts through the models.

By default: 200 organisations; 2,000 professionals with a membership and a second factor;
20,000 cases, each with 2 children and their school careers, the case manager, a youth-care
professional and the parents (half of them with an account), consent in most cases, 40 cards
with their first revision, 2 meetings, 3 agreements; and 1,000,000 lines of access log with a
valid hash chain. Prints how long each part took.

Usage: DATABASE_URL=postgres://rondom@127.0.0.1:54329/rondom_scale \\
           python benchmarks/scale_data.py [--cases 20000] [--log-lines 1000000]
Professionals and organisations follow --cases (one per 10 and one per 100 cases) unless given.
It migrates the database first, and refuses one that already holds a scale dataset.
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.utils import encrypt  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from scale_accounts import (  # noqa: E402  (benchmarks/scale_accounts.py)
    DOMAIN,
    PASSWORD,
    parent_email,
    professional_email,
    totp_secret,
)

from rondom.accounts.models import Membership, Organisation, User  # noqa: E402
from rondom.audit.models import AuditEvent  # noqa: E402
from rondom.career.models import GroupYear, PeriodKind, SchoolPeriod  # noqa: E402
from rondom.cases.colours import PALETTE  # noqa: E402
from rondom.cases.models import ROLE_LETTERS, Case, Child, Consent, Participant, Role  # noqa: E402
from rondom.meetings.models import (  # noqa: E402
    Agreement,
    Attendance,
    Factor,
    Goal,
    KeyMoment,
    Meeting,
    Step,
    StepNote,
)
from rondom.timeline.card_fields import (  # noqa: E402
    MANY_PEOPLE_FIELDS,
    WRITTEN_FIELDS,
    written_value,
)
from rondom.timeline.kinds import CardKind, Domain, HomeAspect, Rating  # noqa: E402
from rondom.timeline.models import Card, CardRevision  # noqa: E402

CHUNK = 250  # cases per transaction: big enough for fast inserts, small enough for memory
LOG_BATCH = 10_000
ORGANISATION_KINDS = [  # in turn, so that even two organisations have a school and youth care
    (Organisation.Kind.SCHOOL, "Basisschool", "ib"),
    (Organisation.Kind.YOUTH_CARE, "Jeugdhulp", "family_coach"),
    (Organisation.Kind.SCHOOL, "Kindcentrum", "ib"),
    (Organisation.Kind.LOCAL_TEAM, "Jeugdteam", "family_coach"),
    (Organisation.Kind.CHILDCARE, "Kinderopvang", "childcare_worker"),
]
NAMES = ["Noor", "Sem", "Yara", "Daan", "Amira", "Lucas", "Sara", "Milan", "Lina", "Adam"]
SURNAMES = ["de Jong", "Jansen", "El Idrissi", "Yilmaz", "Bakker", "Visser", "Smit", "Mulder"]
KINDS = list(CardKind)
RATINGS = [Rating.GOOD, Rating.NEUTRAL, Rating.NOT_GOOD, ""]


class Timer:
    """Seconds and rows per part, added up over the chunks."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.rows: dict[str, int] = defaultdict(int)

    @contextmanager
    def part(self, name: str, rows: int = 0) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] += time.perf_counter() - started
        self.rows[name] += rows

    def report(self) -> None:
        for name, seconds in self.seconds.items():
            rate = self.rows[name] / seconds if seconds and self.rows[name] else 0
            print(f"{name:<28} {self.rows[name]:>10,} rows {seconds:8.1f} s {rate:>10,.0f} rows/s")


@dataclass
class Professional:
    user_id: int
    email: str
    organisation: str


@dataclass
class CaseSummary:
    """What the access log needs to name plausible lines."""

    case_id: int
    manager: Professional
    child_ids: tuple[int, ...]
    reason: str


def build_organisations(count: int, timer: Timer) -> list[Organisation]:
    with timer.part("organisations", count), transaction.atomic():
        organisations = [
            Organisation(
                name=f"{ORGANISATION_KINDS[i % 5][1]} {i:03d}", kind=ORGANISATION_KINDS[i % 5][0]
            )
            for i in range(count)
        ]
        return Organisation.objects.bulk_create(organisations)


def build_professionals(
    count: int, organisations: list[Organisation], timer: Timer
) -> tuple[list[Professional], list[Professional]]:
    """(school staff who manage cases, youth-care and childcare staff), with a second factor."""
    password = make_password(PASSWORD)
    with timer.part("professionals", count), transaction.atomic():
        users = User.objects.bulk_create(
            User(
                email=professional_email(i),
                first_name=NAMES[i % len(NAMES)],
                last_name=SURNAMES[i % len(SURNAMES)],
                kind=User.Kind.PROFESSIONAL,
                password=password,
            )
            for i in range(count)
        )
        memberships = []
        for i, user in enumerate(users):
            organisation = organisations[i % len(organisations)]
            function = ORGANISATION_KINDS[i % len(organisations) % 5][2]
            is_first = i < len(organisations)
            memberships.append(
                Membership(
                    organisation=organisation, user=user, function=function, is_admin=is_first
                )
            )
        Membership.objects.bulk_create(memberships)
    with timer.part("second factors", count), transaction.atomic():
        Authenticator.objects.bulk_create(
            Authenticator(
                user=user,
                type=Authenticator.Type.TOTP,
                data={"secret": encrypt(totp_secret(user.email))},
            )
            for user in users
        )
    schools, others = [], []
    for membership in memberships:
        person = Professional(
            membership.user.pk, membership.user.email, membership.organisation.name
        )
        (schools if membership.function == "ib" else others).append(person)
    return schools, others


def participant(case: Case, role: str, name: str, place: int, **fields) -> Participant:
    """The `place`-th person of the case, coloured as the app colours new people."""
    return Participant(
        case=case,
        role=role,
        name=name,
        letter=ROLE_LETTERS[role],
        colour=PALETTE[place % len(PALETTE)],
        **fields,
    )


def school_year(day: date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def card_for(case, children, authors, j: int, per_case: int, today: date) -> Card:
    """Cards go round the kinds, ratings, children and authors, from birth to today."""
    child = children[j % 2] if j % 7 else None
    born = (child or children[0]).date_of_birth
    year = born.year + j * (today.year - born.year) // per_case
    month = 1 + (j * 5) % 12
    if date(year, month, 28) > today:
        year -= 1
    kind = KINDS[j % len(KINDS)]
    card = Card(
        case=case,
        child=child,
        kind=kind,
        author=authors[j % len(authors)],
        text=f"Kaartje {j}: wat er gebeurde en hoe het ging, in een paar zinnen.",
        text_less_well="Wat minder goed ging." if j % 4 == 0 else "",
        rating=RATINGS[j % 4],
        provider="Jeugdteam" if kind == CardKind.HELP else "",
        domain=Domain.LEARNING if kind == CardKind.HELP else "",
        aspect=list(HomeAspect)[j % 4] if kind == CardKind.HOME else "",
        is_draft=j % 20 == 19,
        date_text=f"{month}-{year}",
        starts_on=date(year, month, 1),
        ends_on=date(year, month, 28),
        precision="month",
    )
    if j % 20 == 7:  # waits in the tray of cards without a place yet
        card.date_text, card.starts_on, card.ends_on, card.precision = "", None, None, "none"
    return card


def first_revision(card: Card, user_id: int) -> CardRevision:
    changes = {}
    for field in WRITTEN_FIELDS:
        if field not in MANY_PEOPLE_FIELDS:
            value = written_value(card, field)
            if value not in ("", None):
                changes[field] = [None, value]
    return CardRevision(
        card=card,
        version=1,
        action=CardRevision.Action.CREATED,
        changed_by_id=user_id,
        changes=changes,
        draft=card.is_draft,
        author_id=card.author_id,
    )


def build_cases(
    numbers: range,
    schools: list[Professional],
    others: list[Professional],
    cards_per_case: int,
    timer: Timer,
) -> list[CaseSummary]:
    rng = random.Random(numbers.start)
    today = timezone.localdate()
    anonymous = {i for i in numbers if i % 7 == 3}  # about one in seven: no consent yet
    with_parent_account = [i for i in numbers if i % 2 == 0 and i not in anonymous]

    with timer.part("parent accounts", len(with_parent_account)):
        parents = User.objects.bulk_create(
            User(
                email=parent_email(i),
                first_name="Ouder",
                kind=User.Kind.PARENT,
                password=make_password(None),
            )
            for i in with_parent_account
        )
        parent_of = dict(zip(with_parent_account, parents, strict=True))

    with timer.part("cases", len(numbers)):
        managers = {i: schools[i % len(schools)] for i in numbers}
        coaches = {i: others[i % len(others)] for i in numbers}
        cases = Case.objects.bulk_create(
            Case(
                title=f"Familie {SURNAMES[i % len(SURNAMES)]} {i}",
                created_by_id=managers[i].user_id,
                is_anonymous=i in anonymous,
            )
            for i in numbers
        )
        by_number = dict(zip(numbers, cases, strict=True))

    with timer.part("children", 2 * len(numbers)):
        children = Child.objects.bulk_create(
            Child(
                case=case,
                name=NAMES[(i + k) % len(NAMES)],
                date_of_birth=date(
                    2011 + rng.randrange(9), 1 + rng.randrange(12), 1 + rng.randrange(28)
                ),
            )
            for i, case in by_number.items()
            for k in (0, 1)
        )
        children_of = {case.pk: children[2 * n : 2 * n + 2] for n, case in enumerate(cases)}

    with timer.part("participants and consent"):
        people: dict[int, list[Participant]] = {}
        for i, case in by_number.items():
            manager, coach = managers[i], coaches[i]
            people[i] = [
                participant(
                    case,
                    Role.SCHOOL,
                    f"IB {manager.email[:8]}",
                    0,
                    user_id=manager.user_id,
                    organisation=manager.organisation,
                    function="intern begeleider",
                    is_case_manager=True,
                ),
                participant(
                    case,
                    Role.YOUTH_CARE,
                    f"Coach {coach.email[:8]}",
                    1,
                    user_id=coach.user_id,
                    organisation=coach.organisation,
                    function="gezinscoach",
                ),
                participant(case, Role.MOTHER, "Moeder", 2, user=parent_of.get(i)),
            ]
            if i % 2:
                people[i].append(participant(case, Role.FATHER, "Vader", 3))
        all_people = [p for group in people.values() for p in group]
        Participant.objects.bulk_create(all_people)
        consents = [
            Consent(
                case=by_number[i],
                given_by=group[2],
                participant=person,
                purpose="Samen de tijdlijn opstellen en bespreken",
                valid_from=today - timedelta(days=200),
                valid_until=today + timedelta(days=365),
                recorded_by_id=managers[i].user_id,
            )
            for i, group in people.items()
            if i not in anonymous
            for person in group[:2]
        ]
        Consent.objects.bulk_create(consents)
        timer.rows["participants and consent"] += len(all_people) + len(consents)

    with timer.part("school careers"):
        periods = SchoolPeriod.objects.bulk_create(
            SchoolPeriod(
                child=child,
                kind=PeriodKind.SCHOOL,
                name=managers[i].organisation,
                start_text=f"augustus {child.date_of_birth.year + 4}",
                starts_on=date(child.date_of_birth.year + 4, 8, 1),
            )
            for i, case in by_number.items()
            for child in children_of[case.pk]
        )
        group_years = [
            GroupYear(period=period, school_year=year, group=str(n + 1))
            for period in periods
            for n, year in enumerate(range(period.starts_on.year, school_year(today) + 1))
            if n < 8
        ]
        GroupYear.objects.bulk_create(group_years)
        timer.rows["school careers"] += len(periods) + len(group_years)

    with timer.part("cards", cards_per_case * len(numbers)):
        cards = Card.objects.bulk_create(
            card_for(case, children_of[case.pk], people[i][:3], j, cards_per_case, today)
            for i, case in by_number.items()
            for j in range(cards_per_case)
        )
    with timer.part("card revisions", len(cards)):
        user_of = {p.pk: p.user_id for p in all_people}
        CardRevision.objects.bulk_create(
            first_revision(card, user_of[card.author_id] or card.case.created_by_id)
            for card in cards
        )

    with timer.part("meetings and agreements"):
        build_meetings(by_number, people, managers, cards, cards_per_case, today, timer)

    return [
        CaseSummary(
            case.pk,
            managers[i],
            tuple(c.pk for c in children_of[case.pk]),
            "anonymous case" if i in anonymous else "consent",
        )
        for i, case in by_number.items()
    ]


def build_meetings(by_number, people, managers, cards, cards_per_case, today, timer) -> None:
    """A meeting held three months ago with notes, agreements and key moments; one planned."""
    meetings = []
    for i, case in by_number.items():
        held = Meeting(
            case=case,
            held_on=today - timedelta(days=90),
            goal=Goal.INFORM,
            next_meeting_on=today + timedelta(days=21),
            created_by_id=managers[i].user_id,
        )
        planned = Meeting(
            case=case,
            held_on=today + timedelta(days=21),
            goal=Goal.DECIDE_HELP,
            created_by_id=managers[i].user_id,
        )
        meetings += [held, planned]
    Meeting.objects.bulk_create(meetings)
    notes, attendances, factors, agreements, moments = [], [], [], [], []
    for n, (i, case) in enumerate(by_number.items()):
        held, planned = meetings[2 * n], meetings[2 * n + 1]
        for step in Step:
            notes.append(StepNote(meeting=held, step=step, text=f"Aantekeningen bij stap {step}."))
            notes.append(StepNote(meeting=planned, step=step))
        attendances += [Attendance(meeting=held, participant=p) for p in people[i][:3]]
        factors += [
            Factor(meeting=held, kind=Factor.Kind.HELPING, text="Vaste juf"),
            Factor(meeting=held, kind=Factor.Kind.HINDERING, text="Lange wachtlijst"),
        ]
        for k, (due, status) in enumerate(
            [(-30, Agreement.Status.DONE), (-7, Agreement.Status.OPEN), (30, Agreement.Status.OPEN)]
        ):
            agreements.append(
                Agreement(
                    case=case,
                    meeting=held,
                    what=f"Afspraak {k + 1}",
                    owner=people[i][k],
                    due_on=today + timedelta(days=due),
                    status=status,
                )
            )
        shared = [
            c for c in cards[n * cards_per_case : (n + 1) * cards_per_case][:6] if not c.is_draft
        ]
        moments += [KeyMoment(meeting=held, card=card) for card in shared[:2]]
    StepNote.objects.bulk_create(notes)
    Attendance.objects.bulk_create(attendances)
    Factor.objects.bulk_create(factors)
    Agreement.objects.bulk_create(agreements)
    KeyMoment.objects.bulk_create(moments)
    timer.rows["meetings and agreements"] += (
        len(meetings)
        + len(notes)
        + len(attendances)
        + len(factors)
        + len(agreements)
        + len(moments)
    )


# --- the access log --------------------------------------------------------------------------


def log_head() -> tuple[int, str]:
    last = AuditEvent.objects.order_by("-seq").first()
    return (last.seq, last.hash) if last else (0, "0" * 64)


def write_log_lines(events: list[AuditEvent], head: tuple[int, str]) -> tuple[int, str]:
    """Number, chain and insert lines after `head`; returns the new head.

    The one place that knows how a line is sealed. Where the chain module is gone (sealing as
    a separate step), the lines go in unsealed and that step seals them.
    """
    try:
        from rondom.audit.chain import Seal, audit_key, seal_hash
    except ImportError:
        seal_hash = None
    seq, previous = head
    for event in events:
        seq += 1
        event.seq = seq
        if seal_hash is not None:
            event.prev_hash, event.seal = previous, Seal.HMAC_SHA256
            event.hash = previous = seal_hash(event, Seal.HMAC_SHA256, audit_key())
    AuditEvent.objects.bulk_create(events)
    return seq, previous


def log_line(summary: CaseSummary, n: int, at: datetime) -> AuditEvent:
    """Mostly timeline pages, then case pages and API reads: what people do all day."""
    child = summary.child_ids[n % len(summary.child_ids)]
    action, channel, child_id = [
        ("view timeline:child", AuditEvent.Channel.PAGE, child),
        ("view timeline:child", AuditEvent.Channel.PAGE, child),
        ("view cases:detail", AuditEvent.Channel.PAGE, None),
        ("view api:card-list", AuditEvent.Channel.API, None),
        ("view meetings:detail", AuditEvent.Channel.PAGE, None),
    ][n % 5]
    return AuditEvent(
        at=at,
        actor_id=summary.manager.user_id,
        actor_label=summary.manager.email,
        case_id=summary.case_id,
        child_id=child_id,
        action=action,
        channel=channel,
        reason=summary.reason,
    )


def build_access_log(lines: int, summaries: list[CaseSummary], timer: Timer) -> None:
    """A year of use, oldest first, so the times go up with the numbers as in a real log."""
    if not lines or not summaries:
        return
    rng = random.Random(7)
    head = log_head()
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / lines
    for first in range(0, lines, LOG_BATCH):
        count = min(LOG_BATCH, lines - first)
        with timer.part("access log", count), transaction.atomic():
            events = [
                log_line(rng.choice(summaries), n, start + step * n)
                for n in range(first, first + count)
            ]
            head = write_log_lines(events, head)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--log-lines", type=int, default=1_000_000)
    parser.add_argument("--professionals", type=int, help="default: one per 10 cases")
    parser.add_argument("--organisations", type=int, help="default: one per 100 cases")
    parser.add_argument("--cards-per-case", type=int, default=40)
    args = parser.parse_args()
    professionals = args.professionals or max(4, args.cases // 10)
    organisations = args.organisations or max(2, args.cases // 100)
    organisations = min(organisations, professionals)
    started = time.perf_counter()
    timer = Timer()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    with timer.part("migrate"):
        call_command("migrate", verbosity=0)
    if User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        sys.exit("This database already holds a scale dataset; use an empty one.")
    schools, others = build_professionals(
        professionals, build_organisations(organisations, timer), timer
    )
    if not schools or not others:
        sys.exit("Give at least two organisations: a school and a youth-care provider.")
    summaries: list[CaseSummary] = []
    for first in range(0, args.cases, CHUNK):
        with transaction.atomic():
            numbers = range(first, min(first + CHUNK, args.cases))
            summaries += build_cases(numbers, schools, others, args.cards_per_case, timer)
        if (first // CHUNK) % 20 == 19:
            print(f"  {len(summaries):,} cases after {time.perf_counter() - started:.0f} s")
    build_access_log(args.log_lines, summaries, timer)
    if connection.vendor == "postgresql":
        with timer.part("vacuum analyze"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # fresh statistics, as a live database has
    timer.report()
    print(f"{'total':<28} {'':>15} {time.perf_counter() - started:8.1f} s")
    print(f"log in as {professional_email(0)} with password {PASSWORD!r} and a TOTP code")


if __name__ == "__main__":
    main()
