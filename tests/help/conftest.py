import pytest
from django.test import Client

from rondom.cases.models import Role
from rondom.timeline.card_changes import create_card
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

from ..cases.conftest import people  # noqa: F401  (every role towards the story's case)
from ..conftest import coach_with_consent

MARKER = "GEHEIM-HULPVRAAG-7731"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def parent_client(parent_user) -> Client:
    return client_for(parent_user)


@pytest.fixture
def grandma(story):
    """Someone at the table without an account: the case manager fills in for her."""
    return story["builder"].person("Oma Fatima", Role.OTHER)


@pytest.fixture
def coach(story):
    """A youth-care professional in the story's case, with consent, who raised nothing."""
    return coach_with_consent(story)


@pytest.fixture
def draft_card(story, manager) -> Card:
    """The case manager's private draft: nobody else may learn it exists."""
    card = Card(
        case=story["case"], kind=CardKind.LIFE_EVENT, author=story["school"], text="Kladje",
        child=story["child"], is_draft=True,
    )  # fmt: skip
    return create_card(card, manager)
