"""The monitor of Wijk Centrum: one joint agreement followed over two ended half-years, and
three signals that cases sent up.

The joint agreement ("every child with a question for help has fitting help within 8 weeks")
started two half-years before the running one. Its four indicators were agreed by the school
and the local team; three are computed from the demo's cases, one (children waiting for
specialist youth care, from the gemeente) is entered by hand. Both ended half-years are
frozen, as `rondom freeze_periods` would have done the night after each ended. The stories
of the weeks-to-help indicator come from all three perspectives, and what the partners will
do in the first half-year became a network agreement. The review meeting of the latest half-year
is held and closed, so its report can be printed.

Three policy cards of the demo cases went up to the network: two under *Wachtlijsten*, which
the network answered (the answer shows on those cards), and one under *Ontbrekend aanbod*.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from rondom.accounts.models import Organisation, User
from rondom.monitor.catalogue import DOMAIN, PARTY
from rondom.monitor.freezing import freeze_network, half_of, next_half
from rondom.monitor.models import (
    Better,
    Indicator,
    IndicatorConsent,
    IndicatorKind,
    JointAgreement,
    Period,
    PeriodValue,
    Perspective,
    ReviewMeeting,
    SignalTheme,
    Signature,
    Story,
    StoryAgreement,
)
from rondom.monitor.signals import answer_theme, send_signal
from rondom.networks.models import Network, NetworkAgreement
from rondom.timeline.kinds import CardKind
from rondom.timeline.models import Card

from .accounts import LOCAL_TEAM, SCHOOL

RESULT = "Elk kind met een hulpvraag heeft binnen 8 weken passende hulp."


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    definition: str
    perspective: str
    kind: str
    target: str
    better: str
    source: str = ""
    options: dict | None = None
    baseline: str | None = None


INDICATORS = [
    DemoIndicator(
        "Weken tot de eerste hulp bij leren",
        "Hoeveel weken het duurt van een hulpvraag over het leren van een kind tot de eerste "
        "hulp. We kijken naar de middelste waarde, zodat één lange wachttijd het beeld niet "
        "bepaalt.",
        Perspective.CHILD_PARENT,
        IndicatorKind.HOW_WELL,
        "8",
        Better.LOWER,
        "weeks_to_help",
        {DOMAIN: "learning"},
        baseline="14",
    ),
    DemoIndicator(
        "Gezinnen met een vraag over opvoeden en nog geen hulp",
        "Hoeveel kinderen of gezinnen een vraag over opvoeden hebben waarvoor nog geen hulp is.",
        Perspective.NETWORK,
        IndicatorKind.HOW_MUCH,
        "5",
        Better.LOWER,
        "questions_without_help",
        {DOMAIN: "parenting"},
    ),
    DemoIndicator(
        "Ouders tevreden over de hulp",
        "Van de ouders die zeiden hoe tevreden ze zijn over de hulp, het deel dat tevreden is.",
        Perspective.CHILD_PARENT,
        IndicatorKind.BETTER_OFF,
        "80",
        Better.HIGHER,
        "satisfied",
        {PARTY: "parents"},
    ),
    DemoIndicator(
        "Kinderen op de wachtlijst voor specialistische jeugdhulp",
        "Hoeveel kinderen uit de wijk aan het eind van het halfjaar wachten op "
        "specialistische jeugdhulp. Het cijfer komt van de gemeente.",
        Perspective.ORGANISATIONS,
        IndicatorKind.HOW_WELL,
        "10",
        Better.LOWER,
        baseline="31",
    ),
]

# The gemeente's figure for the hand-entered indicator, per ended half-year, oldest first.
MANUAL_FIGURES = ["27", "19"]
MANUAL_SOURCE = "Gemeente, wachtlijstoverzicht jeugdhulp aan het eind van het halfjaar"

# The weeks-to-help indicator's stories: per ended half-year (oldest first) and perspective,
# what explains the figure, what works, and what the partners will do.
STORIES = [
    {
        Perspective.CHILD_PARENT: (
            "Ouders vertellen dat ze na het gesprek op school lang niets hoorden.",
            "Een vast gezicht van het jeugdteam op school maakt de stap kleiner.",
            "De school belt ouders binnen twee weken terug over de stand van de hulp.",
        ),
        Perspective.ORGANISATIONS: (
            "De aanmelding bij het jeugdteam ging via een formulier dat vaak onvolledig was.",
            "Samen aanmelden in één gesprek met ouders, school en jeugdteam.",
            "Het jeugdteam schuift elke maand aan bij het zorgoverleg van de school.",
        ),
        Perspective.NETWORK: (
            "Er was geen vaste route van school naar jeugdhulp.",
            "De afspraken uit de samenwerkingsscan over een vaste contactpersoon.",
            "We maken één route voor een hulpvraag over leren, voor alle scholen in de wijk.",
        ),
    },
    {
        Perspective.CHILD_PARENT: (
            "Ouders merken dat de hulp sneller begint, maar wachten nog op onderzoek.",
            "Het terugbellen door school: ouders weten waar ze staan.",
            "Ouders krijgen bij de start een overzicht met wie wat doet.",
        ),
        Perspective.ORGANISATIONS: (
            "Het maandelijkse zorgoverleg met het jeugdteam loopt op alle scholen.",
            "Korte lijnen tussen intern begeleider en jeugdteam.",
            "De kinderopvang sluit aan bij het zorgoverleg als een kind daar ook komt.",
        ),
        Perspective.NETWORK: (
            "De wachttijd daalt, maar onderzoek door specialistische hulp blijft traag.",
            "De gezamenlijke route voor een hulpvraag over leren.",
            "We bespreken de wachttijd voor onderzoek met de gemeente.",
        ),
    },
]

NOTES = (
    "Aanwezig: school, jeugdteam, kinderopvang en gemeente.\n"
    "De weken tot de eerste hulp bij leren dalen; de route werkt. Het wachten op onderzoek "
    "blijft het knelpunt: de gemeente neemt dit mee naar het regionale overleg.\n"
    "De wachtlijst voor specialistische jeugdhulp is korter, maar nog ver boven de "
    "streefwaarde."
)

# Three policy cards of the demo cases, by their text, with the theme they went under.
SIGNALS = {
    "Wachtlijst van vijf maanden voor specialistische hulp": "Wachtlijsten",
    "Geen plek in het SBO tot er een toelaatbaarheidsverklaring was": "Wachtlijsten",
    "Geen passend aanbod in de wijk voor naschoolse opvang": "Ontbrekend aanbod",
}
ANSWER = (
    "De gemeente en de jeugdhulpaanbieders maken per kwartaal een overzicht van de "
    "wachttijden. Tot er een plek is, biedt het jeugdteam overbruggingshulp aan."
)


def ensure_demo_monitor(network: Network, users: dict[str, User]) -> bool:
    """Load the monitor of the demo network once; returns whether it did anything."""
    if JointAgreement.objects.filter(network=network, result=RESULT).exists():
        return False
    today = timezone.localdate()
    first, second = _two_ended_halves(today)
    joint = _joint_agreement(network, first, users)
    indicators = [_indicator(joint, spec, users) for spec in INDICATORS]
    freeze_network(network, today)
    periods = [Period.objects.get(network=network, year=y, half=h) for y, h in (first, second)]
    for period in periods:
        _backdate_freeze(period)
    for period, figure in zip(periods, MANUAL_FIGURES, strict=True):
        _enter_by_hand(indicators[-1], period, figure, users["coordinator"])
    for period, stories in zip(periods, STORIES, strict=True):
        _stories(indicators[0], period, stories, users["coordinator"])
    _agreement_from_story(indicators[0], periods[0], users)
    _review(network, periods[1])
    _signals(network, users)
    return True


def _two_ended_halves(today: date) -> tuple[tuple[int, int], tuple[int, int]]:
    year, half = half_of(today)
    second = (year - 1, 2) if half == 1 else (year, 1)
    first = (second[0] - 1, 2) if second[1] == 1 else (second[0], 1)
    return first, second


def _start_of(year: int, half: int) -> date:
    return date(year, 1 if half == 1 else 7, 1)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _joint_agreement(network: Network, first: tuple[int, int], users) -> JointAgreement:
    starts_on = _start_of(*first)
    joint = JointAgreement.objects.create(
        network=network, result=RESULT, starts_on=starts_on, created_by=users["coordinator"]
    )
    for name in (SCHOOL, LOCAL_TEAM):
        Signature.objects.create(
            joint_agreement=joint,
            organisation=Organisation.objects.get(name=name),
            signed_on=starts_on - timedelta(days=14),
        )
    return joint


def _indicator(joint: JointAgreement, spec: DemoIndicator, users) -> Indicator:
    indicator = Indicator.objects.create(
        joint_agreement=joint,
        name=spec.name,
        definition=spec.definition,
        perspective=spec.perspective,
        kind=spec.kind,
        target=Decimal(spec.target),
        better=spec.better,
        source=spec.source,
        source_options=spec.options or {},
        baseline=Decimal(spec.baseline) if spec.baseline else None,
        proposed_by=users["coordinator"],
    )
    # The intern begeleider agrees for the school, the family coach for the local team.
    for name, login in ((SCHOOL, "ib"), (LOCAL_TEAM, "youth_care")):
        IndicatorConsent.objects.create(
            indicator=indicator,
            organisation=Organisation.objects.get(name=name),
            agreed_by=users[login],
        )
    # They agreed when the joint agreement was signed, not when the demo was loaded.
    indicator.consents.update(agreed_at=_at(joint.starts_on - timedelta(days=7)))
    return indicator


def _backdate_freeze(period: Period) -> None:
    """Frozen the night after the half-year ended, as the daily job does."""
    frozen_at = _at(_start_of(*next_half(period.year, period.half)), hour=3)
    Period.objects.filter(pk=period.pk).update(frozen_at=frozen_at)
    period.values.update(frozen_at=frozen_at)


def _enter_by_hand(indicator: Indicator, period: Period, figure: str, user: User) -> None:
    entered = _at(_start_of(*next_half(period.year, period.half)) + timedelta(days=20))
    PeriodValue.objects.create(
        indicator=indicator,
        period=period,
        value=Decimal(figure),
        source_note=MANUAL_SOURCE,
        entered_by=user,
        entered_at=entered,
    )


def _stories(indicator: Indicator, period: Period, stories: dict, user: User) -> None:
    Story.objects.bulk_create(
        Story(
            indicator=indicator,
            period=period,
            perspective=perspective,
            explains=explains,
            works=works,
            will_do=will_do,
            updated_by=user,
        )
        for perspective, (explains, works, will_do) in stories.items()
    )


def _agreement_from_story(indicator: Indicator, period: Period, users) -> None:
    """The network's route for a question about learning, agreed after the first half-year
    and done since."""
    story = Story.objects.get(indicator=indicator, period=period, perspective=Perspective.NETWORK)
    due_on = _start_of(*next_half(period.year, period.half)) + timedelta(days=90)
    agreement = NetworkAgreement.objects.create(
        network=indicator.joint_agreement.network,
        what=story.will_do,
        owner_organisation=Organisation.objects.get(name=LOCAL_TEAM),
        due_on=due_on,
        status=NetworkAgreement.Status.DONE,
        outcome="De route staat op papier en alle scholen werken ermee.",
        status_set_by=users["coordinator"],
        status_set_at=_at(due_on - timedelta(days=10)),
        created_by=users["coordinator"],
    )
    StoryAgreement.objects.create(story=story, agreement=agreement)


def _review(network: Network, period: Period) -> None:
    held_on = _start_of(*next_half(period.year, period.half)) + timedelta(days=60)
    ReviewMeeting.objects.create(
        network=network, period=period, held_on=held_on, notes=NOTES, closed_at=_at(held_on, 16)
    )


def _signals(network: Network, users: dict[str, User]) -> None:
    themes = {
        name: SignalTheme.objects.create(network=network, name=name)
        for name in sorted(set(SIGNALS.values()))
    }
    cards = Card.objects.filter(
        kind=CardKind.POLICY, text__in=list(SIGNALS), case__created_by=users["ib"]
    ).select_related("case")
    for card in cards:
        send_signal(card, network, card.text, themes[SIGNALS[card.text]], users["ib"])
    answer_theme(themes["Wachtlijsten"], ANSWER, users["coordinator"], loaded=None)
