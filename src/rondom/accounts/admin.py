import allauth.account.admin  # noqa: F401  (registered first, so they can be removed here)
import allauth.mfa.admin  # noqa: F401
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import Http404

from .models import User

# A site admin must not be able to act as someone else: the second-factor secrets stay out of
# the admin. API tokens have no admin page either; they are made and revoked with commands.
admin.site.unregister(Authenticator)
# Adding a verified address to someone's account would let an admin receive their login code.
admin.site.unregister(EmailAddress)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts, without a way into them: an existing account's email address (where a parent's
    login code goes) and password stay with its owner, so an admin cannot take it over."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "kind", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["email", "kind"]
    fieldsets = [
        (None, {"fields": ["email", "kind"]}),
        ("Personal", {"fields": ["first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def user_change_password(self, request, id, form_url=""):
        raise Http404
