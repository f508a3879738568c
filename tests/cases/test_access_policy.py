"""Walk every URL of a case, as people outside it and as people in it."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rondom.cases.access import cases_for


def case_url_patterns() -> dict[str, set[str]]:
    """Every named URL that takes a case id, with its parameters, from the URL configuration."""
    found = {}

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                params = set(entry.pattern.regex.groupindex)
                if "case_id" in params:
                    found[f"{namespace}:{entry.name}" if namespace else entry.name] = params

    walk(get_resolver().url_patterns, None)
    return found


def case_url_names() -> list[str]:
    return sorted(case_url_patterns())


def url_for(name: str, story) -> str:
    kwargs_needed = case_url_patterns()[name]
    ids = {
        "case_id": story["case"].pk,
        "child_id": story["child"].pk,
        "card_id": story["help_card"].pk,
        "participant_id": story["parent"].pk,
        "period_id": story["child"].school_periods.first().pk,
        "consent_id": story["case"].consents.first().pk,
        "request_id": 1,
        "meeting_id": story["meeting"].pk,
        "step": 1,
        "agreement_id": story["agreement"].pk,
    }
    url = reverse(name, kwargs={k: v for k, v in ids.items() if k in kwargs_needed})
    return url + "?kind=help" if name == "timeline:card_create" else url


def api_urls(story) -> list[str]:
    case = story["case"]
    return [
        f"/api/v1/cases/{case.pk}/",
        f"/api/v1/children/{story['child'].pk}/",
        f"/api/v1/participants/{story['parent'].pk}/",
        f"/api/v1/school-periods/{story['child'].school_periods.first().pk}/",
        f"/api/v1/cards/{story['help_card'].pk}/",
    ]


def test_the_walk_covers_the_case_pages():
    names = case_url_names()
    assert len(names) >= 15
    assert {"cases:detail", "timeline:child", "timeline:card_edit", "career:career"} <= set(names)


def assert_gets_nothing(client: Client, story):
    title = story["case"].title
    for name in case_url_names():
        url = url_for(name, story)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (method, url, response.status_code)
            assert title.encode() not in response.content
    for url in api_urls(story):
        for method in ("get", "put", "patch", "delete"):
            response = getattr(client, method)(url, content_type="application/json", data={})
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
            assert title.encode() not in response.content
    for resource in ("cases", "children", "participants", "school-periods", "cards"):
        listing = client.get(f"/api/v1/{resource}/")
        assert title.encode() not in listing.content
        assert b"Speltherapie" not in listing.content


@pytest.mark.django_db
def test_outsider_gets_nothing_from_any_url(story, outsider):
    client = Client()
    client.force_login(outsider)
    assert_gets_nothing(client, story)
    assert story["help_card"].__class__.objects.filter(deleted_at__isnull=True).count() == 4


@pytest.mark.django_db
def test_participant_of_another_case_gets_nothing(story, other_story):
    client = Client()
    client.force_login(other_story["parent"])
    assert_gets_nothing(client, story)
    assert client.get(reverse("cases:detail", args=[other_story["case"].pk])).status_code == 200


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(story):
    client = Client()
    for name in case_url_names():
        response = client.get(url_for(name, story))
        if name == "live:events":  # a stream, not a page: nothing to log in to
            assert response.status_code == 404
            continue
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
    assert client.get(api_urls(story)[0]).status_code == 403


@pytest.mark.django_db
def test_site_admin_sees_every_case(story, other_story, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@rondom.test", "secret-pass-1")
    assert set(cases_for(admin)) == {story["case"], other_story["case"]}


@pytest.mark.django_db
def test_inactive_account_sees_no_case(story, parent_user):
    parent_user.is_active = False
    parent_user.save()
    assert not cases_for(parent_user).exists()
