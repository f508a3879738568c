"""A small vocabulary for writing demo and test cases readably."""

from datetime import date, timedelta

from django.utils import timezone

from rondom.career.changes import career_changed, set_group_sequence
from rondom.career.models import SchoolPeriod
from rondom.cases.models import ROLE_DEFAULTS, Case, Child, Consent, Participant
from rondom.cases.services import start_case
from rondom.core.dates import school_year_of
from rondom.core.fuzzy_dates import parse_fuzzy_date
from rondom.timeline.editing import apply_date, create_card
from rondom.timeline.merging import link_cards
from rondom.timeline.models import Card


class CaseBuilder:
    def __init__(self, title: str, manager, manager_name: str, function: str = ""):
        self.case: Case = start_case(title, manager)
        self.user = manager
        self.manager = self.case.participants.get()
        self.manager.name = manager_name
        self.manager.function = function
        self.manager.organisation = "Basisschool De Vlieger"
        self.manager.save()

    def child(self, name: str, born: date) -> Child:
        return Child.objects.create(case=self.case, name=name, date_of_birth=born)

    def person(self, name: str, role: str, user=None, organisation: str = "", function: str = ""):
        letter, colour = ROLE_DEFAULTS[role]
        return Participant.objects.create(
            case=self.case,
            name=name,
            role=role,
            letter=letter,
            colour=colour,
            user=user,
            organisation=organisation,
            function=function,
        )

    def period(self, child: Child, kind: str, name: str, start: str, end: str = "", groups=""):
        starts_on = parse_fuzzy_date(start).start
        period = SchoolPeriod.objects.create(
            child=child,
            kind=kind,
            name=name,
            start_text=start,
            end_text=end,
            starts_on=starts_on,
            ends_on=parse_fuzzy_date(end).end if end else None,
        )
        if groups:
            set_group_sequence(period, groups.split(), school_year_of(starts_on))
            career_changed(child)
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

    def link(self, *cards: Card) -> None:
        """The cards describe the same thing, seen by different people."""
        link_cards(list(cards), self.user)
