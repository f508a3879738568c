"""The questions for help of a case: the list, adding, changing and removing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rondom.cases.access import Need, access_or_404
from rondom.core.versioning import read_version
from rondom.timeline.access import visible_cards
from rondom.timeline.kinds import Domain

from ..access import add_rights_and_cards, get_question_for, may_add_question, visible_questions
from ..forms import QuestionForm
from ..models import HelpQuestion
from ..presentation import questions_by_whom


@login_required
def question_list(request, case_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    questions = visible_questions(access).select_related("child", "raised_by")
    questions = add_rights_and_cards(questions, access)
    context = {
        "case": access.case,
        "access": access,
        "groups": questions_by_whom(questions, list(access.case.children.all())),
        "count": len(questions),
        "may_add": may_add_question(access),
    }
    return render(request, "help/questions.html", context)


def _form_page(request, form, access, question=None, status=None):
    if status is None:
        status = 422 if request.method == "POST" else 200
    context = {"form": form, "case": access.case, "question": question}
    return render(request, "help/question_form.html", context, status=status)


@login_required
def question_create(request, case_id: int):
    access = access_or_404(request, case_id, Need.CONTENT)
    if not may_add_question(access):
        raise PermissionDenied
    initial = {}
    if request.GET.get("domain") in Domain.values:
        initial["domain"] = request.GET["domain"]
    if request.GET.get("child", "").isdigit():
        initial["child"] = int(request.GET["child"])
    form = QuestionForm(
        request.POST or None,
        case=access.case,
        access=access,
        cards=visible_cards(access),
        initial=initial,
    )
    form.instance.case = access.case
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.created_by = request.user
        question.save()
        messages.success(request, _("Question for help saved."))
        return redirect("help:questions", case_id=case_id)
    return _form_page(request, form, access)


@login_required
def question_edit(request, case_id: int, question_id: int):
    access, question = get_question_for(request, case_id, question_id, change=True)
    form = QuestionForm(
        request.POST or None,
        instance=question,
        case=access.case,
        access=access,
        cards=visible_cards(access),
    )
    if request.method == "POST" and form.is_valid():
        if form.save_if_current() is None:
            # Someone else saved it meanwhile: nothing is overwritten; the form says so.
            return _form_page(request, form, access, question, status=409)
        messages.success(request, _("Question for help saved."))
        return redirect("help:questions", case_id=case_id)
    return _form_page(request, form, access, question)


@login_required
def question_delete(request, case_id: int, question_id: int):
    """Asks first; removing a question unlinks the help cards that answered it."""
    access, question = get_question_for(request, case_id, question_id, change=True)
    status = 200
    if request.method == "POST":
        sent = read_version(request.POST.get("version"))
        # Removing what someone else changed after this page was loaded is asked again.
        if sent is not None and sent == question.version:
            with transaction.atomic():
                gone = HelpQuestion.objects.filter(pk=question.pk, version=sent).delete()[0]
            if gone:
                messages.success(request, _("The question for help is removed."))
                return redirect("help:questions", case_id=case_id)
            question.refresh_from_db()
        status = 409
    question = add_rights_and_cards([question], access)[0]
    context = {
        "case": access.case,
        "question": question,
        "changed": status == 409,
        "answered_by": visible_cards(access).filter(question=question).count(),
    }
    return render(request, "help/question_confirm_delete.html", context, status=status)
