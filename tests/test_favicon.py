"""Every page names the favicon, and the app serves it from its own static files."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "about"])
def test_the_page_links_the_favicon_and_the_app_serves_it(client, name):
    page = client.get(reverse(name)).content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert link, "no favicon link in the page's head"
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = b"".join(response.streaming_content).decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    # Drawn in the file itself: it loads nothing from elsewhere.
    assert "href" not in svg and "url(" not in svg
