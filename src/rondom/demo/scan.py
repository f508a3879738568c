"""The samenwerkingsscan of Wijk Centrum: two closed rounds half a year apart, and one open.

The first round found that information went round too slowly (*info-share* low on now,
high on importance); the network agreed that each school gets a fixed contact in the
youth team, and the second round shows that score rising. School and youth care see the
sharing of information differently in the first round, which the heat map marks.

The answers are made up from a fixed seed, so every run is the same; the dates count back
from today. The first round's answers are already erased, as after 90 days they would be,
and only its sums remain. Everyone who answered is a made-up address on `wijkcentrum.test`. The open
round invites the demo logins, who can fill it in, and already holds a few answers.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from rondom.accounts.models import Organisation, User
from rondom.networks.models import Network, NetworkAgreement
from rondom.scan.instruments import current_instrument
from rondom.scan.models import (
    Answer,
    Invitation,
    Response,
    Round,
    Sector,
    Statement,
    StatementAgreement,
    audience_of,
)
from rondom.scan.respondents import link_token, response_key, token_hash
from rondom.scan.retention import keep_sums_and_delete_answers, rounds_due

from .accounts import LOCAL_TEAM

SEED = 14

OWN_STATEMENT = (
    "We weten in de wijk bij wie we snel terechtkunnen om even mee te denken over een kind."
)

# How many made-up people of each sector answered each round. Municipality and other are
# each under five, so they are pooled as "overig", which reaches five together.
CLOSED_ROUND_SECTORS = {
    Sector.SCHOOL: 11,
    Sector.YOUTH_CARE: 8,
    Sector.CHILDCARE: 6,
    Sector.PARENT: 7,
    Sector.MUNICIPALITY: 3,
    Sector.OTHER: 2,
}
OPEN_ROUND_SECTORS = {Sector.SCHOOL: 2, Sector.CHILDCARE: 1}

# The demo logins invited to the open round, with their sector.
OPEN_ROUND_LOGINS = {
    "ib": Sector.SCHOOL,
    "teacher": Sector.SCHOOL,
    "youth_care": Sector.YOUTH_CARE,
    "mother": Sector.PARENT,
    "father": Sector.PARENT,
}

# The typical "now" score of some statements per round (the rest sit around 3.4), and how a
# sector differs from it.
NOW = {
    1: {"info-share": 2.2, "info-connect": 2.0, "gov-means": 2.4, "rel-meet": 4.2,
        "pro-trust": 4.1, "par-once": 2.3, "par-listen": 3.9},
    2: {"info-share": 3.4, "info-connect": 2.2, "gov-means": 2.5, "rel-meet": 4.3,
        "pro-trust": 4.2, "par-once": 2.9, "par-listen": 4.0},
    3: {},
}  # fmt: skip
SECTOR_VIEW = {
    ("info-share", Sector.SCHOOL): -0.8,
    ("info-share", Sector.YOUTH_CARE): +0.9,
    ("gov-means", Sector.CHILDCARE): -0.7,
    ("proc-parents", Sector.YOUTH_CARE): +0.8,
    ("proc-parents", Sector.SCHOOL): -0.6,
}
IMPORTANT = {"info-share": 4.7, "info-connect": 4.2, "gov-means": 4.4, "par-once": 4.6}

REMARKS = [
    "Soms hoor ik pas weken later dat er hulp is gestart.",
    "Het vaste overleg op dinsdag werkt goed.",
    "We moeten elkaars werk beter kennen, nu blijft het bij namen.",
    "Ik weet niet altijd wie er bij het jeugdteam mijn vraag oppakt.",
    "Fijn dat de leerkracht meedenkt.",
]


@dataclass
class Plan:
    number: int
    opens: date
    closes: date
    sectors: dict


def ensure_demo_scan(network: Network, users: dict[str, User]) -> int:
    """Make the rounds once; returns how many people answered in them."""
    if Round.objects.filter(network=network).exists():
        return 0
    today = timezone.localdate()
    instrument = current_instrument()
    own = Statement.objects.create(
        network=network,
        audience="professional",
        level="relations",
        code="own-consult",
        position=100,
        text=OWN_STATEMENT,
    )
    plans = [
        Plan(1, today - timedelta(days=200), today - timedelta(days=186), CLOSED_ROUND_SECTORS),
        Plan(2, today - timedelta(days=17), today - timedelta(days=3), CLOSED_ROUND_SECTORS),
        Plan(3, today - timedelta(days=2), today + timedelta(days=19), OPEN_ROUND_SECTORS),
    ]
    statements = list(instrument.statements.all()) + [own]
    rng = random.Random(SEED)
    previous, answered = None, 0
    for plan in plans:
        made = Round.objects.create(
            network=network,
            instrument=instrument,
            opens_on=plan.opens,
            closes_on=plan.closes,
            previous=previous,
            created_by=users["coordinator"],
        )
        made.own_statements.add(own)
        answered += _answer(made, plan, statements, rng)
        if plan.number == 1:
            _agreement_from(made, users)
        previous = made
    _invite_logins(previous, users)
    # The first round closed half a year ago: as `rondom purge` would have done, only its
    # sums are left.
    for due in rounds_due(today).filter(network=network):
        keep_sums_and_delete_answers(due.pk)
    return answered


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _invite(round: Round, people: list[tuple[str, str, User | None]]) -> list[Invitation]:
    invitations = Invitation.objects.bulk_create(
        Invitation(
            round=round,
            email=email,
            sector=sector,
            user=user,
            invited_by=round.created_by,
            invited_at=_at(round.opens_on),
        )
        for email, sector, user in people
    )
    for invitation in invitations:
        invitation.token_hash = token_hash(link_token(invitation.pk))
    Invitation.objects.bulk_update(invitations, ["token_hash"])
    return invitations


def _answer(round: Round, plan: Plan, statements: list[Statement], rng: random.Random) -> int:
    people = [
        (f"{sector}-{plan.number}-{n}@wijkcentrum.test", sector, None)
        for sector, count in plan.sectors.items()
        for n in range(1, count + 1)
    ]
    invitations = _invite(round, people)
    responses, answers = [], []
    for invitation in invitations:
        audience = audience_of(invitation.sector)
        response = Response(
            round=round,
            key=response_key(invitation.pk),
            sector=invitation.sector,
            audience=audience,
            submitted=True,
        )
        responses.append(response)
        for statement in statements:
            if statement.audience == audience:
                answers.append(_answer_to(response, statement, plan.number, rng))
        invitation.answered_at = _at(round.opens_on + timedelta(days=rng.randint(0, 10)))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    Invitation.objects.bulk_update(invitations, ["answered_at"])
    return len(responses)


def _score(mean: float, rng: random.Random) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.8))))


def _answer_to(response: Response, statement: Statement, number: int, rng: random.Random):
    code = statement.code
    mean = NOW[number].get(code, 3.4) + SECTOR_VIEW.get((code, response.sector), 0)
    dont_know = rng.random() < 0.06
    now = None if dont_know else _score(mean, rng)
    importance = _score(IMPORTANT.get(code, 3.9), rng)
    act = rng.random() < (0.85 if mean < 3 else 0.3)
    remark = rng.choice(REMARKS) if rng.random() < 0.03 else ""
    return Answer(
        response=response,
        statement=statement,
        now=now,
        dont_know=dont_know,
        importance=importance,
        act=act,
        remark=remark,
    )


def _agreement_from(round: Round, users: dict[str, User]) -> None:
    """What the network agreed after the first round, done before the second."""
    agreement = NetworkAgreement.objects.create(
        network=round.network,
        what="Elke school krijgt een vaste contactpersoon bij het jeugdteam, en we delen "
        "nieuws over de hulp binnen een week.",
        owner_organisation=Organisation.objects.get(name=LOCAL_TEAM),
        due_on=round.closes_on + timedelta(days=90),
        status=NetworkAgreement.Status.DONE,
        outcome="Alle drie de scholen hebben nu een vaste contactpersoon, en we overleggen "
        "elke maand.",
        status_set_by=users["coordinator"],
        status_set_at=_at(round.closes_on + timedelta(days=80)),
        created_by=users["coordinator"],
    )
    statement = round.instrument.statements.get(code="info-share")
    StatementAgreement.objects.create(round=round, statement=statement, agreement=agreement)


def _invite_logins(round: Round, users: dict[str, User]) -> None:
    _invite(
        round,
        [(users[key].email, sector, users[key]) for key, sector in OPEN_ROUND_LOGINS.items()],
    )
