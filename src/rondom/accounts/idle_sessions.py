"""Sessions end after a stretch of inactivity, and only a person's own requests count.

Every request renews the session (SESSION_SAVE_EVERY_REQUEST), except what a page does by
itself: following the live stream of a case, and refreshing a part of the page because
someone else changed something. Otherwise a page left open at a classroom board would stay
logged in for ever.
"""

from django.contrib.sessions.middleware import SessionMiddleware

BACKGROUND_HEADER = "X-Rondom-Background"


def is_background(request) -> bool:
    return getattr(request, "keeps_session_idle", False) or (
        request.headers.get(BACKGROUND_HEADER) == "1"
    )


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if is_background(request) and session is not None and not session.modified:
            return response
        return super().process_response(request, response)
