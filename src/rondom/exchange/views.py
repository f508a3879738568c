"""The case file download: a person's own copy of what the case holds, as JSON."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed

from rondom.audit.models import AuditEvent
from rondom.cases.access import Need, family_access_or_403

from .export import export_case


@login_required
def case_file(request, case_id: int):
    """For parents (their right to portability) and for case managers."""
    access = family_access_or_403(request, case_id, Need.CONTENT)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    request.audit_channel = AuditEvent.Channel.EXPORT
    text = json.dumps(export_case(access.case, access), ensure_ascii=False, indent=1)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rondom-casus-{access.case.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
