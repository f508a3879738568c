"""The stream of changes for one case, as server-sent events, through the access policy.

The policy is asked again for every event and every keep-alive, so a withdrawn consent or a
removed participant ends the stream at once, and each event goes only to those who may see
what it is about.

A stream lasts minutes, and a request keeps its database connection until it ends. On
PostgreSQL that connection comes from a small pool per server process, so a few open pages
would take all of it. The stream therefore gives its connection back after every check.
"""

import asyncio
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections
from django.http import Http404, HttpResponse, StreamingHttpResponse

from rondom.accounts.models import User
from rondom.cases.access import CaseAccess, Need, access_for
from rondom.cases.models import Case
from rondom.live.access import may_receive

from .hub import ensure_listener, hub

KEEP_ALIVE_SECONDS = 15


def _content_access(user, case_id: int) -> CaseAccess | None:
    case = Case.objects.filter(pk=case_id).first()
    access = access_for(user, case) if case else None
    return access if access is not None and access.level >= Need.CONTENT else None


def _allowed(user_id: int, session, case_id: int, event: dict | None) -> tuple[bool, bool]:
    """(may the stream go on, may this event go out). The account and the login are looked up
    afresh: a deactivated account or a logout elsewhere ends the stream as well."""
    try:
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not session.exists(session.session_key):
            return False, False
        access = _content_access(user, case_id)
        if access is None:
            return False, False
        return True, event is not None and may_receive(access, event)
    finally:
        close_old_connections()  # back to the pool until the next check


async def case_events(request, case_id: int):
    # Following a case is not activity: an open page must still log out when left idle.
    request.keeps_session_idle = True
    user = await request.auser()
    access = await sync_to_async(_content_access)(user, case_id)
    if access is None:
        raise Http404
    request.access_reason = access.reason
    if not isinstance(request, ASGIRequest):
        # Under WSGI a stream would hold a worker and arrive only at its end; 204 tells the
        # browser to stop trying, and the page simply works without live updates.
        return HttpResponse(status=204)
    ensure_listener()
    queue = hub.subscribe(case_id)
    check = sync_to_async(_allowed)

    async def stream():
        # The stream also ends after a while; the browser's EventSource reconnects by itself,
        # and the reconnection passes the login and the access policy again.
        loop = asyncio.get_running_loop()
        ends_at = loop.time() + settings.LIVE_STREAM_SECONDS
        # The middleware has run by now (session, access log): its connection can go back.
        await sync_to_async(close_old_connections)()
        try:
            yield "retry: 1000\n\n"
            while (left := ends_at - loop.time()) > 0:
                try:
                    event = await asyncio.wait_for(queue.get(), min(KEEP_ALIVE_SECONDS, left))
                except TimeoutError:
                    event = None
                go_on, send = await check(user.pk, request.session, case_id, event)
                if not go_on:
                    # Said out loud, so the page reloads and shows why, instead of retrying.
                    yield "event: closed\ndata: {}\n\n"
                    return
                if send:
                    yield f"event: changed\ndata: {json.dumps(event)}\n\n"
                elif event is None:
                    yield ": keep-alive\n\n"
        finally:
            hub.unsubscribe(case_id, queue)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"
    return response
