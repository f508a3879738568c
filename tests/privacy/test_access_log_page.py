"""The family's access-log page holds the whole log, a page at a time, with the grounds."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.audit.sealing import seal_pending
from rondom.privacy import views

from ..conftest import coach_with_consent


def fill(case_id: int, user, count: int) -> None:
    for _ in range(count):
        record(user, "view timeline:child", case_id=case_id, reason="consent 1")


@pytest.fixture
def log_url(story):
    return reverse("privacy:access_log", args=[story["case"].pk])


@pytest.fixture
def parent(client, parent_user):
    client.force_login(parent_user)
    return client


@pytest.mark.django_db
def test_a_parent_pages_back_to_the_oldest_event(story, manager, parent, log_url):
    """A professional cannot push the oldest lines out of sight by looking often."""
    case_id = story["case"].pk
    record(manager, "view cases:detail", case_id=case_id, reason="case manager without consent")
    fill(case_id, coach_with_consent(story), 699)
    # Asked first: every visit to this page is logged too, and adds a line at the top.
    last = parent.get(log_url, {"page": 7}).content.decode()
    assert "pagina 7 van 7" in last
    assert "Inge Bakker" in last  # the oldest line, by the case manager
    assert "casusregisseur, zonder toestemming om de inhoud te zien" in last
    assert 'rel="prev" href="?page=6"' in last and 'rel="next"' not in last
    first = parent.get(log_url).content.decode()
    assert "pagina 1 van 8" in first and "Inge Bakker" not in first
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert first.count('<tr class="utrecht-table__row">\n      <td') == views.PER_PAGE


@pytest.mark.django_db
def test_the_page_is_a_table_with_a_caption_and_the_grounds(story, parent, log_url):
    fill(story["case"].pk, coach_with_consent(story), 1)
    page = parent.get(log_url).content.decode()
    assert "<caption" in page and page.count('scope="col"') == 4
    assert "Op welke grond" in page
    assert '<td class="utrecht-table__cell">toestemming</td>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "asked, shown",
    [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("1e3", 1), ("2", 2), ("99999", 3),
     ("9" * 40, 3)],
)  # fmt: skip
def test_any_page_number_shows_the_nearest_page(story, parent, log_url, asked, shown):
    fill(story["case"].pk, None, 250)
    response = parent.get(log_url, {"page": asked})
    assert response.status_code == 200
    assert f"pagina {shown} van 3" in response.content.decode()


def count_queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_log(story, parent, log_url, monkeypatch):
    case_id = story["case"].pk
    fill(case_id, None, 5)
    count_queries(parent, log_url)  # the first request fills caches
    small = count_queries(parent, log_url)
    fill(case_id, None, 700)
    assert count_queries(parent, log_url) == small
    assert count_queries(parent, log_url, page=5) == small
    monkeypatch.setattr(views, "PER_PAGE", 10)
    assert count_queries(parent, log_url, page=40) == small
    monkeypatch.setattr(views, "PER_PAGE", 500)
    assert count_queries(parent, log_url, page=2) == small


@pytest.mark.parametrize(
    "reason, shown",
    [
        ("parent", "ouder in de casus"),
        ("consent 12", "toestemming"),
        ("consent 12; correction by case manager", "toestemming; correctie door de casusregisseur"),
        ("child_safety", "de veiligheid van het kind"),
        ("command line", "op de server, via de opdrachtregel"),
        ("", ""),
    ],
)
def test_grounds_are_shown_in_the_familys_words(reason, shown):
    assert views.describe_reason(reason) == shown


@pytest.mark.django_db
def test_a_parent_does_not_learn_from_the_log_that_a_card_is_kept_from_them(
    story, parent_user, manager_client
):
    from rondom.timeline.kinds import CardKind

    b = story["builder"]
    kept = b.card(CardKind.LIFE_EVENT, b.manager, "2022", "Zorgen", story["child"],
                  restriction_reason="child_safety")  # fmt: skip
    kept.restricted_to.add(b.manager)
    history = reverse("timeline:card_history", args=[story["case"].pk, kept.pk])
    assert manager_client.get(history).status_code == 200
    log = reverse("privacy:access_log", args=[story["case"].pk])
    parent = Client()
    parent.force_login(parent_user)
    looked = "bekeek de tijdlijn of een kaartje"  # the only such line: the manager's look
    assert looked in manager_client.get(log).content.decode()
    assert looked not in parent.get(log).content.decode()


@pytest.mark.django_db
def test_the_page_shows_lines_the_sealer_has_not_reached_newest_first(story, parent, log_url):
    """Newest first is the order of writing (id). A slow request's line may be sealed after
    lines written later, so the chain's order differs, and a new line has no place yet."""
    case_id = story["case"].pk
    written = {}
    order = [(10, "view career:career"), (11, "view cases:consent"), (5, "view cases:detail"),
             (12, "view timeline:child")]  # fmt: skip
    for pk, action in order:
        seal_pending()
        written[pk] = AuditEvent.objects.create(
            id=pk, at=timezone.now(), action=action, channel="page", case_id=case_id
        )
    chain = dict(AuditEvent.objects.values_list("id", "seq"))
    assert chain == {10: 1, 11: 2, 5: 3, 12: None}
    page = parent.get(log_url).content.decode()
    rows = page.split('<tr class="utrecht-table__row">\n      <td')[1:]
    with translation.override("nl"):
        expected = [views.describe(written[pk].action) for pk in (12, 11, 10, 5)]
    assert [next(text for text in expected if text in row) for row in rows] == expected
