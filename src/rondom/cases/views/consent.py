"""Recording and withdrawing a parent's consent, and the consent for figures across cases."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rondom.cases.access import Need, access_or_404, consent_until
from rondom.cases.forms import ConsentForm
from rondom.cases.models import PARENT_ROLES, Case, FiguresConsent


def _consent_access(request, case_id: int):
    """Parents and case managers handle consent; other participants only read it."""
    access = access_or_404(request, case_id, Need.CASE)
    return access, access.is_parent or access.is_case_manager


@login_required
def consent_list(request, case_id: int):
    access, may_record = _consent_access(request, case_id)
    case = access.case
    form = None
    if may_record:
        given_by = access.participant if access.is_parent else None
        form = ConsentForm(request.POST or None, case=case, given_by=given_by)
        if request.method == "POST" and form.is_valid():
            consent = form.save(commit=False)
            consent.case = case
            consent.recorded_by = request.user
            consent.save()
            messages.success(request, _("The consent has been recorded."))
            return redirect("cases:consent", case_id=case.pk)
    elif request.method == "POST":
        raise PermissionDenied
    consents = case.consents.select_related(
        "given_by", "participant", "organisation", "recorded_by", "withdrawn_by"
    )
    figures = case.figures_consents.select_related("given_by", "recorded_by", "withdrawn_by")
    figures = list(figures.order_by("-recorded_at", "-pk"))
    return render(
        request,
        "cases/consent.html",
        {
            "access": access,
            "case": case,
            "consents": consents,
            "form": form,
            "until": consent_until(case),
            "participants": case.participants.all(),
            "today": timezone.localdate(),
            "figures_consents": figures,
            "figures_running": [c for c in figures if c.withdrawn_at is None],
            "figures_form": FiguresConsentForm(case=case) if access.is_case_manager else None,
        },
    )


@login_required
@require_POST
def consent_withdraw(request, case_id: int, consent_id: int):
    access, may_record = _consent_access(request, case_id)
    if not may_record:
        raise PermissionDenied
    consent = access.case.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        raise Http404
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = request.user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    messages.success(request, _("The consent has been withdrawn. It stops at once."))
    return redirect("cases:consent", case_id=case_id)


# --- consent for figures across cases ----------------------------------------------------


class FiguresConsentForm(forms.Form):
    """For the case manager: which parent without an account said yes (on paper, at the
    table). A parent with an account switches it on themselves."""

    given_by = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Which parent said yes?"), empty_label=None
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        parents = case.participants.filter(role__in=PARENT_ROLES, user__isnull=True)
        self.fields["given_by"].queryset = parents


def _figures_access(request, case_id: int):
    access, may_record = _consent_access(request, case_id)
    if not may_record:
        raise PermissionDenied
    return access


@login_required
@require_POST
def figures_consent_give(request, case_id: int):
    """A parent says yes for themselves; the case manager records the yes of a parent without
    an account. The access log keeps the change (this page's URL, who, when, on what grounds)."""
    access = _figures_access(request, case_id)
    case = access.case
    if case.is_anonymous:
        messages.info(request, _("An anonymous case already counts, without names."))
        return redirect("cases:consent", case_id=case.pk)
    if access.is_parent:
        given_by = access.participant
    else:
        form = FiguresConsentForm(request.POST, case=case)
        if not form.is_valid():
            messages.error(request, _("Choose the parent who said yes."))
            return redirect("cases:consent", case_id=case.pk)
        given_by = form.cleaned_data["given_by"]
    if not case.figures_consents.filter(given_by=given_by, withdrawn_at__isnull=True).exists():
        FiguresConsent.objects.create(case=case, given_by=given_by, recorded_by=request.user)
    messages.success(request, _("The case now counts in figures, without names."))
    return redirect(reverse("cases:consent", args=[case.pk]) + "#figures")


@login_required
@require_POST
def figures_consent_withdraw(request, case_id: int):
    """One parent's no is enough: every running yes ends, and the case leaves the very next
    report."""
    access = _figures_access(request, case_id)
    case = access.case
    case.figures_consents.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=request.user
    )
    messages.success(request, _("The case no longer counts in figures, from now on."))
    return redirect(reverse("cases:consent", args=[case.pk]) + "#figures")
