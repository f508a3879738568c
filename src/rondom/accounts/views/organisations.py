"""An organisation admin manages the organisation's members in the app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rondom.accounts.access import get_organisation_for
from rondom.accounts.forms import MemberForm
from rondom.accounts.invitations import find_or_create_user, send_invitation
from rondom.accounts.models import Membership, Organisation, User


@login_required
def organisation_list(request):
    if request.user.is_superuser:
        organisations = Organisation.objects.all()
    else:
        organisations = Organisation.objects.filter(memberships__user=request.user)
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_detail(request, organisation_id: int):
    organisation = get_organisation_for(request.user, organisation_id)
    memberships = organisation.memberships.select_related("user")
    is_admin = (
        request.user.is_superuser or memberships.filter(user=request.user, is_admin=True).exists()
    )
    form = MemberForm(request.POST or None) if is_admin else None
    if request.method == "POST":
        if not is_admin:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            user = find_or_create_user(
                data["email"],
                User.Kind.PROFESSIONAL,
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            _member, created = Membership.objects.get_or_create(
                organisation=organisation,
                user=user,
                defaults={"function": data["function"], "is_admin": data["is_admin"]},
            )
            if created:
                send_invitation(user, request.user)
                messages.success(request, _("%(email)s has been added.") % {"email": user.email})
            else:
                messages.error(request, _("This person is already a member."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "is_admin": is_admin,
            "form": form,
        },
    )


def _membership(request, organisation_id: int, membership_id: int) -> Membership:
    organisation = get_organisation_for(request.user, organisation_id, admin=True)
    membership = organisation.memberships.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def _last_admin(membership: Membership) -> bool:
    admins = membership.organisation.memberships.filter(is_admin=True)
    return membership.is_admin and admins.count() == 1


@login_required
@require_POST
def member_remove(request, organisation_id: int, membership_id: int):
    membership = _membership(request, organisation_id, membership_id)
    if _last_admin(membership):
        messages.error(request, _("An organisation needs at least one admin."))
    else:
        membership.delete()
    return redirect("organisations:detail", organisation_id=organisation_id)


@login_required
@require_POST
def member_toggle_admin(request, organisation_id: int, membership_id: int):
    membership = _membership(request, organisation_id, membership_id)
    if _last_admin(membership):
        messages.error(request, _("An organisation needs at least one admin."))
    else:
        membership.is_admin = not membership.is_admin
        membership.save(update_fields=["is_admin"])
    return redirect("organisations:detail", organisation_id=organisation_id)
