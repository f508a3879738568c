"""Write a case as one JSON document (format `rondom-case`, version 1)."""

from django.db.models import Prefetch
from django.utils import timezone

from rondom.career.models import SchoolPeriod
from rondom.cases.access import CaseAccess, Scope, shows_date_of_birth
from rondom.cases.models import Case
from rondom.meetings.access import visible_agreements, visible_key_moments
from rondom.meetings.models import Agreement, KeyMoment, Meeting
from rondom.timeline.access import visible_cards, visible_revisions
from rondom.timeline.models import Card, CardHiding, CardLink, CardRevision

from .document import ACTOR_FIELDS, FORMAT, VERSION


def _email(user) -> str | None:
    return user.email if user is not None else None


def _at(value) -> str | None:
    return value.isoformat() if value is not None else None


def _card(card: Card, revisions: list[CardRevision]) -> dict:
    """The card with its history; `revisions` are those the reader may see, in any order."""
    return {
        "id": card.pk,
        "child": card.child_id,
        "kind": card.kind,
        "author": card.author_id,
        "text": card.text,
        "text_less_well": card.text_less_well,
        "provider": card.provider,
        "with_whom": card.with_whom,
        "aspect": card.aspect,
        "rating": card.rating,
        "domain": card.domain,
        "date_text": card.date_text,
        "starts_on": _at(card.starts_on),
        "ends_on": _at(card.ends_on),
        "precision": card.precision,
        "date_groups": [g for g in card.date_groups.split(",") if g],
        "is_draft": card.is_draft,
        "restricted_to": sorted(p.pk for p in card.restricted_to.all()),
        "restriction_reason": card.restriction_reason,
        "version": card.version,
        "created_at": _at(card.created_at),
        "updated_at": _at(card.updated_at),
        "deleted_at": _at(card.deleted_at),
        "revisions": [
            {
                "version": r.version,
                "action": r.action,
                "changed_by": _email(r.changed_by),
                "changed_at": _at(r.changed_at),
                "changes": r.changes,
                "draft": r.draft,
                "author": r.author_id,
                "restricted_to": r.restricted_to,
            }
            for r in sorted(revisions, key=lambda r: (r.changed_at, r.pk))
        ],
    }


def _frozen(meeting: Meeting, with_agreements: bool) -> dict | None:
    """The copy kept at closing; its agreements only for someone who may see agreements."""
    if meeting.frozen is None or with_agreements:
        return meeting.frozen
    return {key: value for key, value in meeting.frozen.items() if key != "agreements"}


def _meeting(meeting: Meeting, with_agreements: bool) -> dict:
    """A meeting; its key moments and agreements were fetched through the access policy."""
    return {
        "id": meeting.pk,
        "held_on": _at(meeting.held_on),
        "goal": meeting.goal,
        "goal_text": meeting.goal_text,
        "next_meeting_on": _at(meeting.next_meeting_on),
        "filed_in": meeting.filed_in,
        "created_by": _email(meeting.created_by),
        "closed_at": _at(meeting.closed_at),
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
                "updated_by": _email(n.updated_by),
                "updated_at": _at(n.updated_at),
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
                "due_on": _at(a.due_on),
                "status": a.status,
                "status_set_by": _email(a.status_set_by),
                "status_set_at": _at(a.status_set_at),
                "version": a.version,
            }
            for a in meeting.agreements.all()
        ],
    }


def _child(child, access: CaseAccess | None) -> dict:
    data = {"id": child.pk, "name": child.name, "date_of_birth": _at(child.date_of_birth)}
    if not shows_date_of_birth(access, child):
        data.update(date_of_birth=None, age=child.age)
    return data | {"version": child.version}


