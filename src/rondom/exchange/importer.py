"""Create a case from a case file: all of it in one transaction, or nothing at all."""

from dataclasses import dataclass, field

from django.db import transaction

from rondom.cases.models import Case

from .document import ACTOR_FIELDS, SOFT_REFERENCES, VERSION, walk
from .parts.cards import import_cards, link_questions, relink_question_history
from .parts.children import import_children, import_school_periods
from .parts.consents import import_consents, import_figures_consents
from .parts.help import import_questions, import_satisfactions
from .parts.links import import_links_and_hidings
from .parts.meetings import import_meetings
from .parts.people import AccountMatch, accounts_by_email, import_participants, match_accounts
from .validation import parse, validate
from .values import read_moment

# What the import reports it made, by the lists of the file.
COUNTED = (
    "children", "participants", "school_periods", "cards", "meetings", "consents",
    "help_questions", "help_satisfactions", "figures_consents",
)  # fmt: skip


@dataclass
class ImportResult:
    case: Case
    counts: dict[str, int]
    unknown_accounts: set[str] = field(default_factory=set)
    matches: list[AccountMatch] = field(default_factory=list)
    version: int = VERSION


class _Importer:
    def __init__(self, document: dict, matches: list[AccountMatch]):
        self.doc = document
        emails = set(_all_values(document, ACTOR_FIELDS))
        lowered = {email.lower() for email in emails}
        self.users = {u.email.lower(): u for u in accounts_by_email(lowered)}
        self.unknown = {email for email in emails if email.lower() not in self.users}
        self.linked = {m.email.lower() for m in matches if m.linked}
        self.child_ids: dict[int, int] = {}
        self.participant_ids: dict[int, int] = {}
        self.card_ids: dict[int, int] = {}
        self.question_ids: dict[int, int] = {}
        self.meeting_ids: dict[int, int] = {}

    def user(self, email: str | None):
        return self.users.get(email.lower()) if email else None

    def account(self, email: str | None):
        """A participant's account: only one that is to be linked."""
        return self.user(email) if email and email.lower() in self.linked else None

    def run(self) -> Case:
        case = _create_case(self.doc["case"])
        self.child_ids = import_children(self.doc["children"], case)
        self.participant_ids = import_participants(self.doc["participants"], case, self.account)
        self._school_career()
        self._remap_history({"children", "participants"})
        self._cards(case)
        self._remap_history({"cards"})
        self._questions(case)
        self._remap_history({"help_questions"})
        relink_question_history(self.doc["cards"], self.card_ids)
        self._links_and_hidings(case)
        self._meetings(case)
        self._satisfactions(case)
        self._consents(case)
        return case

    def _school_career(self) -> None:
        import_school_periods(self.doc["school_periods"], self.child_ids)

    def _cards(self, case: Case) -> None:
        self.card_ids = import_cards(
            self.doc["cards"], case, self.child_ids, self.participant_ids, self.user
        )

    def _questions(self, case: Case) -> None:
        ids = {"children": self.child_ids, "participants": self.participant_ids,
               "cards": self.card_ids}  # fmt: skip
        self.question_ids = import_questions(self.doc["help_questions"], case, ids, self.user)
        link_questions(self.doc["cards"], self.card_ids, self.question_ids)

    def _remap_history(self, collections: set[str]) -> None:
        """Ids inside history point at the new rows, or are cleared when unknown."""
        maps = {"cards": self.card_ids, "children": self.child_ids,
                "participants": self.participant_ids,
                "help_questions": self.question_ids}  # fmt: skip
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
        import_links_and_hidings(self.doc, case, self.card_ids, self.user)

    def _meetings(self, case: Case) -> None:
        self.meeting_ids = import_meetings(
            self.doc["meetings"], case, self.participant_ids, self.card_ids, self.user
        )

    def _satisfactions(self, case: Case) -> None:
        import_satisfactions(
            self.doc["help_satisfactions"], case, self.participant_ids, self.meeting_ids, self.user
        )

    def _consents(self, case: Case) -> None:
        import_consents(self.doc["consents"], case, self.participant_ids, self.user)
        import_figures_consents(self.doc["figures_consents"], case, self.participant_ids, self.user)


def _create_case(data: dict) -> Case:
    case = Case.objects.create(
        title=data["title"],
        is_anonymous=data["is_anonymous"],
        closed_at=read_moment(data["closed_at"]),
        filed_in=data["filed_in"],
        version=data["version"],
    )
    Case.objects.filter(pk=case.pk).update(created_at=read_moment(data["created_at"]))
    return case


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
    document = validate(parse(raw))
    matches = match_accounts(document, link_accounts)
    importer = _Importer(document, matches)
    with transaction.atomic():
        case = importer.run()
    counts = {name: len(document[name]) for name in COUNTED}
    return ImportResult(case, counts, importer.unknown, matches, document["version"])
