"""The access policy for live events: an event goes to an open page only if its reader may see
what it is about, by the same rules as the pages (see `rondom.cases.access`)."""

from rondom.cases.access import CaseAccess, Scope
from rondom.timeline.access import visible_cards


def may_receive(access: CaseAccess | None, event: dict) -> bool:
    """Whether a live event about this case may go to this person's open page."""
    if access is None or not access.sees_content:
        return False
    kind = event.get("kind")
    if kind == "card":
        return visible_cards(access).filter(pk=event.get("id")).exists()
    if kind == "agreement":
        return access.may(Scope.AGREEMENTS)
    if kind in ("meeting", "note", "factor", "keymoment"):
        return access.may(Scope.MEETINGS)
    return False