def _only_own_email(document, own: str | None) -> None:
    """A person's copy names other people by their place in the case, not their address."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in ACTOR_FIELDS and isinstance(value, str):
                document[key] = value if value == own else None
            else:
                _only_own_email(value, own)
    elif isinstance(document, list):
        for item in document:
            _only_own_email(item, own)


def export_case(case: Case, access: CaseAccess | None = None) -> dict:
    """The whole case, or, with `access`, what that person may see of it.

    Without `access` (the command line) every card is written, private drafts and deleted
    cards included, so that a case moves to another installation whole. With `access`, the
    drafts of others, cards kept from this person and deleted cards stay out.
    """
    if access is None:
        cards = Card.objects.filter(case=case)
        meetings_allowed = agreements_allowed = True
        moments, agreements = KeyMoment.objects.all(), Agreement.objects.all()
    else:
        cards = visible_cards(access)
        meetings_allowed = access.may(Scope.MEETINGS)
        agreements_allowed = access.may(Scope.AGREEMENTS)
        moments, agreements = visible_key_moments(access), visible_agreements(access)
    cards = list(cards.order_by("pk").prefetch_related("restricted_to").distinct())
    card_ids = {card.pk for card in cards}
    revisions: dict[int, list] = {}
    for revision in CardRevision.objects.filter(card__in=card_ids).select_related("changed_by"):
        revisions.setdefault(revision.card_id, []).append(revision)
    if access is not None:
        revisions = {pk: visible_revisions(access, rows) for pk, rows in revisions.items()}
    links = CardLink.objects.filter(case=case, first__in=card_ids, second__in=card_ids)
    hidings = CardHiding.objects.filter(card__in=card_ids)
    meetings = (
        case.meetings.order_by("held_on", "pk").select_related("created_by").prefetch_related(
            "attendances", "notes__updated_by", "factors", Prefetch("key_moments", moments),
            Prefetch("agreements", agreements.select_related("status_set_by")),
        )
        if meetings_allowed
        else []
    )  # fmt: skip
    periods = SchoolPeriod.objects.filter(child__case=case).prefetch_related("group_years")
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "scope": "full" if access is None else "participant",
        "case": {
            "id": case.pk,
            "title": case.title,
            "is_anonymous": case.is_anonymous,
            "created_at": _at(case.created_at),
            "closed_at": _at(case.closed_at),
            "filed_in": case.filed_in,
            "version": case.version,
        },
        "children": [
            _child(child, access) for child in case.children.select_related("case").order_by("pk")
        ],
        "participants": [
            {
                "id": p.pk,
                "name": p.name,
                "role": p.role,
                "letter": p.letter,
                "colour": p.colour,
                "organisation": p.organisation,
                "function": p.function,
                "is_case_manager": p.is_case_manager,
                "account": _email(p.user),
                "version": p.version,
            }
            for p in case.participants.order_by("pk").select_related("user")
        ],
        "school_periods": [
            {
                "id": period.pk,
                "child": period.child_id,
                "kind": period.kind,
                "name": period.name,
                "start_text": period.start_text,
                "end_text": period.end_text,
                "starts_on": _at(period.starts_on),
                "ends_on": _at(period.ends_on),
                "note": period.note,
                "version": period.version,
                "group_years": [
                    {"school_year": gy.school_year, "group": gy.group}
                    for gy in period.group_years.all()
                ],
            }
            for period in periods.order_by("pk")
        ],
        "cards": [_card(card, revisions.get(card.pk, [])) for card in cards],
        "card_links": [
            {
                "first": link.first_id,
                "second": link.second_id,
                "linked_by": _email(link.linked_by),
                "linked_at": _at(link.linked_at),
                "unlinked_by": _email(link.unlinked_by),
                "unlinked_at": _at(link.unlinked_at),
            }
            for link in links.order_by("pk").select_related("linked_by", "unlinked_by")
        ],
        "card_hidings": [
            {
                "card": hiding.card_id,
                "hidden_by": _email(hiding.hidden_by),
                "hidden_at": _at(hiding.hidden_at),
                "shown_by": _email(hiding.shown_by),
                "shown_at": _at(hiding.shown_at),
            }
            for hiding in hidings.order_by("pk").select_related("hidden_by", "shown_by")
        ],
        "meetings": [_meeting(m, agreements_allowed) for m in meetings],
        "consents": [
            {
                "given_by": c.given_by_id,
                "participant": c.participant_id,
                "organisation": {"name": c.organisation.name, "kind": c.organisation.kind}
                if c.organisation
                else None,
                "timeline": c.timeline,
                "meetings": c.meetings,
                "agreements": c.agreements,
                "purpose": c.purpose,
                "valid_from": _at(c.valid_from),
                "valid_until": _at(c.valid_until),
                "recorded_by": _email(c.recorded_by),
                "recorded_at": _at(c.recorded_at),
                "withdrawn_at": _at(c.withdrawn_at),
                "withdrawn_by": _email(c.withdrawn_by),
            }
            for c in case.consents.order_by("pk").select_related(
                "organisation", "recorded_by", "withdrawn_by"
            )
        ],
    }
    if access is not None:
        me = access.participant.user if access.participant else None
        _only_own_email(document, me.email if me else None)
    return document
