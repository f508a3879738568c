"""The stream of changes for one case, as server-sent events, through the access policy."""

import asyncio
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, StreamingHttpResponse

from rondom.cases.access import Need, access_to
from rondom.cases.models import Case

from .hub import ensure_listener, hub


def _may_follow(user, case_id: int) -> bool:
    case = Case.objects.filter(pk=case_id).first()
    access = access_to(user, case) if case else None
    return access is not None and access.level >= Need.CONTENT


async def case_events(request, case_id: int):
    user = await request.auser()
    if not user.is_authenticated or not await sync_to_async(_may_follow)(user, case_id):
        raise Http404
    if not isinstance(request, ASGIRequest):
        # Under WSGI a stream would hold a worker and arrive only at its end; 204 tells the
        # browser to stop trying, and the page simply works without live updates.
        return HttpResponse(status=204)
    ensure_listener()
    queue = hub.subscribe(case_id)

    async def stream():
        # The stream ends after a while; the browser's EventSource reconnects by itself, and
        # the reconnection passes the access policy again (so withdrawn consent takes effect).
        loop = asyncio.get_running_loop()
        ends_at = loop.time() + settings.LIVE_STREAM_SECONDS
        try:
            yield "retry: 1000\n\n"
            while (left := ends_at - loop.time()) > 0:
                try:
                    event = await asyncio.wait_for(queue.get(), timeout=min(15, left))
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield f"event: changed\ndata: {json.dumps(event)}\n\n"
        finally:
            hub.unsubscribe(case_id, queue)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
