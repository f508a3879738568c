"""Rounds with known answers for the results tests: networks, coordinators and respondents.

A respondent here is made the way the app makes one: an invitation for the person, and a
response found by the key derived from it, with nothing in the database between the two.
"""

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rondom.networks.models import Network, NetworkRole
from rondom.scan.models import (
    Answer,
    Instrument,
    Invitation,
    Response,
    Round,
    Statement,
    audience_of,
)
from rondom.scan.respondents import link_token, response_key, token_hash
from rondom.scan.results import round_statements
from tests.conftest import make_user

DONT_KNOW = "?"


def network_with_coordinator(name: str = "Wijk Test", email: str = "coordinator@wijk.test"):
    network = Network.objects.create(name=name)
    coordinator = make_user(email)
    NetworkRole.objects.create(network=network, user=coordinator)
    return network, coordinator


def closed_round(network, *, days_ago: int = 10, previous=None, instrument=None, own=()) -> Round:
    """A round that closed `days_ago` days ago, after three weeks open."""
    today = timezone.localdate()
    made = Round.objects.create(
        network=network,
        instrument=instrument or Instrument.current(),
        opens_on=today - timedelta(days=days_ago + 21),
        closes_on=today - timedelta(days=days_ago),
        previous=previous,
    )
    made.own_statements.add(*own)
    return made


def open_round(network) -> Round:
    today = timezone.localdate()
    return Round.objects.create(
        network=network,
        instrument=Instrument.current(),
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
    )


def own_statement(network, code: str = "own-lunch", text: str = "We lunchen samen.") -> Statement:
    return Statement.objects.create(
        network=network, audience="professional", level="relations", code=code, position=100,
        text=text,
    )  # fmt: skip


_counter = iter(range(1, 10**9))


def respond(
    round: Round,
    sector: str,
    *,
    default=(3, 3, False),
    answers: dict | None = None,
    remarks: dict | None = None,
    submitted: bool = True,
    email: str | None = None,
) -> Response:
    """One person's answers: `answers` maps a code to (now, importance, act), where now may be
    DONT_KNOW; every other statement of the person's audience gets `default`."""
    email = email or f"person{next(_counter)}@respondent.test"
    invitation = Invitation.objects.create(round=round, email=email, sector=sector)
    invitation.token_hash = token_hash(link_token(invitation.pk))
    if submitted:
        invitation.answered_at = timezone.now()
    invitation.save()
    audience = audience_of(sector)
    response = Response.objects.create(
        round=round, key=response_key(invitation.pk), sector=sector, audience=audience,
        submitted=submitted,
    )  # fmt: skip
    rows = []
    for statement in round_statements(round):
        if statement.audience != audience:
            continue
        now, importance, act = (answers or {}).get(statement.code, default)
        rows.append(Answer(
            response=response, statement=statement, now=None if now == DONT_KNOW else now,
            dont_know=now == DONT_KNOW, importance=importance, act=act,
            remark=(remarks or {}).get(statement.code, ""),
        ))  # fmt: skip
    Answer.objects.bulk_create(rows)
    return response


def respond_many(round: Round, sector: str, count: int, **kwargs) -> list[Response]:
    return [respond(round, sector, **kwargs) for _ in range(count)]


def each(values: list, count: int, key: str) -> list[dict]:
    """Per respondent n, the answer to `key` from the n-th entry of `values`."""
    assert len(values) == count
    return [{key: value} for value in values]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, round: Round, *extra) -> str:
    return reverse(f"scan:{name}", args=[round.network_id, round.pk, *extra])


def today() -> date:
    return timezone.localdate()
