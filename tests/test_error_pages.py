"""Every refusal and failure has a Dutch page in the site's layout, with a way back; a 404 for
a case reads the same whether the case is missing or hidden."""

import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils import translation


def _fails(request):
    raise RuntimeError("a bug in a view")


def _bad(request):
    raise SuspiciousOperation("a request that cannot be right")


# This module serves as the URLconf of the tests that need a failing view.
urlpatterns = [
    path("boom/", _fails),
    path("bad/", _bad),
    path("", include("rondom.urls")),
]


def refusal(html: str) -> str:
    """The sentence the page's script shows when htmx gets this answer."""
    found = re.search(r"<p[^>]*data-refusal[^>]*>(.*?)</p>", html, re.S)
    assert found, html
    return found[1]


def assert_in_the_layout(html: str) -> None:
    assert '<html lang="nl"' in html
    assert "rondom/rondom.css" in html and 'class="rondom-brand"' in html
    assert f'href="{reverse("caseload:cases")}">Naar je casussen</a>' in html


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_gets_a_dutch_page_in_the_sites_layout(manager):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_in_the_layout(html)
    assert "<title>Er ging iets mis · Rondom</title>" in html
    assert "Dit ligt aan ons" in refusal(html)
    assert "RuntimeError" not in html and "a bug in a view" not in html


@pytest.mark.urls(__name__)
def test_the_500_page_needs_neither_the_database_nor_a_request():
    """Without the django_db mark any query fails, so this proves the page makes none."""
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)
    with translation.override("nl"):
        response = handler(RequestFactory().get("/boom/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_bad_request_gets_a_dutch_page(manager):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    response = client.get("/bad/")
    assert response.status_code == 400
    html = response.content.decode()
    assert_in_the_layout(html)
    assert "Er klopte iets niet in het adres of in het formulier" in refusal(html)


@pytest.mark.django_db
def test_a_failed_csrf_check_gets_a_dutch_page(manager, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(reverse("cases:edit", args=[story["case"].pk]), {"title": "Nieuw"})
    assert response.status_code == 403
    html = response.content.decode()
    assert_in_the_layout(html)
    assert "Dit formulier is verlopen" in html
    assert "Wat je had getypt, is niet bewaard" in refusal(html)
    assert "CSRF" not in html
    story["case"].refresh_from_db()
    assert story["case"].title == "Familie Test"


def _without_tokens(html: str, address: str) -> str:
    """CSRF tokens differ on every page, and the page names its own address (to come back to
    after choosing a language); nothing else may differ."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html).replace(address, "ADDRESS")


@pytest.mark.django_db
def test_a_hidden_case_reads_exactly_like_a_missing_one(story, outsider):
    client = Client()
    client.force_login(outsider)
    case = story["case"]
    missing = case.pk + 1000
    for name, args in (
        ("cases:detail", [case.pk]),
        ("timeline:child", [case.pk, story["child"].pk]),
        ("timeline:card_edit", [case.pk, story["help_card"].pk]),
    ):
        addresses = reverse(name, args=args), reverse(name, args=[missing, *args[1:]])
        hidden, absent = (client.get(address) for address in addresses)
        assert hidden.status_code == absent.status_code == 404, name
        assert _without_tokens(hidden.content.decode(), addresses[0]) == _without_tokens(
            absent.content.decode(), addresses[1]
        )
        assert case.title not in hidden.content.decode()
        assert "Deze pagina bestaat niet, of je mag hem niet zien" in refusal(
            hidden.content.decode()
        )


@pytest.mark.django_db
def test_the_error_pages_make_no_query_of_their_own(django_assert_num_queries):
    from django.template.loader import render_to_string

    with translation.override("nl"), django_assert_num_queries(0):
        for name in ("400.html", "403_csrf.html", "500.html"):
            assert "data-refusal" in render_to_string(name)
    assert connection.vendor  # the database is there; the pages just do not ask it
