"""The event stream over real HTTP (uvicorn): only for people in the case, and it carries
changes within moments."""

import json
import urllib.error
import urllib.request

import pytest
from django.test import Client

from tests.conftest import make_user


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def open_stream(base: str, case_id: int, cookie: str):
    request = urllib.request.Request(f"{base}/cases/{case_id}/events/", headers={"Cookie": cookie})
    return urllib.request.urlopen(request, timeout=10)


@pytest.mark.django_db(transaction=True)
def test_outsider_cannot_follow_a_case(asgi_server, story):
    outsider = make_user("buiten@x.test")
    with pytest.raises(urllib.error.HTTPError) as refused:
        open_stream(asgi_server, story["case"].pk, session_cookie(outsider))
    assert refused.value.code == 404


@pytest.mark.django_db(transaction=True)
def test_a_saved_card_reaches_an_open_stream(asgi_server, story, manager):
    stream = open_stream(asgi_server, story["case"].pk, session_cookie(manager))
    assert stream.readline().startswith(b"retry:")
    stream.readline()
    card = story["help_card"]
    card.text = "Speltherapie, tweede blok"
    card.save()
    # How fast it arrives is measured in benchmarks/live.py; here: that it arrives, intact.
    lines = [stream.readline(), stream.readline()]
    assert lines[0] == b"event: changed\n"
    data = json.loads(lines[1].removeprefix(b"data: "))
    assert data["kind"] == "card" and data["id"] == card.pk
    stream.close()
