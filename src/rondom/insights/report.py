"""A report as people read it: the figures with small numbers hidden, labelled and in order.

The page, the charts, the CSV, the PDF and the API are all drawn from one `Report`, so they
cannot disagree. `Report.flat()` is the list of every figure it shows.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rondom.help.models import Party, Satisfaction, SatisfactionReason
from rondom.timeline.kinds import CHILD_DOMAINS, FAMILY_DOMAINS, Domain

from .figures import BOTH, CELLS, HELP_ONLY, NEITHER, QUESTION_ONLY, Figures, percentile
from .suppression import Line, hidden_keys, share

CELL_LABELS: dict[str, Promise] = {
    BOTH: _("question and help"),
    QUESTION_ONLY: _("question, no help"),
    HELP_ONLY: _("help, no question"),
    NEITHER: _("neither"),
}
SATISFACTIONS = tuple(Satisfaction)
PARTIES = tuple(Party)
REASONS = tuple(SatisfactionReason)


@dataclass(frozen=True)
class Shown:
    """One figure as shown: its number, or None where it is hidden."""

    key: tuple
    value: int | None
    percent: float | None = None
    k: int = 10

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        return f"<{self.k}" if self.value is None else formats.number_format(self.value)

    @property
    def percent_text(self) -> str:
        if self.percent is None:
            return ""
        return formats.number_format(self.percent, 1) + "%"


@dataclass(frozen=True)
class Row:
    key: str
    label: Promise | str
    cells: tuple[Shown, ...]
    total: Shown | None = None


@dataclass(frozen=True)
class WaitRow:
    key: str
    label: Promise | str
    answered: Shown
    median: float | None  # weeks, None where hidden
    p75: float | None
    open_long: Shown

    @property
    def median_text(self) -> str:
        return weeks_text(self.median)

    @property
    def p75_text(self) -> str:
        return weeks_text(self.p75)


@dataclass
class Report:
    k: int
    scope: str  # what the report is about: a network's name, or "own cases"
    start: date
    end: date
    filters: list[tuple[Promise | str, str]] = field(default_factory=list)
    counts: list[tuple[Promise | str, Shown]] = field(default_factory=list)
    child_rows: list[Row] = field(default_factory=list)
    family_rows: list[Row] = field(default_factory=list)
    satisfaction_rows: list[Row] = field(default_factory=list)
    reason_rows: list[Row] = field(default_factory=list)
    wait_rows: list[WaitRow] = field(default_factory=list)
    open_long_total: Shown | None = None

    cell_labels = CELL_LABELS
    satisfaction_labels = {s.value: s.label for s in SATISFACTIONS}
    party_labels = {p.value: p.label for p in PARTIES}

    def flat(self) -> list[tuple[str, str, str, str]]:
        """Every figure the report shows, as (part, row, column, text), in reading order."""
        total, pct = str(_("total")), "%"
        out = [(str(_("how many")), str(label), "", shown.text) for label, shown in self.counts]
        for part, rows in ((_("children"), self.child_rows), (_("families"), self.family_rows)):
            for row in rows:
                for shown in row.cells:
                    label = str(CELL_LABELS[shown.key[-1]])
                    out.append((str(part), str(row.label), label, shown.text))
                    out.append((str(part), str(row.label), f"{label} {pct}", shown.percent_text))
                out.append((str(part), str(row.label), total, row.total.text))
        part = str(_("satisfaction"))
        for row in self.satisfaction_rows:
            for shown in row.cells:
                label = str(self.satisfaction_labels[shown.key[-1]])
                out.append((part, str(row.label), label, shown.text))
                out.append((part, str(row.label), f"{label} {pct}", shown.percent_text))
            out.append((part, str(row.label), total, row.total.text))
        part = str(_("reasons"))
        for row in self.reason_rows:
            for shown in row.cells:
                party = str(self.party_labels[shown.key[1]])
                out.append((part, str(row.label), party, shown.text))
        part = str(_("time to help"))
        columns = [_("questions with help"), _("median (weeks)"), _("75th percentile (weeks)")]
        columns = [str(c) for c in (*columns, _("open > 12 weeks"))]
        for row in self.wait_rows:
            texts = (row.answered.text, row.median_text, row.p75_text, row.open_long.text)
            out += [(part, str(row.label), c, t) for c, t in zip(columns, texts, strict=True)]
        if self.open_long_total is not None:
            out.append((part, str(_("all domains")), columns[3], self.open_long_total.text))
        return out


def weeks(days: float | None) -> float | None:
    return None if days is None else round(days / 7, 1)


def weeks_text(value: float | None) -> str:
    return "" if value is None else formats.number_format(value, 1)


def values_and_lines(figures: Figures) -> tuple[dict[tuple, int], list[Line]]:
    """Every count the report shows, by key, and the lines of cells that add up to a total.
    The monitor asks the same question of them, so that no figure of its shows what the
    report hides."""
    values: dict[tuple, int] = {
        ("cases",): figures.cases,
        ("children",): figures.children,
        ("questions",): figures.questions,
        ("help_cards",): figures.help_cards,
        ("meetings",): figures.meetings,
        ("agreements_on_time",): figures.agreements_on_time,
    }
    lines: list[Line] = []
    for part, table, domains, total in (
        ("child", figures.child_cells, CHILD_DOMAINS, ("children",)),
        ("family", figures.family_cells, FAMILY_DOMAINS, ("cases",)),
    ):
        for domain in domains:
            keys = tuple((part, domain.value, cell) for cell in CELLS)
            for key in keys:
                values[key] = table.get(domain.value, {}).get(key[-1], 0)
            lines.append(Line(keys, total))
    for party in PARTIES:
        keys = tuple(("satisfaction", party.value, s.value) for s in SATISFACTIONS)
        answers = figures.satisfaction.get(party.value, {})
        for key in keys:
            values[key] = answers.get(key[-1], 0)
        values[("answers", party.value)] = sum(values[key] for key in keys)
        lines.append(Line(keys, ("answers", party.value)))
        for reason in REASONS:
            values[("reason", party.value, reason.value)] = figures.reasons.get(
                party.value, {}
            ).get(reason.value, 0)
    open_keys = []
    for domain in Domain:
        values[("answered", domain.value)] = sum(
            figures.days_to_help.get(domain.value, {}).values()
        )
        values[("open", domain.value)] = figures.open_long.get(domain.value, 0)
        open_keys.append(("open", domain.value))
    values[("open",)] = sum(values[key] for key in open_keys)
    lines.append(Line(tuple(open_keys), ("open",)))
    return values, lines


def build_report(figures: Figures, k: int, scope: str, filters: list | None = None) -> Report:
    """The report of these figures, with every count below `k` hidden (see `suppression`)."""
    values, lines = values_and_lines(figures)
    hidden = hidden_keys(values, lines, k)

    def shown(key: tuple, whole: tuple | None = None) -> Shown:
        percent = None
        if whole is not None:
            percent = share(values[key], values[whole], key in hidden, whole in hidden)
        return Shown(key, None if key in hidden else values[key], percent, k)

    report = Report(k, scope, figures.period.start, figures.period.end, filters or [])
    report.counts = [
        (_("cases"), shown(("cases",))),
        (_("children"), shown(("children",))),
        (_("questions for help"), shown(("questions",))),
        (_("help offers"), shown(("help_cards",))),
        (_("meetings held"), shown(("meetings",))),
        (_("agreements done on time"), shown(("agreements_on_time",))),
    ]
    for part, rows, domains, total in (
        ("child", report.child_rows, CHILD_DOMAINS, ("children",)),
        ("family", report.family_rows, FAMILY_DOMAINS, ("cases",)),
    ):
        for domain in domains:
            cells = tuple(shown((part, domain.value, cell), total) for cell in CELLS)
            rows.append(Row(domain.value, domain.label, cells, shown(total)))
    for party in PARTIES:
        whole = ("answers", party.value)
        cells = tuple(shown(("satisfaction", party.value, s.value), whole) for s in SATISFACTIONS)
        report.satisfaction_rows.append(Row(party.value, party.label, cells, shown(whole)))
    for reason in REASONS:
        cells = tuple(shown(("reason", party.value, reason.value)) for party in PARTIES)
        report.reason_rows.append(Row(reason.value, reason.label, cells))
    for domain in Domain:
        answered = shown(("answered", domain.value))
        days = figures.days_to_help.get(domain.value, {})
        visible = not answered.hidden
        report.wait_rows.append(
            WaitRow(
                domain.value,
                domain.label,
                answered,
                weeks(percentile(days, 0.5)) if visible else None,
                weeks(percentile(days, 0.75)) if visible else None,
                shown(("open", domain.value)),
            )
        )
    report.open_long_total = shown(("open",))
    return report
