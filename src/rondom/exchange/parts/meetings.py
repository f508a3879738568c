"""Meetings in a case file: notes, factors, key moments, agreements and the frozen copy."""

from django.db.models import Prefetch

from rondom.cases.access import CaseAccess, Scope
from rondom.cases.models import Case
from rondom.meetings.access import visible_agreements, visible_key_moments
from rondom.meetings.models import Agreement, Attendance, Factor, KeyMoment, Meeting, StepNote

from ..values import UserByEmail, email_of, iso, read_date, read_moment


def _frozen(meeting: Meeting, with_agreements: bool) -> dict | None:
    """The copy kept at closing; its agreements only for someone who may see agreements."""
    if meeting.frozen is None or with_agreements:
        return meeting.frozen
    return {key: value for key, value in meeting.frozen.items() if key != "agreements"}


def _meeting(meeting: Meeting, with_agreements: bool) -> dict:
    """A meeting; its key moments and agreements were fetched through the access policy."""
    return {
        "id": meeting.pk,
        "held_on": iso(meeting.held_on),
        "goal": meeting.goal,
        "goal_text": meeting.goal_text,
        "next_meeting_on": iso(meeting.next_meeting_on),
        "filed_in": meeting.filed_in,
        "created_by": email_of(meeting.created_by),
        "closed_at": iso(meeting.closed_at),
        "version": meeting.version,
        "frozen": _frozen(meeting, with_agreements),
        "attendances": [
            {
                "participant": a.participant_id,
                "guest_name": a.guest_name,
                "guest_role": a.guest_role,
                "present": a.present,
            }
            for a in meeting.attendances.all()
        ],
        "notes": [
            {
                "step": n.step,
                "text": n.text,
                "version": n.version,
                "updated_by": email_of(n.updated_by),
                "updated_at": iso(n.updated_at),
            }
            for n in meeting.notes.all()
        ],
        "factors": [{"kind": f.kind, "text": f.text} for f in meeting.factors.all()],
        "key_moments": [{"card": k.card_id, "note": k.note} for k in meeting.key_moments.all()],
        "agreements": [
            {
                "id": a.pk,
                "what": a.what,
                "owner": a.owner_id,
                "due_on": iso(a.due_on),
                "status": a.status,
                "status_set_by": email_of(a.status_set_by),
                "status_set_at": iso(a.status_set_at),
                "version": a.version,
            }
            for a in meeting.agreements.all()
        ],
    }


def export_meetings(case: Case, access: CaseAccess | None) -> list[dict]:
    """Every meeting, or, with `access`, what this person's consent covers of them."""
    if access is None:
        meetings_allowed = agreements_allowed = True
        moments, agreements = KeyMoment.objects.all(), Agreement.objects.all()
    else:
        meetings_allowed = access.may(Scope.MEETINGS)
        agreements_allowed = access.may(Scope.AGREEMENTS)
        moments, agreements = visible_key_moments(access), visible_agreements(access)
    if not meetings_allowed:
        return []
    meetings = case.meetings.order_by("held_on", "pk").select_related("created_by")
    meetings = meetings.prefetch_related(
        "attendances", "notes__updated_by", "factors", Prefetch("key_moments", moments),
        Prefetch("agreements", agreements.select_related("status_set_by")),
    )  # fmt: skip
    return [_meeting(m, agreements_allowed) for m in meetings]


def import_meetings(
    items: list[dict],
    case: Case,
    participant_ids: dict[int, int],
    card_ids: dict[int, int],
    user: UserByEmail,
) -> dict[int, int]:
    """The meetings as new rows; returns the new id for each id in the file."""
    ids = {}
    for item in items:
        meeting = Meeting.objects.create(
            case=case,
            held_on=read_date(item["held_on"]),
            goal=item["goal"],
            goal_text=item["goal_text"],
            next_meeting_on=read_date(item["next_meeting_on"]),
            filed_in=item["filed_in"],
            created_by=user(item["created_by"]),
            closed_at=read_moment(item["closed_at"]),
            frozen=item["frozen"],
            version=item["version"],
        )
        _import_contents(item, meeting, participant_ids, card_ids, user)
        _import_agreements(item["agreements"], meeting, participant_ids, user)
        ids[item["id"]] = meeting.pk
    return ids


def _import_contents(
    item: dict,
    meeting: Meeting,
    participant_ids: dict[int, int],
    card_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    """Who was there, the notes, the factors and the key moments."""
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            participant_id=participant_ids.get(a["participant"]),
            guest_name=a["guest_name"],
            guest_role=a["guest_role"],
            present=a["present"],
        )
        for a in item["attendances"]
    )
    for n in item["notes"]:
        note = StepNote.objects.create(
            meeting=meeting,
            step=n["step"],
            text=n["text"],
            version=n["version"],
            updated_by=user(n["updated_by"]),
        )
        StepNote.objects.filter(pk=note.pk).update(updated_at=read_moment(n["updated_at"]))
    Factor.objects.bulk_create(
        Factor(meeting=meeting, kind=f["kind"], text=f["text"]) for f in item["factors"]
    )
    KeyMoment.objects.bulk_create(
        KeyMoment(meeting=meeting, card_id=card_ids[k["card"]], note=k["note"])
        for k in item["key_moments"]
    )


def _import_agreements(
    items: list[dict],
    meeting: Meeting,
    participant_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    Agreement.objects.bulk_create(
        Agreement(
            case=meeting.case,
            meeting=meeting,
            what=a["what"],
            owner_id=participant_ids[a["owner"]],
            due_on=read_date(a["due_on"]),
            status=a["status"],
            status_set_by=user(a["status_set_by"]),
            status_set_at=read_moment(a["status_set_at"]),
            version=a["version"],
        )
        for a in items
    )
