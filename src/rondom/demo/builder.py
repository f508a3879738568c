"""A small vocabulary for writing demo and test cases readably, and the demo cases' reader."""

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from rondom.career.forms import SchoolPeriodForm
from rondom.career.models import SchoolPeriod
from rondom.cases.colours import next_colour
from rondom.cases.models import ROLE_LETTERS, Case, Child, Consent, FiguresConsent, Participant
from rondom.cases.services import start_case
from rondom.core.fuzzy_dates import parse_fuzzy_date, resolve_groups
from rondom.help.models import HelpQuestion, HelpSatisfaction, HelpSatisfactionReason, party_of
from rondom.timeline.card_changes import apply_date, create_card, group_years_of
from rondom.timeline.merging import link_cards
from rondom.timeline.models import Card


class CaseBuilder:
    def __init__(self, title: str, manager, manager_name: str, function: str = ""):
        self.case: Case = start_case(title, manager)
        self.user = manager
        self.manager = self.case.participants.get()
        self.people: dict[str, Participant] = {"manager": self.manager}
        self.manager.name = manager_name
        self.manager.function = function
        self.manager.organisation = "Basisschool De Vlieger"
        self.manager.save()

    def child(self, name: str, born: date) -> Child:
        return Child.objects.create(case=self.case, name=name, date_of_birth=born)

    def person(self, name: str, role: str, user=None, organisation: str = "", function: str = ""):
        return Participant.objects.create(
            case=self.case,
            name=name,
            role=role,
            letter=ROLE_LETTERS[role],
            colour=next_colour(self.case),
            user=user,
            organisation=organisation,
            function=function,
        )

    def period(self, child: Child, kind: str, name: str, start: str, end: str = "", groups=""):
        """A stretch of the school career, checked and saved as the career page does."""
        data = {"kind": kind, "name": name, "start_text": start, "end_text": end, "groups": groups}
        form = SchoolPeriodForm(data, instance=SchoolPeriod(child=child))
        if not form.is_valid():
            raise ValueError(f"school period {start}–{end}: {form.errors.as_text()}")
        period = form.save()
        form.place_groups(period)
        return period

    def name_with_consent(self, purpose: str = "Samen de tijdlijn opstellen en bespreken") -> None:
        """A parent consents for every professional in the case; then the case uses names."""
        parent = next(p for p in self.case.participants.all() if p.is_parent)
        today = timezone.localdate()
        Consent.objects.bulk_create(
            Consent(
                case=self.case,
                given_by=parent,
                participant=person,
                purpose=purpose,
                valid_from=today - timedelta(days=30),
                valid_until=today + timedelta(days=365),
                recorded_by=self.user,
            )
            for person in self.case.participants.all()
            if not person.is_parent
        )
        self.case.is_anonymous = False
        self.case.save(update_fields=["is_anonymous"])

    def card(self, kind: str, author: Participant, when: str, text: str, child=None, **fields):
        card = Card(
            case=self.case,
            child=child,
            kind=kind,
            author=author,
            date_text=when,
            text=text,
            **fields,
        )
        apply_date(card, self.case, child)
        return create_card(card, author.user or self.user)

    def question(self, domain: str, by: Participant, when: str, text: str, child=None,
                 status: str = "open") -> HelpQuestion:  # fmt: skip
        """A question for help, dated like a card: a group through the child's school career."""
        question = HelpQuestion(case=self.case, child=child, domain=domain, text=text,
                                raised_by=by, status=status, created_by=self.user)  # fmt: skip
        value = parse_fuzzy_date(when)
        if value.groups and child is not None:
            value = resolve_groups(value, group_years_of(child))
        question.date_text = value.text
        question.store_dates(value, value)
        question.precision = value.precision
        question.date_groups = ",".join(value.groups)
        question.save()
        return question

    def satisfaction(self, by: Participant, satisfaction: str, reasons=(), remark: str = "",
                     meeting=None) -> HelpSatisfaction:  # fmt: skip
        answer = HelpSatisfaction.objects.create(
            case=self.case, participant=by, party=party_of(by.role), satisfaction=satisfaction,
            remark=remark, meeting=meeting, given_by=by.user or self.user,
        )  # fmt: skip
        HelpSatisfactionReason.objects.bulk_create(
            HelpSatisfactionReason(answer=answer, reason=reason) for reason in reasons
        )
        return answer

    def consent_to_figures(self, parent: Participant) -> FiguresConsent:
        return FiguresConsent.objects.create(
            case=self.case, given_by=parent, recorded_by=parent.user or self.user
        )

    def link(self, *cards: Card) -> None:
        """The cards describe the same thing, seen by different people."""
        link_cards(list(cards), self.user)


