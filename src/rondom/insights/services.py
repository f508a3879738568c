"""Which cases a report counts, for whom, and with which smallest number shown."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from rondom.accounts.models import User
from rondom.audit.log import record
from rondom.cases.access import cases_in_figures, is_active
from rondom.cases.models import Case, Participant
from rondom.networks.access import (
    cases_in_network,
    cases_of_organisations,
    get_network_for,
    min_cell_of,
)
from rondom.networks.models import DEFAULT_MIN_CELL, Network

from .figures import count_figures
from .forms import InsightFilterForm
from .report import Report, build_report


def own_min_cell() -> int:
    """The smallest number a case manager's own report shows: the setting, never below 10."""
    return max(DEFAULT_MIN_CELL, int(getattr(settings, "INSIGHT_MIN_CELL", DEFAULT_MIN_CELL)))


def own_cases(user) -> QuerySet[Case]:
    """The cases this person manages that may be counted in figures."""
    managed = Participant.objects.filter(case=OuterRef("pk"), user=user, is_case_manager=True)
    return cases_in_figures().filter(Exists(managed))


@dataclass
class Subject:
    """What a report is about: a network's cases or one's own, and how it goes in the log."""

    cases: QuerySet[Case]
    k: int
    scope: str
    reason: str
    network: Network | None = None

    def filter_form(self, data: QueryDict) -> InsightFilterForm:
        organisations = None
        if self.network is not None:
            organisations = self.network.organisations.order_by("name")
        return InsightFilterForm(data, organisations=organisations)

    def report(self, form: InsightFilterForm) -> Report:
        """The report for a valid filter form."""
        cases = self.cases
        organisation = form.cleaned_data.get("organisation")
        if organisation is not None:
            cases = cases.filter(pk__in=cases_of_organisations([organisation]).values("pk"))
        period = form.period_chosen()
        figures = count_figures(cases, period, form.cleaned_data.get("age") or None)
        return build_report(figures, self.k, self.scope, form.described())

    def log(self, user, action: str, channel: str) -> None:
        record(user, f"insight:{action}", channel=channel, reason=self.reason)


def network_subject(user, network_id: int) -> Subject:
    network = get_network_for(user, network_id)
    return Subject(
        cases_in_network(network), min_cell_of(network), network.name,
        f"network {network.pk}", network,
    )  # fmt: skip


def own_subject(user) -> Subject:
    """A professional's own cases; nobody else has a report of their own."""
    if not is_active(user) or getattr(user, "kind", None) != User.Kind.PROFESSIONAL:
        raise Http404
    return Subject(own_cases(user), own_min_cell(), _("the cases I manage"), "own cases")
