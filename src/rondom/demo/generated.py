"""Anonymous cases that the demo makes up, so that the figures of Wijk Centrum show real
numbers above the smallest number shown (10).

Their case managers are accounts of De Vlieger and Jeugdteam Centrum that cannot log in, so
the demo logins' case lists stay as the README says; a site admin sees them. The cases follow
the proportions of the research (chapter 4): most children have a social-emotional question,
parents get parenting support without asking for it, and physical questions often stay
without help. A fixed seed makes every run the same; the dates count back from today.

Everything goes in with bulk inserts, a few per kind of record, so that `rondom demo` stays
quick.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case as When_
from django.db.models import Value, When
from django.utils import timezone

from rondom.accounts.models import Function, Membership, Organisation, User
from rondom.cases.colours import PALETTE
from rondom.cases.models import ROLE_LETTERS, Case, Child, Participant, Role
from rondom.core.fuzzy_dates import FuzzyDate, parse_fuzzy_date
from rondom.help.models import (
    HelpQuestion,
    HelpSatisfaction,
    HelpSatisfactionReason,
    QuestionStatus,
    Satisfaction,
    SatisfactionReason,
    party_of,
)
from rondom.meetings.models import Agreement, Meeting, Step, StepNote
from rondom.timeline.card_fields import MANY_PEOPLE_FIELDS, WRITTEN_FIELDS, written_value
from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS, CardKind, Domain, Rating
from rondom.timeline.models import Card, CardRevision

from .accounts import CHILDCARE, LOCAL_TEAM, SCHOOL

SEED = 13
CASES = 100

# Case managers that are no demo login: (email, first name, last name, organisation, function).
MANAGERS = (
    ("m.dewit@vlieger.rondom.test", "Mila", "de Wit", SCHOOL, Function.IB),
    ("b.koster@vlieger.rondom.test", "Bram", "Koster", SCHOOL, Function.IB),
    ("f.yilmaz@vlieger.rondom.test", "Fatma", "Yilmaz", SCHOOL, Function.SCHOOL_SOCIAL_WORKER),
    ("d.vos@jeugdteam.rondom.test", "Daan", "Vos", LOCAL_TEAM, Function.FAMILY_COACH),
    ("n.peeters@jeugdteam.rondom.test", "Noa", "Peeters", LOCAL_TEAM, Function.FAMILY_COACH),
)

# Per domain: how often there is a question, and how often help comes with and without one.
CHANCES: dict[str, tuple[float, float, float]] = {
    Domain.PARENTING: (0.15, 0.90, 0.45),
    Domain.PARENT_OTHER: (0.55, 0.80, 0.03),
    Domain.LEARNING: (0.50, 0.85, 0.20),
    Domain.SOCIAL_EMOTIONAL: (0.85, 0.70, 0.04),
    Domain.PHYSICAL: (0.25, 0.45, 0.05),
}
QUESTIONS = {
    Domain.PARENTING: ("Grenzen stellen thuis", "Rust in de ochtend en bij het slapengaan",
                       "Omgaan met de boosheid van het kind"),
    Domain.PARENT_OTHER: ("Schulden en rekeningen", "Een woning die te klein is",
                          "Veiligheid thuis", "De gezondheid van een ouder"),
    Domain.LEARNING: ("Achterstand bij lezen", "Moeite met rekenen", "Concentratie in de klas",
                      "Werkhouding en aanpak"),
    Domain.SOCIAL_EMOTIONAL: ("Trekt zich terug", "Veel ruzie met andere kinderen",
                              "Boos en onrustig in de klas", "Angstig, wil niet naar school"),
    Domain.PHYSICAL: ("Fijne motoriek", "Slecht zien of horen", "Slaapt slecht", "Vaak ziek"),
}  # fmt: skip
HELP = {
    Domain.PARENTING: (("Opvoedondersteuning", "Jeugdteam Centrum"),
                       ("Video-hometraining", "Jeugdteam Centrum"), ("Oudercursus", "CJG")),
    Domain.PARENT_OTHER: (("Schuldhulpverlening", "Gemeente"),
                          ("Urgentieaanvraag voor een woning", "Jeugdteam Centrum"),
                          ("Veiligheidsplan en alarmknop", "Veilig Thuis")),
    Domain.LEARNING: (("Remedial teaching", SCHOOL),
                      ("Extra instructie in een kleine groep", SCHOOL),
                      ("Onderwijsarrangement", "Samenwerkingsverband")),
    Domain.SOCIAL_EMOTIONAL: (("Sociale vaardigheidstraining", "Jeugdteam Centrum"),
                              ("Speltherapie", "Praktijk Speelruimte"),
                              ("Begeleiding in de klas", "Samenwerkingsverband")),
    Domain.PHYSICAL: (("Fysiotherapie", "Fysiotherapie Centrum"),
                      ("Onderzoek door de jeugdarts", "GGD"),
                      ("Ergotherapie", "Kinderergotherapie")),
}  # fmt: skip
PSEUDONYMS = ("Merel", "Vink", "Mus", "Uil", "Reiger", "Zwaluw", "Specht", "Kievit",
              "Lijster", "Gaai", "Roodborst", "Koolmees", "Winterkoning", "Ekster", "Spreeuw",
              "Valk")  # fmt: skip
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
GOOD_REASONS = (SatisfactionReason.NEEDS_CLEAR, SatisfactionReason.HELP_FITS,
                SatisfactionReason.HELP_TOGETHER, SatisfactionReason.GOOD_TEAMWORK,
                SatisfactionReason.SKILLED)  # fmt: skip
POOR_REASONS = (SatisfactionReason.NO_FITTING_HELP, SatisfactionReason.WAITING,
                SatisfactionReason.OTHER_PROBLEMS, SatisfactionReason.POOR_MATCH,
                SatisfactionReason.POOR_TEAMWORK, SatisfactionReason.TOO_MANY)  # fmt: skip


def generated_managers() -> list[User]:
    return list(User.objects.filter(email__in=[m[0] for m in MANAGERS]).order_by("email"))


def ensure_generated_cases() -> int:
    """Make the generated cases, unless they are there already; the number made."""
    managers = _ensure_managers()
    if Case.objects.filter(created_by__in=[user for user, _role in managers.values()]).exists():
        return 0
    _Generator(random.Random(SEED), managers, timezone.localdate()).run()
    return CASES


def _ensure_managers() -> dict[str, tuple[User, str]]:
    """Each generated case manager with the role they have in a case."""
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=[SCHOOL, LOCAL_TEAM])}
    found = {user.email: user for user in generated_managers()}
    managers = {}
    for email, first, last, organisation, function in MANAGERS:
        user = found.get(email)
        if user is None:
            user = User(email=email, first_name=first, last_name=last,
                        kind=User.Kind.PROFESSIONAL)  # fmt: skip
            # Not a login: nobody knows a password for these accounts.
            user.set_unusable_password()
            user.save()
            Membership.objects.create(
                organisation=organisations[organisation], user=user, function=function
            )
        role = Role.SCHOOL if organisation == SCHOOL else Role.YOUTH_CARE
        managers[email] = (user, role)
    return managers


def _month_text(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@dataclass
class _Family:
    """One generated case while it is being made: its records before and after insertion."""

    case: Case
    manager: User
    children: list[Child] = field(default_factory=list)
    people: dict[str, Participant] = field(default_factory=dict)
    gaps: int = 0  # questions left without help: the parties are less satisfied then


class _Generator:
    def __init__(self, rng: random.Random, managers: dict[str, tuple[User, str]], today: date):
        self.rng, self.today = rng, today
        self.managers = [managers[m[0]] for m in MANAGERS]

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def run(self) -> None:
        families = self.cases()
        self.children_and_people(families)
        cards = self.questions_and_help(families)
        self.meetings_and_satisfaction(families)
        self.revisions(cards, families)

    def cases(self) -> list[_Family]:
        families, created = [], {}
        for number in range(1, CASES + 1):
            manager, role = self.managers[(number - 1) % len(self.managers)]
            case = Case(title=f"Casus W{number:03d}", created_by=manager, is_anonymous=True)
            families.append(_Family(case, manager))
            # Started before any of its meetings (the last 330 days).
            created[number] = self.days_ago(340, 720)
            families[-1].people["manager"] = Participant(
                name="Intern begeleider" if role == Role.SCHOOL else "Gezinscoach",
                role=role,
                user=manager,
                is_case_manager=True,
                organisation=SCHOOL if role == Role.SCHOOL else LOCAL_TEAM,
            )
        Case.objects.bulk_create(f.case for f in families)
        _set_dates(Case, "created_at", {f.case.pk: _aware(created[n])
                                        for n, f in enumerate(families, 1)})  # fmt: skip
        for n, family in enumerate(families, 1):
            family.case.created_at = _aware(created[n])
        return families

    def children_and_people(self, families: list[_Family]) -> None:
        children, people = [], []
        for family in families:
            count = self.rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
            names = self.rng.sample(PSEUDONYMS, count)
            for name in names:
                born = self.days_ago(4 * 365 + 30, 12 * 365)
                child = Child(case=family.case, name=name, date_of_birth=born)
                family.children.append(child)
                children.append(child)
            manager = family.people["manager"]
            other_role = Role.YOUTH_CARE if manager.role == Role.SCHOOL else Role.SCHOOL
            family.people["parent"] = Participant(name="Ouder", role=Role.PARENTS)
            family.people["other"] = Participant(
                name="Gezinscoach" if other_role == Role.YOUTH_CARE else "Leerkracht",
                role=other_role,
                organisation=LOCAL_TEAM if other_role == Role.YOUTH_CARE else SCHOOL,
            )
            if self.rng.random() < 0.3:
                family.people["childcare"] = Participant(
                    name="Pedagogisch medewerker", role=Role.CHILDCARE, organisation=CHILDCARE
                )
            for colour, person in zip(PALETTE, family.people.values(), strict=False):
                person.case, person.colour = family.case, colour
                person.letter = ROLE_LETTERS[person.role]
                people.append(person)
        Child.objects.bulk_create(children)
        Participant.objects.bulk_create(people)

    def questions_and_help(self, families: list[_Family]) -> list[Card]:
        questions: list[HelpQuestion] = []
        cards: list[Card] = []
        pending: list[tuple[Card, HelpQuestion | None]] = []
        for family in families:
            for domain in FAMILY_DOMAINS:
                self.domain(family, domain, None, questions, pending)
            for child in family.children:
                for domain in CHILD_DOMAINS:
                    self.domain(family, domain, child, questions, pending)
        HelpQuestion.objects.bulk_create(questions)
        for card, question in pending:
            card.question = question
            cards.append(card)
        Card.objects.bulk_create(cards)
        return cards

    def domain(self, family, domain, child, questions, pending) -> None:
        asked, helped_if_asked, helped_anyway = CHANCES[domain]
        rng = self.rng
        has_question = rng.random() < asked
        has_help = rng.random() < (helped_if_asked if has_question else helped_anyway)
        question = None
        since = self.days_ago(30, 600)
        if has_question:
            if has_help:
                status = rng.choices((QuestionStatus.HELPED, QuestionStatus.RESOLVED), (7, 3))[0]
            else:
                status = rng.choices((QuestionStatus.OPEN, QuestionStatus.NOT_PURSUED), (3, 1))[0]
                family.gaps += 1
            raised_by = rng.choice([family.people["parent"], family.people["manager"],
                                    family.people["other"]])  # fmt: skip
            question = HelpQuestion(
                case=family.case, child=child, domain=domain, raised_by=raised_by,
                text=rng.choice(QUESTIONS[domain]), status=status, created_by=family.manager,
            )  # fmt: skip
            _place(question, parse_fuzzy_date(_month_text(since)))
            questions.append(question)
        if not has_help:
            return
        for _n in range(rng.choices((1, 2), (4, 1))[0]):
            start = since + timedelta(weeks=rng.randint(0, 20)) if question else since
            start = min(start, self.today)
            if rng.random() < 0.6:
                text = f"sinds {_month_text(start)}"
            else:
                end = min(start + timedelta(days=rng.randint(60, 300)), self.today)
                text = f"{_month_text(start)} - {_month_text(end)}"
            what, provider = rng.choice(HELP[domain])
            author = family.people["manager" if domain == Domain.LEARNING else "other"]
            if family.people["manager"].role == Role.YOUTH_CARE and domain == Domain.LEARNING:
                author = family.people["other"]
            card = Card(
                case=family.case, child=child, kind=CardKind.HELP, author=author, text=what,
                provider=provider, domain=domain, rating=rng.choice(Rating.values),
            )  # fmt: skip
            card.set_date(parse_fuzzy_date(text))
            # Most help that follows a question says so; some is only in the same domain.
            linked = question if question is not None and rng.random() < 0.8 else None
            pending.append((card, linked))

    def meetings_and_satisfaction(self, families: list[_Family]) -> None:
        meetings, notes, agreements = [], [], []
        for family in families:
            held = sorted(self.days_ago(7, 330) for _n in range(self.rng.choice((1, 1, 2))))
            for day in held:
                meeting = Meeting(case=family.case, held_on=day, goal="decide_help",
                                  created_by=family.manager)  # fmt: skip
                meetings.append((family, meeting))
        Meeting.objects.bulk_create(meeting for _family, meeting in meetings)
        for family, meeting in meetings:
            notes.extend(StepNote(meeting=meeting, step=step) for step in Step)
            for _n in range(self.rng.randint(1, 2)):
                due = meeting.held_on + timedelta(days=self.rng.randint(14, 60))
                status = self.rng.choices(("done", "open", "dropped"), (6, 3, 1))[0]
                if due < self.today - timedelta(days=30) and status == "open":
                    status = "done"
                agreement = Agreement(
                    case=family.case, meeting=meeting, due_on=due, status=status,
                    what="Terugkoppelen aan ouders", owner=family.people["other"],
                )  # fmt: skip
                if status == "done":
                    done = min(due + timedelta(days=self.rng.randint(-14, 10)), self.today)
                    agreement.status_set_at = _aware(done)
                agreements.append(agreement)
        StepNote.objects.bulk_create(notes)
        Agreement.objects.bulk_create(agreements)
        latest = {}
        for family, meeting in meetings:
            latest[family.case.pk] = meeting
        self.satisfaction(families, latest)

    def satisfaction(self, families: list[_Family], latest: dict[int, Meeting]) -> None:
        answers, given = [], {}
        for family in families:
            meeting = latest.get(family.case.pk)
            chances = {"parent": 0.85, "other": 0.7, "manager": 0.6, "childcare": 0.5}
            for key, chance in chances.items():
                person = family.people.get(key)
                if person is None or self.rng.random() >= chance:
                    continue
                weights = (6, 3, 1) if family.gaps == 0 else (2, 3, 3)
                satisfaction = self.rng.choices(Satisfaction.values, weights)[0]
                answer = HelpSatisfaction(
                    case=family.case, participant=person, party=party_of(person.role),
                    satisfaction=satisfaction, meeting=meeting, given_by=family.manager,
                )  # fmt: skip
                answers.append(answer)
                given[id(answer)] = meeting.held_on if meeting else self.days_ago(7, 300)
        HelpSatisfaction.objects.bulk_create(answers)
        _set_dates(HelpSatisfaction, "given_at", {a.pk: _aware(given[id(a)]) for a in answers})
        reasons = []
        for answer in answers:
            if answer.satisfaction == Satisfaction.SATISFIED:
                picked = self.rng.sample(GOOD_REASONS, self.rng.randint(1, 2))
            elif answer.satisfaction == Satisfaction.NOT_SATISFIED:
                picked = self.rng.sample(POOR_REASONS, self.rng.randint(1, 2))
            else:
                picked = [self.rng.choice(GOOD_REASONS), self.rng.choice(POOR_REASONS)]
            reasons.extend(HelpSatisfactionReason(answer=answer, reason=r) for r in picked)
        HelpSatisfactionReason.objects.bulk_create(reasons)

    def revisions(self, cards: list[Card], families: list[_Family]) -> None:
        """Each card's first version, as `create_card` writes it."""
        manager_of = {family.case.pk: family.manager for family in families}
        written = [name for name in WRITTEN_FIELDS if name not in MANY_PEOPLE_FIELDS]
        revisions = []
        for card in cards:
            values = {name: written_value(card, name) for name in written}
            changes = {k: [None, v] for k, v in values.items() if v not in ("", None, [])}
            revisions.append(CardRevision(
                card=card, version=1, action=CardRevision.Action.CREATED,
                changed_by=manager_of[card.case_id], changes=changes, draft=False,
                author_id=card.author_id,
            ))  # fmt: skip
        CardRevision.objects.bulk_create(revisions)


def _place(question: HelpQuestion, value: FuzzyDate) -> None:
    question.date_text = value.text
    question.store_dates(value, value)
    question.precision = value.precision
    question.date_groups = ",".join(value.groups)


def _set_dates(model, name: str, values: dict[int, datetime]) -> None:
    """Give rows a moment in the past that the database otherwise fills in as now; a few
    hundred rows per UPDATE."""
    items = list(values.items())
    for start in range(0, len(items), 200):
        part = dict(items[start : start + 200])
        moment = When_(*(When(pk=pk, then=Value(at)) for pk, at in part.items()))
        model.objects.filter(pk__in=part).update(**{name: moment})
