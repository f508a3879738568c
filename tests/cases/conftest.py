from datetime import date

import pytest

from rondom.accounts.models import Membership, Organisation
from rondom.cases.models import Role

from ..conftest import make_user


def consent_for(story, person, **scopes) -> None:
    story["case"].consents.create(
        given_by=story["parent"],
        participant=person,
        purpose="samen bespreken",
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
        **scopes,
    )


@pytest.fixture
def people(story, other_story, manager, parent_user):
    """One account for every role towards the story's case, from outsider to site admin."""
    no_consent = make_user("zonder@toestemming.test")
    story["builder"].person("Zonder toestemming", Role.OTHER, no_consent)
    participant = make_user("coach@jeugd.test")
    consent_for(story, story["builder"].person("Coach", Role.YOUTH_CARE, participant))
    # A consent that covers the timeline and meetings, but not the agreements.
    no_agreements = make_user("leerkracht@school.test")
    teacher = story["builder"].person("Leerkracht", Role.SCHOOL, no_agreements)
    consent_for(story, teacher, agreements=False)
    org_admin = make_user("beheer@school.test")
    school = Organisation.objects.create(name="De Vlieger", kind="school")
    Membership.objects.create(organisation=school, user=org_admin, function="ib", is_admin=True)
    return {
        "outsider": make_user("buiten@x.test"),
        "other_parent": other_story["parent"],
        "org_admin": org_admin,
        "no_consent": no_consent,
        "participant": participant,
        "no_agreements": no_agreements,
        "parent": parent_user,
        "case_manager": manager,
        "site_admin": make_user("admin@x.test", is_superuser=True, is_staff=True),
    }
