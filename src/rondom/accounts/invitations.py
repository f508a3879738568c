"""The invitation email: who invites, and how to log in. It never names a family or a case."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from rondom.core.mail import site_context, site_link

from .models import User


def find_or_create_user(email: str, kind: str, **names) -> User:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, kind=kind, **names)
    return user


def send_invitation(user: User, invited_by) -> None:
    context = invitation_context(user, invited_by)
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context).strip()
    send_mail(subject, body + "\n", None, [user.email])


def invitation_context(user: User, invited_by) -> dict:
    """What the invitation says: a parent logs in with a code, a new professional first
    chooses a password, and a professional with an account logs in as usual."""
    if user.kind == User.Kind.PARENT:
        kind, link = "parent", ""
    elif user.has_usable_password():
        kind, link = "existing", ""
    else:
        token = default_token_generator.make_token(user)
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
        )
        kind, link = "new", site_link(path)
    return {
        "inviter": invited_by.get_full_name() or invited_by.email,
        "inviter_email": invited_by.email,
        "kind": kind,
        "link": link,
        "login_url": site_link(reverse("account_login")),
        **site_context(),
    }
