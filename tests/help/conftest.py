import pytest
from django.test import Client

from rondom.cases.models import Role

from ..cases.conftest import people  # noqa: F401  (every role towards the story's case)


@pytest.fixture
def parent_client(parent_user) -> Client:
    client = Client()
    client.force_login(parent_user)
    return client


@pytest.fixture
def grandma(story):
    """Someone at the table without an account: the case manager fills in for her."""
    return story["builder"].person("Oma Fatima", Role.OTHER)
