"""Exact counts for a known set of cases, by the counting rules of the README's *Insight*."""

from collections import Counter
from datetime import date

import pytest

from rondom.cases.access import cases_in_figures
from rondom.insights.figures import count_figures, percentile
from rondom.insights.periods import AGE_GROUPS_BY_KEY, Period, birth_dates
from rondom.networks.access import cases_in_network

PERIOD = Period(date(2024, 1, 1), date(2024, 6, 30))


@pytest.mark.django_db
def test_exact_counts_of_a_known_set_of_cases(known_cases, network):
    figures = count_figures(cases_in_network(network), PERIOD)

    # Case A (anonymous) and case B (consent for figures); C lacks that consent, D was closed.
    assert figures.cases == 2
    assert figures.children == 3
    assert figures.child_cells == {
        # A1 asked and got help; B1's help fits its question without a link; A2 neither.
        "learning": {"both": 2, "question_only": 0, "help_only": 0, "neither": 1},
        # A question about the whole family counts for both of A's children; a draft is no help.
        "social_emotional": {"both": 0, "question_only": 2, "help_only": 0, "neither": 1},
        # Help without a question for A2; A1's help ended before the period.
        "physical": {"both": 0, "question_only": 0, "help_only": 1, "neither": 2},
    }
    assert figures.family_cells == {
        "parenting": {"both": 0, "question_only": 1, "help_only": 0, "neither": 1},
        # Help about one child counts for the family.
        "parent_other": {"both": 0, "question_only": 0, "help_only": 1, "neither": 1},
    }
    # A's four questions but the one of 2025, and B's; the deleted, the draft, the one
    # without a domain and the one of 2020 are no help in this period.
    assert figures.questions == 4
    assert figures.help_cards == 4
    assert figures.meetings == 1
    assert figures.agreements_on_time == 1
    # The parent's last answer in the period, and the school's.
    assert figures.satisfaction == {
        "parents": Counter(satisfied=1),
        "school": Counter(partly=1),
    }
    assert figures.reasons == {
        "parents": Counter(help_fits=1, skilled=1),
        "school": Counter(waiting=1),
    }
    # Learning: 1 January to 1 March 2024 is 60 days; to 1 February 31 days.
    assert figures.days_to_help == {"learning": Counter({60: 1, 31: 1})}
    # Open without help since 2023 and since February 2024, more than 84 days before 30 June.
    assert figures.open_long == {"social_emotional": 1, "parenting": 1}


@pytest.mark.django_db
def test_an_age_group_counts_its_children_and_their_families(known_cases, network):
    # On 30 June 2024 A1 is 9, A2 is 5 and B1 is 12.
    figures = count_figures(cases_in_network(network), PERIOD, "4-6")
    assert (figures.cases, figures.children) == (1, 1)
    assert figures.child_cells["physical"]["help_only"] == 1
    assert figures.family_cells["parenting"]["question_only"] == 1
    figures = count_figures(cases_in_network(network), PERIOD, "10-12")
    assert (figures.cases, figures.children) == (1, 1)
    assert figures.child_cells["learning"]["both"] == 1


@pytest.mark.django_db
def test_a_case_counts_from_its_creation_until_it_closed(known_cases):
    before = Period(date(2023, 1, 1), date(2023, 5, 31))
    figures = count_figures(cases_in_figures(), before)
    # Only D existed then (it was closed on 1 June 2023); A and B came later.
    assert figures.cases == 1


def test_ages_run_to_the_last_day_of_the_period():
    on = date(2024, 6, 30)
    born_after, born_by = birth_dates(AGE_GROUPS_BY_KEY["4-6"], on)
    assert born_by == date(2020, 6, 30)  # 4 on that day
    assert born_after == date(2017, 6, 30)  # born that day: 7
    assert birth_dates(AGE_GROUPS_BY_KEY["13+"], on) == (None, date(2011, 6, 30))


def test_percentiles_interpolate_between_the_nearest_values():
    assert percentile(Counter({60: 1, 31: 1}), 0.5) == 45.5
    assert percentile(Counter({60: 1, 31: 1}), 0.75) == 52.75
    assert percentile(Counter({7: 3}), 0.5) == 7
    assert percentile(Counter({1: 1, 2: 1, 3: 1, 4: 1, 5: 1}), 0.75) == 4
    assert percentile(Counter(), 0.5) is None
