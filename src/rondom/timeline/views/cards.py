"""Adding, editing, moving, deleting and restoring cards, in place with htmx or as plain pages."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rondom.audit.log import record
from rondom.cases.access import Need, access_or_404
from rondom.core.limits import MAX_CARDS_PER_CHILD
from rondom.core.versioning import StaleVersion
from rondom.timeline.access import may_edit_card, visible_cards, visible_revisions
from rondom.timeline.card_actions import card_actions
from rondom.timeline.card_changes import (
    create_card,
    delete_card,
    has_room,
    restore_card,
    save_card_changes,
    share_drafts,
)
from rondom.timeline.card_fields import snapshot
from rondom.timeline.forms import FULL_TIMELINE, CardForm, card_kind_or_none
from rondom.timeline.history import ChangeWords
from rondom.timeline.models import Card, CardRevision
from rondom.timeline.notes import attach_notes
from rondom.timeline.presentation import (
    add_edit_rights,
    add_labels,
    card_texts,
    on_behalf_of,
)

CHANGED_EVENT = "timeline-changed"
SAVED_EVENT = "card-saved"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def get_card_for(request, case_id: int, card_id: int, deleted=False, edit=False):
    """The card as this person may see it (404 otherwise); 403 if they may not change it."""
    access = access_or_404(request, case_id, Need.CONTENT)
    cards = visible_cards(access, deleted=deleted).select_related("author", "child", "case")
    card = cards.filter(pk=card_id).first()
    if card is None:
        raise Http404
    if edit and not may_edit_card(access, card):
        raise PermissionDenied
    if edit and access.participant is not None and card.author_id != access.participant.pk:
        request.access_reason = f"{access.reason}; correction by case manager"
    return access, card


def _log_hidden_from_parents(request, form, card) -> None:
    if form.hidden_from_parents:
        record(
            request.user,
            "restrict timeline:card from parents",
            case_id=card.case_id,
            child_id=card.child_id,
            card_id=card.pk,
            reason=card.restriction_reason,
        )


def _child_param(request) -> int | None:
    value = request.GET.get("child", "")
    return int(value) if value.isdigit() else None


def _back_url(case_id: int, child_id: int | None) -> str:
    if child_id:
        return reverse("timeline:child", args=[case_id, child_id])
    return reverse("cases:detail", args=[case_id])


def _changed_response(
    request,
    case_id: int,
    child_id: int | None,
    template: str = "",
    context=None,
    saved: tuple[Card, str] | None = None,
):
    """After a change: back to the timeline, or for htmx, the fragment and word of the change.

    `saved`: the card just saved and what to say about it. The page announces that and puts
    the focus back on the card once the timeline is drawn again (static/rondom/rondom.js).
    """
    if not _is_htmx(request):
        return redirect(_back_url(case_id, child_id))
    response = render(request, template, context or {}) if template else HttpResponse("")
    events: dict = {CHANGED_EVENT: ""}
    if saved is not None:
        card, message = saved
        events[SAVED_EVENT] = {"card": card.pk, "message": message}
    response["HX-Trigger"] = json.dumps(events)
    return response


def _saved_message(question_helped: bool) -> str:
    if question_helped:
        return _("Card saved. The question for help is now “help under way”.")
    return _("Card saved.")


def _form_response(request, form, case, card=None, conflict=None, status=None, access=None):
    if status is None:
        status = 422 if request.method == "POST" else 200
    notes, actions = [], []
    if card is not None and access is not None:
        # What reached the card from outside the case, and what else may be done with it.
        notes = list(card.notes.all())
        actions = card_actions(access, card)
    context = {
        "form": form,
        "case": case,
        "card": card,
        "notes": notes,
        "card_actions": actions,
        "kind": form.kind,
        "conflict": conflict,
        "back_url": _back_url(case.pk, _child_param(request) or (card and card.child_id)),
    }
    template = "timeline/card_form_panel.html" if _is_htmx(request) else "timeline/card_form.html"
    return render(request, template, context, status=status)


@login_required
def card_create(request, case_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    case = access.case
    kind = card_kind_or_none(request.GET.get("kind") or request.POST.get("kind"))
    if kind is None:
        raise Http404
    initial = {"author": access.participant, "child": _child_param(request)}
    form = CardForm(
        request.POST or None,
        case=case,
        kind=kind,
        access=access,
        initial=initial,
        timeline_child=_child_param(request),
    )
    if request.method == "POST" and form.is_valid():
        card = form.save(commit=False)
        card.case = case
        with transaction.atomic():
            create_card(card, request.user, form.cleaned_data.get("restricted_to"))
            helped = form.mark_question_helped()
        request.audit_card_id = card.pk
        _log_hidden_from_parents(request, form, card)
        saved = (card, _saved_message(helped))
        return _changed_response(
            request, case.pk, card.child_id or _child_param(request), saved=saved
        )
    return _form_response(request, form, case)


@login_required
def card_edit(request, case_id: int, card_id: int):
    access, card = get_card_for(request, case_id, card_id, edit=True)
    before = snapshot(card)
    loaded_version = card.version
    form = CardForm(
        request.POST or None,
        instance=card,
        case=card.case,
        kind=card.kind,
        access=access,
        timeline_child=_child_param(request),
    )
    form.fields["version"].initial = card.version
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or loaded_version
        try:
            with transaction.atomic():
                save_card_changes(
                    form.save(commit=False),
                    before,
                    expected,
                    request.user,
                    form.cleaned_data.get("restricted_to"),
                )
                helped = form.mark_question_helped()
            _log_hidden_from_parents(request, form, card)
        except StaleVersion as conflict:
            # Refuse, keep what this person typed, and show the other version beside it.
            # Saving again from here knowingly replaces the other version.
            form.data = request.POST.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, _("Someone else saved this card while you were editing it."))
            # The other version is shown only if this person may still read the card.
            still_visible = visible_cards(access).filter(pk=card.pk).exists()
            shown = conflict.current if still_visible else None
            return _form_response(
                request,
                form,
                card.case,
                card,
                conflict=shown,
                status=409,
                access=access if still_visible else None,
            )
        saved = (card, _saved_message(helped))
        return _changed_response(
            request, case_id, card.child_id or _child_param(request), saved=saved
        )
    return _form_response(request, form, card.case, card, access=access)


@login_required
@require_POST
def card_delete(request, case_id: int, card_id: int):
    _, card = get_card_for(request, case_id, card_id, edit=True)
    delete_card(card, request.user)
    return _changed_response(
        request,
        case_id,
        card.child_id or _child_param(request),
        "timeline/undo_toast.html",
        {"card": card, "case": card.case},
    )


@login_required
@require_POST
def card_restore(request, case_id: int, card_id: int):
    card = get_card_for(request, case_id, card_id, deleted=True, edit=True)[1]
    if not has_room(card, card.case, card.child):
        message = FULL_TIMELINE % {"limit": MAX_CARDS_PER_CHILD}
        if _is_htmx(request):
            return HttpResponse(
                format_html(
                    '<div class="utrecht-alert utrecht-alert--warning" role="alert">'
                    '<p class="utrecht-paragraph">{}</p></div>',
                    message,
                ),
                status=422,
            )
        messages.error(request, message)
        return redirect(_back_url(case_id, card.child_id or _child_param(request)))
    restore_card(card, request.user)
    saved = (card, _("The card is back."))
    return _changed_response(request, case_id, card.child_id or _child_param(request), saved=saved)


@login_required
def card_history(request, case_id: int, card_id: int):
    access, card = get_card_for(request, case_id, card_id)
    revisions = visible_revisions(access, card.revisions.select_related("changed_by", "author"))
    participants = list(card.case.participants.all())
    children = {c.pk: c.name for c in card.case.children.all()}
    words = ChangeWords(
        card,
        people={p.pk: p.name for p in participants},
        children=children,
        questions={
            q.pk: f"{q.get_domain_display()} ({children.get(q.child_id, _('the whole family'))})"
            for q in card.case.help_questions.all()
        },
    )
    by_account = {p.user_id: p.name for p in participants if p.user_id}
    for revision in revisions:
        created = revision.action == CardRevision.Action.CREATED
        revision.readable = words.changes(revision, new_only=created or revision.new_values_only)
        revision.by = by_account.get(revision.changed_by_id) or revision.changed_by
        revision.on_behalf_of = on_behalf_of(revision)
    add_labels([card])
    add_edit_rights([card], access)
    attach_notes([card], card.case_id)
    context = {"card": card, "case": card.case, "revisions": revisions, "texts": card_texts()}
    return render(request, "timeline/card_history.html", context)


@login_required
def restricted_cards(request, case_id: int):
    """For the case manager: every card kept from the parents, with its reason, to review."""
    access = access_or_404(request, case_id, Need.CONTENT)
    if not access.is_case_manager:
        raise PermissionDenied
    parents = [p for p in access.case.participants.all() if p.is_parent]
    cards = (
        visible_cards(access)
        .filter(restricted_to__isnull=False)
        .select_related("author", "child")
        .prefetch_related("restricted_to")
        .distinct()
    )
    hidden = [c for c in cards if any(p not in c.restricted_to.all() for p in parents)]
    add_labels(hidden)
    add_edit_rights(hidden, access)
    attach_notes(hidden, access.case.pk)
    return render(
        request,
        "timeline/restricted_cards.html",
        {"case": access.case, "cards": hidden, "texts": card_texts()},
    )


@login_required
@require_POST
def share_my_drafts(request, case_id: int):
    """Share all of this person's private drafts in the case at once."""
    access = access_or_404(request, case_id, Need.CONTENT)
    if access.participant is None:
        raise Http404
    drafts = visible_cards(access).filter(author=access.participant, is_draft=True)
    count = share_drafts(list(drafts), request.user)
    messages.success(
        request,
        ngettext("%(count)d card is now shared.", "%(count)d cards are now shared.", count)
        % {"count": count},
    )
    return redirect(_back_url(case_id, _child_param(request)))
