"""Walk every URL of a case, as people outside it and as people in it."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from rondom.cases.access import cases_for

from ..conftest import question_of


@dataclass(frozen=True)
class Route:
    name: str | None  # with its namespaces, as reverse() takes it
    route: str  # the whole pattern, from the root of the URL configuration
    params: frozenset[str]  # from the pattern and from every include above it
    view: Callable


def all_routes() -> list[Route]:
    """Every URL pattern of the project, found by walking the resolver through its includes."""
    found = []

    def walk(patterns, prefix: str, namespace: str | None, params: frozenset[str]) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            here = params | frozenset(entry.pattern.regex.groupindex)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                walk(entry.url_patterns, route, inner, here)
            else:
                name = entry.name and ":".join(filter(None, [namespace, entry.name]))
                found.append(Route(name, route, here, entry.callback))

    walk(get_resolver().url_patterns, "", None, frozenset())
    return found


def takes_a_case(route: Route) -> bool:
    return any(param == "case" or param.startswith("case_") for param in route.params)


def case_routes() -> list[Route]:
    return [route for route in all_routes() if takes_a_case(route)]


def case_url_patterns() -> dict[str, frozenset[str]]:
    """Every named URL that takes a case, with its parameters."""
    return {route.name: route.params for route in case_routes() if route.name}


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
        "factor_id": 1,
        "moment_id": 1,
    }
    if "question_id" in kwargs_needed:
        ids["question_id"] = question_of(story).pk
    url = reverse(name, kwargs={k: v for k, v in ids.items() if k in kwargs_needed})
    return url + "?kind=help" if name == "timeline:card_create" else url


def api_item_url_names() -> set[str]:
    """The API's addresses of one item (all of them data of a case), without format suffixes."""
    names = set()
    for route in all_routes():
        if not getattr(route.view, "actions", None):
            continue  # not a viewset of the API
        viewset = route.view.cls
        lookup = viewset.lookup_url_kwarg or viewset.lookup_field
        if lookup in route.params and "format" not in route.params:
            names.add(route.name)
    return names


# The story's item behind each API address of one item.
API_ITEMS = {
    "case-detail": lambda story: story["case"].pk,
    "child-detail": lambda story: story["child"].pk,
    "participant-detail": lambda story: story["parent"].pk,
    "school-period-detail": lambda story: story["child"].school_periods.first().pk,
    "card-detail": lambda story: story["help_card"].pk,
    "question-detail": lambda story: question_of(story).pk,
}


def api_urls(story) -> dict[str, str]:
    return {name: reverse(name, kwargs={"pk": item(story)}) for name, item in API_ITEMS.items()}


def test_the_walk_covers_the_case_pages():
    names = case_url_names()
    assert len(names) >= 15
    assert {"cases:detail", "timeline:child", "timeline:card_edit", "career:career"} <= set(names)
    assert not [route.route for route in case_routes() if not route.name], "a case URL has no name"
    assert set(API_ITEMS) == api_item_url_names()


def assert_gets_nothing(client: Client, story):
    title = story["case"].title
    for name in case_url_names():
        url = url_for(name, story)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (method, url, response.status_code)
            assert title.encode() not in response.content
    for url in api_urls(story).values():
        for method in ("get", "put", "patch", "delete"):
            response = getattr(client, method)(url, content_type="application/json", data={})
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
            assert title.encode() not in response.content
    for resource in ("cases", "children", "participants", "school-periods", "cards", "questions"):
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
    assert client.get(api_urls(story)["case-detail"]).status_code == 403


@pytest.mark.django_db
def test_site_admin_sees_every_case(story, other_story, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@rondom.test", "secret-pass-1")
    assert set(cases_for(admin)) == {story["case"], other_story["case"]}


@pytest.mark.django_db
def test_inactive_account_sees_no_case(story, parent_user):
    parent_user.is_active = False
    parent_user.save()
    assert not cases_for(parent_user).exists()
