"""A signal's text is checked for the names and dates of birth of its case."""

from datetime import date

import pytest

from rondom.cases.models import Case, Child, Participant
from rondom.monitor.identity import identifying_words


@pytest.fixture
def case(db) -> Case:
    case = Case.objects.create(title="Familie van der Berg")
    Child.objects.create(case=case, name="Yassin", date_of_birth=date(2012, 10, 3))
    Participant.objects.create(case=case, name="Samira El Amrani", role="parent")
    return case


def test_names_and_dates_of_birth_in_any_common_form_are_found(case):
    text = (
        "Yassin (geb. 03-10-2012) wacht al maanden; moeder Samira belde, zie ook 2012-10-03 "
        "en 3 oktober 2012. De familie Berg heeft geen plek."
    )
    assert identifying_words(text, case) == [
        "Yassin", "03-10-2012", "Samira", "2012-10-03", "3 oktober 2012", "Berg",
    ]  # fmt: skip


def test_a_text_about_policy_alone_passes(case):
    text = "De wachtlijst voor jeugd-GGZ is 9 maanden; van der de el: lidwoorden tellen niet."
    assert identifying_words(text, case) == []


def test_a_name_inside_another_word_or_another_date_does_not_count(case):
    text = "Yassinstraat bestaat niet; op 13-10-2012 en 3-10-20120 gebeurde niets bijzonders."
    assert identifying_words(text, case) == []