DEMO_CASES_FILE = Path(__file__).with_name("cases.toml")


def demo_cases() -> list[dict]:
    """The demo cases as cases.toml describes them, in its order; people who take part in
    several cases are filled in where a case names them."""
    with DEMO_CASES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    shared = data["people"]
    for case in data["cases"]:
        people = case["people"]
        for key, person in people.items():
            people[key] = shared[person] if isinstance(person, str) else person
    return data["cases"]


# What a card in cases.toml says besides the card's own fields.
CARD_REFERENCES = {"kind", "by", "when", "text", "child", "key", "same_as", "question"}


def build_case(spec: dict, users: dict) -> CaseBuilder:
    """One demo case, built in the order cases.toml gives: people, consent, school career,
    questions, then the cards. Satisfaction comes later (`add_satisfaction`), once the case's
    meeting is there."""
    manager = spec["manager"]
    b = CaseBuilder(spec["title"], users[manager["account"]], manager["name"], manager["function"])
    children = {name: b.child(name, born) for name, born in spec["children"].items()}
    people = {"manager": b.manager}
    for key, person in spec["people"].items():
        people[key] = b.person(
            person["name"],
            person["role"],
            users[person["account"]] if "account" in person else None,
            person.get("organisation", ""),
            person.get("function", ""),
        )
    if spec["named"]:
        b.name_with_consent()
    if "figures_consent" in spec:
        b.consent_to_figures(people[spec["figures_consent"]])
    for period in spec.get("periods", []):
        child = children[period["child"]]
        end, groups = period.get("end", ""), period.get("groups", "")
        b.period(child, period["kind"], period["name"], period["start"], end, groups)
    questions = {
        item["key"]: b.question(
            item["domain"],
            people[item["by"]],
            item["when"],
            item["text"],
            children.get(item.get("child")),
            item["status"],
        )  # fmt: skip
        for item in spec.get("questions", [])
    }
    cards = _build_cards(b, spec.get("cards", []), children, people, questions)
    for item in spec.get("questions", []):
        if "shows_on" in item:
            question = questions[item["key"]]
            question.card = cards[item["shows_on"]]
            question.save(update_fields=["card"])
    b.people = people
    return b


def _build_cards(
    b: CaseBuilder, items: list[dict], children: dict, people: dict, questions: dict
) -> dict[str, Card]:
    by_key: dict[str, Card] = {}
    for item in items:
        child = children[item["child"]] if "child" in item else None
        fields = {name: value for name, value in item.items() if name not in CARD_REFERENCES}
        if "question" in item:
            fields["question"] = questions[item["question"]]
        card = b.card(item["kind"], people[item["by"]], item["when"], item["text"], child, **fields)
        if "same_as" in item:
            b.link(by_key[item["same_as"]], card)
        if "key" in item:
            by_key[item["key"]] = card
    return by_key


def add_satisfaction(b: CaseBuilder, spec: dict) -> None:
    """How satisfied people in the case are with the help; `meeting = true` at its latest
    meeting, as it would be asked there."""
    meeting = b.case.meetings.order_by("-held_on").first()
    for item in spec.get("satisfaction", []):
        b.satisfaction(
            b.people[item["by"]],
            item["satisfaction"],
            item.get("reasons", []),
            item.get("remark", ""),
            meeting if item.get("meeting") else None,
        )
    if meeting is not None:
        # Given at the meeting, so on its day rather than when the demo was loaded.
        held = timezone.make_aware(datetime.combine(meeting.held_on, time(16)))
        b.case.help_satisfactions.filter(meeting=meeting).update(given_at=held)
