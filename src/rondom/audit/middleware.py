"""Record every successful request for a case's pages in the access log."""

from .log import record
from .models import AuditEvent

VIEW_METHODS = {"GET", "HEAD"}


class CaseAccessLogMiddleware:
    """Logs after the view has run, so only what was actually shown or changed is recorded.

    The case, child and card come from the URL; a view that creates a card sets
    `request.audit_card_id` so the new card is named too, and a download or print sets
    `request.audit_channel` to `export` or `print`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or "case_id" not in match.kwargs
            or response.status_code >= 400
            or not request.user.is_authenticated
        ):
            return response
        kind = "view" if request.method in VIEW_METHODS else "change"
        record(
            request.user,
            f"{kind} {match.view_name}",
            case_id=match.kwargs["case_id"],
            child_id=match.kwargs.get("child_id"),
            card_id=match.kwargs.get("card_id") or getattr(request, "audit_card_id", None),
            channel=getattr(request, "audit_channel", AuditEvent.Channel.PAGE),
            reason=getattr(request, "access_reason", ""),
        )
        return response
