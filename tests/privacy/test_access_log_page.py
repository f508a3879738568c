"""The family's access-log page holds the whole log, a page at a time, with the grounds, in
words, with the same look on the same day folded into one line."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rondom.audit.log import record
from rondom.audit.models import AuditEvent
from rondom.audit.sealing import seal_pending
from rondom.privacy import descriptions, views

from ..cases.test_access_policy import case_url_names
from ..cases.test_permission_matrix import MATRIX
from ..conftest import coach_with_consent


def fill(case_id: int, user, count: int) -> None:
    """One look a day, on each of the `count` days before today: one line each on the page.
    At noon, local time: late in the evening a day's look could otherwise land on the same
    local day as the next one across the end of summer time, and fold into its line."""
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    AuditEvent.objects.bulk_create(
        AuditEvent(at=noon - timedelta(days=days), actor_id=user and user.pk,
                   actor_label=user.email if user else "", case_id=case_id,
                   action="view timeline:child", channel="page", reason="consent 1")
        for days in range(count, 0, -1)
    )  # fmt: skip


def rows(page: str) -> list[str]:
    return page.split('<tr class="utrecht-table__row">\n      <td')[1:]


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
    assert len(rows(first)) == views.PER_PAGE


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
    assert descriptions.describe_reason(reason) == shown


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
    looked = "bekeek de geschiedenis van een kaartje"  # the only such line: the manager's look
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
    with translation.override("nl"):
        expected = [descriptions.describe(written[pk].action) for pk in (12, 11, 10, 5)]
    assert expected == ["bekeek de tijdlijn van een kind", "bekeek de toestemmingen",
                        "bekeek de schoolloopbaan van een kind", "bekeek de casus"]  # fmt: skip
    assert [next(text for text in expected if text in row) for row in rows(page)] == expected


def looks(case_id: int, user, action: str, times: int, **where) -> None:
    for _ in range(times):
        record(user, action, case_id=case_id, reason="consent 1", **where)


@pytest.mark.django_db
def test_the_same_look_on_one_day_is_one_line_with_how_often(story, parent, log_url):
    case_id, child = story["case"].pk, story["child"]
    coach = coach_with_consent(story)
    looks(case_id, coach, "view timeline:child", 5, child_id=child.pk)
    looks(case_id, coach, "view meetings:present", 2)
    looks(case_id, coach, "view documents:agreements_card", 1)
    cards = list(story["case"].cards.order_by("pk")[:3])
    for card in [*cards, cards[0]]:
        looks(case_id, coach, "view timeline:card_history", 1, card_id=card.pk)
    fill(case_id, coach, 1)  # yesterday: a line of its own
    page = parent.get(log_url).content.decode()
    lines = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows(page)]
    assert len(lines) == 5
    assert [line for line in lines if "bekeek de geschiedenis van 3 kaartjes (4 keer)" in line]
    assert [line for line in lines if "bekeek de tijdlijn van Sam (5 keer)" in line]
    assert [line for line in lines if "bekeek een overleg op het digibord (2 keer)" in line]
    once = [line for line in lines if "downloadde de afsprakenkaart van een overleg (PDF)" in line]
    assert once and "keer" not in once[0] and "–" not in once[0].split("Coach")[0]
    # The log itself keeps every look, and now the parent's own look at this page as well.
    assert AuditEvent.objects.filter(case_id=case_id).count() == 14


@pytest.mark.django_db
def test_a_folded_line_says_from_when_to_when(story, parent, log_url):
    coach = coach_with_consent(story)
    for hour, minute in ((10, 2), (14, 40), (12, 15)):
        at = datetime(2024, 3, 4, hour, minute, tzinfo=timezone.get_current_timezone())
        AuditEvent.objects.create(at=at, actor_id=coach.pk, case_id=story["case"].pk,
                                  action="view meetings:detail", channel="page")  # fmt: skip
    page = parent.get(log_url).content.decode()
    assert "4-3-2024 10:02–14:40" in page
    assert "bekeek een overleg (3 keer)" in page


@pytest.mark.django_db
def test_the_live_stream_is_no_line_of_its_own(story, parent, log_url):
    """A page that follows the changes reconnects often; that is no look at something new."""
    looks(story["case"].pk, coach_with_consent(story), "view live:events", 30)
    page = parent.get(log_url).content.decode()
    assert "Nog niemand heeft deze casus geopend." in page
    assert "live" not in page.split("<tbody")[1]


def test_every_page_of_a_case_is_said_in_words():
    pages = set(case_url_names())
    posted = MATRIX["POST_ONLY"]
    assert posted <= set(descriptions.CHANGED)
    assert pages - posted - MATRIX["STREAMS"] <= set(descriptions.LOOKED_AT)
    assert set(descriptions.LOOKED_AT) | set(descriptions.CHANGED) <= pages
    with translation.override("nl"):
        said = [descriptions.describe(f"{verb} {name}", "Sam") for name in pages
                for verb in ("view", "change")] + [descriptions.describe(action)
                for action in descriptions.OTHER]  # fmt: skip
    for text in said:
        assert ":" not in text and "view" not in text and "%" not in text, text
    assert "bekeek de tijdlijn van Sam" in said
    assert "downloadde de praatplaat van Sam (PDF)" in said


@pytest.mark.django_db
def test_pages_that_read_the_same_are_one_line(story, parent, log_url):
    case_id, child = story["case"].pk, story["child"].pk
    coach = coach_with_consent(story)
    looks(case_id, coach, "view cases:detail", 2)
    looks(case_id, coach, "view cases:edit", 1)
    looks(case_id, coach, "view career:career", 1, child_id=child)
    looks(case_id, coach, "view career:period_edit", 1, child_id=child)
    looks(case_id, coach, "view api:card-list", 1)
    looks(case_id, coach, "view api:child-retrieve", 2, child_id=None)
    page = parent.get(log_url).content.decode()
    assert "bekeek de casus (3 keer)" in page
    assert "bekeek de schoolloopbaan van Sam (2 keer)" in page
    assert "las gegevens via de API (3 keer)" in page
    assert len(rows(page)) == 3
