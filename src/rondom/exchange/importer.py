"""Create a case from a case file: all of it in one transaction, or nothing at all."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from rondom.accounts.models import Organisation, User
from rondom.career.models import GroupYear, SchoolPeriod
from rondom.cases.models import PARENT_ROLES, Case, Child, Consent, Participant, Role
from rondom.meetings.models import (
    Agreement,
    Attendance,
    Factor,
    KeyMoment,
    Meeting,
    StepNote,
)
from rondom.timeline.models import Card, CardHiding, CardLink, CardRevision

from .document import ACTOR_FIELDS, SOFT_REFERENCES, location, walk
from .problems import CaseFileRefused, Problem
from .validation import parse, validate

# One UPDATE with a CASE over thousands of rows takes quadratic time; small batches do not.
UPDATE_BATCH = 200

CARD_FIELDS = (
    "kind", "text", "text_less_well", "provider", "with_whom", "aspect", "rating", "domain",
    "date_text", "precision", "is_draft", "restriction_reason", "version",
)  # fmt: skip


@dataclass(frozen=True)
class AccountMatch:
    """A participant in the file whose account already exists here."""

    email: str
    name: str
    role: str
    linked: bool
    site_admin: bool


@dataclass
class ImportResult:
    case: Case
    counts: dict[str, int]
    unknown_accounts: set[str] = field(default_factory=set)
    matches: list[AccountMatch] = field(default_factory=list)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _accounts_by_email(lowered: set[str]):
    """Accounts by email address, whatever the capitals they were stored with."""
    return User.objects.annotate(address=Lower("email")).filter(address__in=lowered)


def match_accounts(document: dict, link: bool) -> list[AccountMatch]:
    """Participants whose account exists here; refused when an account's kind cannot fit.

    Linking gives that account access to the case, so it happens only when asked for, and
    never for a site admin, who sees every case anyway.
    """
    participants = [p for p in document["participants"] if p["account"]]
    emails = {p["account"].lower() for p in participants}
    users = {u.email.lower(): u for u in _accounts_by_email(emails)}
    matches, problems = [], []
    for index, item in enumerate(document["participants"]):
        user = users.get((item["account"] or "").lower())
        if user is None:
            continue
        if not user.is_superuser and (item["role"] in PARENT_ROLES) != (
            user.kind == User.Kind.PARENT
        ):
            problems.append(Problem(location(("participants", index, "account")),
                                    _wrong_kind(user, item["role"])))  # fmt: skip
        matches.append(
            AccountMatch(
                email=user.email,
                name=item["name"],
                role=item["role"],
                linked=link and not user.is_superuser,
                site_admin=user.is_superuser,
            )
        )
    if problems:
        raise CaseFileRefused(problems)
    return matches


def _wrong_kind(user: User, role: str) -> str:
    if user.kind == User.Kind.PARENT:
        message = _("%(email)s is a parent's account here, which cannot take the role %(role)s")
    else:
        message = _(
            "%(email)s is a professional's account here, which cannot take the role %(role)s"
        )
    return message % {"email": user.email, "role": Role(role).label}


class _Importer:
    def __init__(self, document: dict, matches: list[AccountMatch]):
        self.doc = document
        emails = set(_all_values(document, ACTOR_FIELDS))
        lowered = {email.lower() for email in emails}
        self.users = {u.email.lower(): u for u in _accounts_by_email(lowered)}
        self.unknown = {email for email in emails if email.lower() not in self.users}
        self.linked = {m.email.lower() for m in matches if m.linked}
        self.child_ids: dict[int, int] = {}
        self.participant_ids: dict[int, int] = {}
        self.card_ids: dict[int, int] = {}

    def user(self, email: str | None):
        return self.users.get(email.lower()) if email else None

    def account(self, email: str | None):
        """A participant's account: only one that is to be linked."""
        return self.user(email) if email and email.lower() in self.linked else None

    def run(self) -> Case:
        doc = self.doc
        data = doc["case"]
        case = Case.objects.create(
            title=data["title"],
            is_anonymous=data["is_anonymous"],
            closed_at=_moment(data["closed_at"]),
            filed_in=data["filed_in"],
            version=data["version"],
        )
        Case.objects.filter(pk=case.pk).update(created_at=_moment(data["created_at"]))
        for item in doc["children"]:
            child = Child.objects.create(
                case=case,
                name=item["name"],
                date_of_birth=_date(item["date_of_birth"]),
                version=item["version"],
            )
            self.child_ids[item["id"]] = child.pk
        for item in doc["participants"]:
            participant = Participant.objects.create(
                case=case,
                user=self.account(item["account"]),
                **{k: item[k] for k in ("name", "role", "letter", "colour", "organisation",
                                         "function", "is_case_manager", "version")},
            )  # fmt: skip
            self.participant_ids[item["id"]] = participant.pk
        self._school_career()
        self._remap_history({"children", "participants"})
        self._cards(case)
        self._remap_history({"cards"})
        self._links_and_hidings(case)
        self._meetings(case)
        self._consents(case)
        return case

    def _school_career(self) -> None:
        for item in self.doc["school_periods"]:
            period = SchoolPeriod.objects.create(
                child_id=self.child_ids[item["child"]],
                starts_on=_date(item["starts_on"]),
                ends_on=_date(item["ends_on"]),
                **{k: item[k] for k in ("kind", "name", "start_text", "end_text", "note",
                                         "version")},
            )  # fmt: skip
            GroupYear.objects.bulk_create(
                GroupYear(period=period, school_year=gy["school_year"], group=gy["group"])
                for gy in item["group_years"]
            )

    def _cards(self, case: Case) -> None:
        plain = CARD_FIELDS
        items = self.doc["cards"]
        cards = [
            Card(
                case=case,
                child_id=self.child_ids.get(item["child"]),
                author_id=self.participant_ids[item["author"]],
                starts_on=_date(item["starts_on"]),
                ends_on=_date(item["ends_on"]),
                date_groups=",".join(item["date_groups"]),
                deleted_at=_moment(item["deleted_at"]),
                **{k: item[k] for k in plain},
            )
            for item in items
        ]
        Card.objects.bulk_create(cards)
        for item, card in zip(items, cards, strict=True):
            self.card_ids[item["id"]] = card.pk
            card.created_at = _moment(item["created_at"])
            card.updated_at = _moment(item["updated_at"])
        # bulk_update writes the values as given: the timestamps are the file's, not now.
        Card.objects.bulk_update(cards, ["created_at", "updated_at"], batch_size=UPDATE_BATCH)
        through = Card.restricted_to.through
        through.objects.bulk_create(
            through(card_id=card.pk, participant_id=self.participant_ids[pid])
            for item, card in zip(items, cards, strict=True)
            for pid in item["restricted_to"]
        )
        revisions = [
            (
                CardRevision(
                    card=card,
                    version=r["version"],
                    action=r["action"],
                    changed_by=self.user(r["changed_by"]),
                    changes=r["changes"],
                    **audience,
                ),
                r["changed_at"],
            )
            for item, card in zip(items, cards, strict=True)
            for r, audience in _audiences(item, card, self.participant_ids)
        ]
        CardRevision.objects.bulk_create(revision for revision, _ in revisions)
        for revision, changed_at in revisions:
            revision.changed_at = _moment(changed_at)
        CardRevision.objects.bulk_update(
            [r for r, _ in revisions], ["changed_at"], batch_size=UPDATE_BATCH
        )

    def _remap_history(self, collections: set[str]) -> None:
        """Ids inside history point at the new rows, or are cleared when unknown."""
        maps = {"cards": self.card_ids, "children": self.child_ids,
                "participants": self.participant_ids}  # fmt: skip
        for path, collection in SOFT_REFERENCES.items():
            if collection not in collections:
                continue
            for where, value in list(walk(self.doc, path)):
                container = self.doc
                for part in where[:-1]:
                    container = container[part]
                # Bools are ints in Python, and a revision may hold anything simple: only a
                # whole number can name a row.
                known = isinstance(value, int) and not isinstance(value, bool)
                container[where[-1]] = maps[collection].get(value) if known else None

    def _links_and_hidings(self, case: Case) -> None:
        for item in self.doc["card_links"]:
            link = CardLink.objects.create(
                case=case,
                first_id=self.card_ids[item["first"]],
                second_id=self.card_ids[item["second"]],
                linked_by=self.user(item["linked_by"]),
                unlinked_by=self.user(item["unlinked_by"]),
                unlinked_at=_moment(item["unlinked_at"]),
            )
            CardLink.objects.filter(pk=link.pk).update(linked_at=_moment(item["linked_at"]))
        for item in self.doc["card_hidings"]:
            hiding = CardHiding.objects.create(
                card_id=self.card_ids[item["card"]],
                hidden_by=self.user(item["hidden_by"]),
                shown_by=self.user(item["shown_by"]),
                shown_at=_moment(item["shown_at"]),
            )
            CardHiding.objects.filter(pk=hiding.pk).update(hidden_at=_moment(item["hidden_at"]))

    def _meetings(self, case: Case) -> None:
        for item in self.doc["meetings"]:
            meeting = Meeting.objects.create(
                case=case,
                held_on=_date(item["held_on"]),
                goal=item["goal"],
                goal_text=item["goal_text"],
                next_meeting_on=_date(item["next_meeting_on"]),
                filed_in=item["filed_in"],
                created_by=self.user(item["created_by"]),
                closed_at=_moment(item["closed_at"]),
                frozen=item["frozen"],
                version=item["version"],
            )
            Attendance.objects.bulk_create(
                Attendance(
                    meeting=meeting,
                    participant_id=self.participant_ids.get(a["participant"]),
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
                    updated_by=self.user(n["updated_by"]),
                )
                StepNote.objects.filter(pk=note.pk).update(updated_at=_moment(n["updated_at"]))
            Factor.objects.bulk_create(
                Factor(meeting=meeting, kind=f["kind"], text=f["text"]) for f in item["factors"]
            )
            KeyMoment.objects.bulk_create(
                KeyMoment(meeting=meeting, card_id=self.card_ids[k["card"]], note=k["note"])
                for k in item["key_moments"]
            )
            Agreement.objects.bulk_create(
                Agreement(
                    case=case,
                    meeting=meeting,
                    what=a["what"],
                    owner_id=self.participant_ids[a["owner"]],
                    due_on=_date(a["due_on"]),
                    status=a["status"],
                    status_set_by=self.user(a["status_set_by"]),
                    status_set_at=_moment(a["status_set_at"]),
                    version=a["version"],
                )
                for a in item["agreements"]
            )

    def _consents(self, case: Case) -> None:
        for item in self.doc["consents"]:
            organisation = None
            if item["organisation"]:
                organisation, _ = Organisation.objects.get_or_create(
                    name=item["organisation"]["name"], kind=item["organisation"]["kind"]
                )
            consent = Consent.objects.create(
                case=case,
                given_by_id=self.participant_ids[item["given_by"]],
                participant_id=self.participant_ids.get(item["participant"]),
                organisation=organisation,
                timeline=item["timeline"],
                meetings=item["meetings"],
                agreements=item["agreements"],
                purpose=item["purpose"],
                valid_from=_date(item["valid_from"]),
                valid_until=_date(item["valid_until"]),
                recorded_by=self.user(item["recorded_by"]),
                withdrawn_at=_moment(item["withdrawn_at"]),
                withdrawn_by=self.user(item["withdrawn_by"]),
            )
            Consent.objects.filter(pk=consent.pk).update(recorded_at=_moment(item["recorded_at"]))


def _audiences(item: dict, card: Card, participant_ids: dict[int, int]):
    """Each revision of a card with who may read that version.

    A file from before this was recorded does not say so. Then the card's history is replayed,
    as the database migration did for existing rows: a draft at a version is in the history
    itself, and a version with a reason for limiting was limited, to the people the card is
    limited to now, or else to its author and the case managers. Ids were already mapped to
    this installation's rows (participants the file does not know are None).
    """
    state = {"is_draft": False, "author": card.author_id, "restriction_reason": ""}
    limited_now = sorted(participant_ids[p] for p in item["restricted_to"])
    for revision in sorted(item["revisions"], key=lambda r: r["version"]):
        if "restricted_to" in revision:
            limited = revision["restricted_to"]
            yield (
                revision,
                {
                    "draft": bool(revision.get("draft", False)),
                    "author_id": revision.get("author"),
                    "restricted_to": None if limited is None else [p for p in limited if p],
                },
            )
            continue
        for name in state:
            change = revision["changes"].get(name)
            if isinstance(change, list) and len(change) == 2:
                state[name] = change[1]
        author = state["author"] if isinstance(state["author"], int) else None
        yield (
            revision,
            {
                "draft": bool(state["is_draft"]),
                "author_id": author,
                "restricted_to": limited_now if state["restriction_reason"] else None,
            },
        )


def _all_values(document, names: tuple[str, ...]):
    """Every non-empty value of a field with one of these names, anywhere in the document."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in names and isinstance(value, str) and value:
                yield value
            else:
                yield from _all_values(value, names)
    elif isinstance(document, list):
        for item in document:
            yield from _all_values(item, names)


def import_case(raw: bytes | str, link_accounts: bool = False) -> ImportResult:
    """Validate the whole file first; then create the case in one transaction.

    Participants are linked to their existing accounts only with `link_accounts`.
    """
    document = parse(raw)
    validate(document)
    matches = match_accounts(document, link_accounts)
    importer = _Importer(document, matches)
    with transaction.atomic():
        case = importer.run()
    counts = {
        name: len(document[name])
        for name in ("children", "participants", "school_periods", "cards", "meetings", "consents")
    }
    return ImportResult(case, counts, importer.unknown, matches)
