"""Professionals set up their second factor before they see anything else."""

from allauth.mfa.models import Authenticator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/about/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.needs_two_factor
            and not request.path.startswith(OPEN_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication first.")}, status=403
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
