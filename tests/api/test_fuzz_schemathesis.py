"""Schemathesis generates requests from the OpenAPI schema; none may cause a server error.

Each API operation gets its own batch of generated requests (bodies, paths and query strings
that fit the schema, and some that do not), sent as the case manager of a real case.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.checks import not_a_server_error

from rondom.api.models import ApiToken
from rondom.wsgi import application

from ..conftest import question_of

EXAMPLES_PER_OPERATION = 30
# A fixed seed: every run sends the same requests, so a failure can be repeated and CI is
# never red by chance. RONDOM_FUZZ_SEED explores other inputs on purpose.
SEED = int(os.environ.get("RONDOM_FUZZ_SEED", "20261124"))


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request, as it should in
    production; inside a test transaction that would end the test's own connection. Django's
    test client avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_never_answers_with_a_server_error(story, manager, keep_test_connection):
    _token, key = ApiToken.objects.issue(manager)
    # Half of the requests aim at objects that exist, so the object-level code is fuzzed too.
    real_ids = {
        "cases": story["case"].pk,
        "children": story["child"].pk,
        "participants": story["parent"].pk,
        "school-periods": story["child"].school_periods.first().pk,
        "cards": story["help_card"].pk,
        "questions": question_of(story).pk,
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20  # list, create, read, replace, change, delete per resource
    sent = []

    for operation in operations:

        @seed(SEED)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def fuzz(case):
            if case.path_parameters and "id" in case.path_parameters and len(sent) % 2:
                case.path_parameters["id"] = real_ids[case.path.split("/")[3]]
            case.call_and_validate(
                headers={"Authorization": f"Token {key}"}, checks=[not_a_server_error]
            )
            sent.append(case.operation.label)

        fuzz()
    print(f"schemathesis: {len(sent)} requests over {len(operations)} operations")
    assert len(sent) >= len(operations) * 5
