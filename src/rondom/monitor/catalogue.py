"""The catalogue of figures the monitor computes from Rondom itself.

Each source has a key (stored in `Indicator.source`), a label, at most one option (a gebied,
a party, a level of the scan or a theme of the signals, stored in `Indicator.source_options`),
a unit, and says what its `count` means: how many cases, children, answers or signals stand
behind the value. A value with fewer than *k* behind it shows as `<k` (`values.shown`).

Every value is worked out over `cases_in_network(network)` within one half-year, from a
`Basis` (`monitor/basis.py`): the insight figures (`insights.figures.count_figures`), the
case agreements due, the periods out of school, the scan's latest closed round and the
signals. Each part is read
at most once, whatever the number of indicators, and each is a fixed number of grouped
queries, whatever the number of cases; so computing every indicator of a network for one
period takes a bounded number of queries.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.help.models import Party, Satisfaction
from rondom.insights.figures import (
    HELP_ONLY,
    QUESTION_ONLY,
    percentile,
)
from rondom.insights.periods import Period as Dates
from rondom.networks.models import Network
from rondom.scan.models import LEVELS_OF
from rondom.timeline.kinds import CHILD_DOMAINS, Domain

from .basis import Basis
from .models import Indicator, SignalTheme

# The options a source may take, as stored in `Indicator.source_options`.
DOMAIN, PARTY, LEVEL, THEME = "domain", "party", "level", "theme"

HUNDREDTHS = Decimal("0.01")


@dataclass(frozen=True)
class Computed:
    """A value and how many cases, children, answers or signals stand behind it."""

    value: Decimal | None
    count: int | None


def _number(value: float | int | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(HUNDREDTHS, ROUND_HALF_UP)


def _share(part: int, whole: int) -> Decimal | None:
    return _number(100 * part / whole) if whole else None


# --- the sources -----------------------------------------------------------------------------


def _cases(basis: Basis, options: dict) -> Computed:
    n = basis.figures.cases
    return Computed(_number(n), n)


def _children(basis: Basis, options: dict) -> Computed:
    n = basis.figures.children
    return Computed(_number(n), n)


def _meetings_per_case(basis: Basis, options: dict) -> Computed:
    # The report shows the cases, so the average gives the number of meetings away too.
    figures = basis.figures
    value = figures.meetings / figures.cases if figures.cases else None
    return Computed(_number(value), min(figures.cases, figures.meetings))


def _agreements_on_time(basis: Basis, options: dict) -> Computed:
    # The report shows how many agreements were done on time; the share rests on that count.
    due, on_time = basis.agreements_due, basis.figures.agreements_on_time
    return Computed(_share(on_time, due["due"]), min(due["cases"], on_time))


def _weeks_to_help(basis: Basis, options: dict) -> Computed:
    days = basis.figures.days_to_help.get(options[DOMAIN], Counter())
    median = percentile(days, 0.5)
    return Computed(_number(None if median is None else median / 7), sum(days.values()))


def _cell(cell: str) -> Callable[[Basis, dict], Computed]:
    def compute(basis: Basis, options: dict) -> Computed:
        domain = options[DOMAIN]
        figures = basis.figures
        part = "child" if domain in CHILD_DOMAINS else "family"
        cells = figures.child_cells if part == "child" else figures.family_cells
        n = cells.get(domain, {}).get(cell, 0)
        return Computed(_number(n), basis.resting_on(((part, domain, cell),), n))

    return compute


def _satisfied(basis: Basis, options: dict) -> Computed:
    by_party = basis.figures.satisfaction
    party = options.get(PARTY)
    answers = by_party.get(party, Counter()) if party else sum(by_party.values(), Counter())
    n = sum(answers.values())
    satisfied = answers[Satisfaction.SATISFIED]
    # The share gives the number satisfied away, as the report's cells would: it rests on the
    # parties' satisfied cells and answers, hidden where the report hides them.
    parties = [party] if party else [p.value for p in Party]
    keys = tuple(("satisfaction", p, Satisfaction.SATISFIED.value) for p in parties)
    keys += tuple(("answers", p) for p in parties)
    return Computed(_share(satisfied, n), basis.resting_on(keys, min(n, satisfied)))


def _out_of_school_children(basis: Basis, options: dict) -> Computed:
    children, _days = basis.out_of_school
    return Computed(_number(children), children)


def _out_of_school_weeks(basis: Basis, options: dict) -> Computed:
    children, days = basis.out_of_school
    median = percentile(days, 0.5)
    return Computed(_number(None if median is None else median / 7), children)


def _scan_level(basis: Basis, options: dict) -> Computed:
    results = basis.scan
    if results is None:
        return Computed(None, None)
    level = options[LEVEL]
    audience = next(a for a, levels in LEVELS_OF.items() if level in levels)
    part = next((p for p in results.parts if p.audience == audience), None)
    if part is None:  # fewer than the scan's minimum answered in all
        return Computed(None, results.respondents)
    row = next((row for row in part.levels if row.level == level), None)
    value = row.all.mean_now if row is not None and part.shown else None
    return Computed(_number(value), part.respondents)


def _signals(basis: Basis, options: dict) -> Computed:
    theme = options.get(THEME)
    n = basis.signals.get(theme, 0) if theme else sum(basis.signals.values())
    return Computed(_number(n), n)


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise
    means: Promise  # what the value is, in a sentence
    unit: Promise
    counts: Promise  # what stands behind `count`
    compute: Callable[[Basis, dict], Computed]
    option: str = ""  # DOMAIN, PARTY, LEVEL, THEME or nothing
    option_required: bool = False
    share: bool = False  # a percentage, 0 to 100


SOURCES: tuple[Source, ...] = (
    Source(
        "cases", _("cases"),
        _("The cases that ran in the half-year: created by its end and not closed before "
          "its start."),
        _("cases"), _("the cases themselves"), _cases,
    ),
    Source(
        "children", _("children"), _("The children of those cases."),
        _("children"), _("the children themselves"), _children,
    ),
    Source(
        "meetings_per_case", _("meetings held per case"),
        _("The meetings held in the half-year, divided by the cases."),
        _("meetings"), _("the cases"), _meetings_per_case,
    ),
    Source(
        "agreements_on_time", _("case agreements done on time"),
        _("Of the agreements of cases due in the half-year (dropped ones left out), the "
          "share marked done on or before their date."),
        _("%"), _("the cases with an agreement due"), _agreements_on_time, share=True,
    ),
    Source(
        "weeks_to_help", _("weeks from question to first help (median)"),
        _("For the questions for help in the domain that got help, the median number of "
          "weeks from the question to the first help, as the insight report counts it."),
        _("weeks"), _("the questions that got help"), _weeks_to_help, DOMAIN, True,
    ),
    Source(
        "questions_without_help", _("questions without help"),
        _("The children (in a child's domain) or families (in a family's domain) with a "
          "question for help in the domain and no help in it."),
        _("children or families"), _("those children or families"), _cell(QUESTION_ONLY),
        DOMAIN, True,
    ),
    Source(
        "help_without_question", _("help without a question"),
        _("The children or families with help in the domain and no question for it."),
        _("children or families"), _("those children or families"), _cell(HELP_ONLY),
        DOMAIN, True,
    ),
    Source(
        "satisfied", _("satisfied with the help"),
        _("Of each person's last answer in the half-year on how satisfied they are with the "
          "help, the share that says satisfied; for one party, or for all."),
        _("%"), _("the answers"), _satisfied, PARTY, share=True,
    ),
    Source(
        "out_of_school_children", _("children out of school"),
        _("The children with a period out of school (thuiszitten) in their school career "
          "during the half-year."),
        _("children"), _("those children"), _out_of_school_children,
    ),
    Source(
        "out_of_school_weeks", _("weeks out of school (median)"),
        _("For those periods out of school, the median number of weeks from their start to "
          "their end, or to the end of the half-year while they go on."),
        _("weeks"), _("the children out of school"), _out_of_school_weeks,
    ),
    Source(
        "scan_level", _("score in the collaboration scan"),
        _("The average of how it stands now (1 to 5) at one level, in the network's latest "
          "round for everyone that closed in the half-year; shown as the scan shows it."),
        _("out of 5"), _("the people who answered the round"), _scan_level, LEVEL, True,
    ),
    Source(
        "signals", _("signals from cases"),
        _("The signals sent up to the network with a month in the half-year; of one theme, "
          "or all."),
        _("signals"), _("the signals themselves"), _signals, THEME,
    ),
)  # fmt: skip
SOURCES_BY_KEY = {source.key: source for source in SOURCES}

OPTION_LABELS: dict[str, Promise] = {
    DOMAIN: _("domain"),
    PARTY: _("party"),
    LEVEL: _("level of the scan"),
    THEME: _("theme"),
}


def option_choices(option: str, network: Network | None = None) -> list[tuple[str, str]]:
    """The values an option may take; the themes are those of the network."""
    if option == DOMAIN:
        return [(d.value, str(d.label)) for d in Domain]
    if option == PARTY:
        return [(p.value, str(p.label)) for p in Party]
    if option == LEVEL:
        return [(level.value, str(level.label)) for levels in LEVELS_OF.values()
                for level in levels]  # fmt: skip
    if option == THEME and network is not None:
        return [(str(pk), name) for pk, name in
                SignalTheme.objects.filter(network=network).values_list("pk", "name")]  # fmt: skip
    return []


def describe(indicator: Indicator, themes: dict[int, str] | None = None) -> str:
    """The source of an indicator in words: "weeks from question to first help (median),
    the child's learning"; for a figure entered by hand, that."""
    if indicator.is_manual:
        return str(_("entered by hand"))
    source = SOURCES_BY_KEY.get(indicator.source)
    if source is None:
        return indicator.source
    said = str(source.label)
    chosen = indicator.source_options.get(source.option) if source.option else None
    if chosen is None or chosen == "":
        return said
    if source.option == THEME:
        name = (themes or {}).get(int(chosen))
        if name is None:
            return gettext("%(source)s, a theme since removed") % {"source": said}
        return gettext("%(source)s, theme “%(theme)s”") % {"source": said, "theme": name}
    labels = dict(option_choices(source.option))
    return f"{said}, {labels.get(chosen, chosen)}"


def compute(network: Network, dates: Dates, indicators: list[Indicator]) -> dict[int, Computed]:
    """The value of each computed indicator of `network` over the half-year `dates`, in a
    fixed number of queries, whatever the number of indicators or cases."""
    basis = Basis(network, dates)
    found = {}
    for indicator in indicators:
        source = SOURCES_BY_KEY.get(indicator.source)
        if source is not None:
            found[indicator.pk] = source.compute(basis, indicator.source_options)
    return found
