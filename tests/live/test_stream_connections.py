"""Open live streams do not keep the database connections of the pool for themselves."""

import urllib.request

import pytest
from django.db import connection
from django.urls import reverse

from tests.live.test_stream import open_stream, session_cookie


@pytest.mark.django_db(transaction=True)
def test_more_open_streams_than_the_pool_has_connections_leave_pages_working(
    asgi_server, story, manager
):
    if connection.vendor != "postgresql":
        pytest.skip("the pool is for PostgreSQL; the PostgreSQL run of the suite covers it")
    cookie = session_cookie(manager)
    case = story["case"]
    streams = [
        open_stream(asgi_server, case.pk, cookie) for _ in range(connection.pool.max_size + 2)
    ]
    try:
        assert all(stream.readline().startswith(b"retry:") for stream in streams)
        path = reverse("timeline:child", args=[case.pk, story["child"].pk])
        page = urllib.request.Request(asgi_server + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(page, timeout=10) as response:
            assert response.status == 200
    finally:
        for stream in streams:
            stream.close()
