"""The participants of a case, and the accounts here that their email addresses belong to."""

from dataclasses import dataclass

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from rondom.accounts.models import User
from rondom.cases.models import PARENT_ROLES, Case, Participant, Role

from ..document import location
from ..problems import CaseFileRefused, Problem
from ..values import UserByEmail, email_of


@dataclass(frozen=True)
class AccountMatch:
    """A participant in the file whose account already exists here."""

    email: str
    name: str
    role: str
    linked: bool
    site_admin: bool


def export_participants(case: Case) -> list[dict]:
    return [
        {
            "id": p.pk,
            "name": p.name,
            "role": p.role,
            "letter": p.letter,
            "colour": p.colour,
            "organisation": p.organisation,
            "function": p.function,
            "is_case_manager": p.is_case_manager,
            "account": email_of(p.user),
            "version": p.version,
        }
        for p in case.participants.order_by("pk").select_related("user")
    ]


def accounts_by_email(lowered: set[str]):
    """Accounts by email address, whatever the capitals they were stored with."""
    return User.objects.annotate(address=Lower("email")).filter(address__in=lowered)


def match_accounts(document: dict, link: bool) -> list[AccountMatch]:
    """Participants whose account exists here; refused when an account's kind cannot fit.

    Linking gives that account access to the case, so it happens only when asked for, and
    never for a site admin, who sees every case anyway.
    """
    participants = [p for p in document["participants"] if p["account"]]
    emails = {p["account"].lower() for p in participants}
    users = {u.email.lower(): u for u in accounts_by_email(emails)}
    matches, problems = [], []
    for index, item in enumerate(document["participants"]):
        user = users.get((item["account"] or "").lower())
        if user is None:
            continue
        if not user.is_superuser and (item["role"] in PARENT_ROLES) != (
            user.kind == User.Kind.PARENT
        ):
            problems.append(Problem(location(("participants", index, "account")),
                                    _wrong_kind(user, item["role"])))  # fmt: skip
        matches.append(
            AccountMatch(
                email=user.email,
                name=item["name"],
                role=item["role"],
                linked=link and not user.is_superuser,
                site_admin=user.is_superuser,
            )
        )
    if problems:
        raise CaseFileRefused(problems)
    return matches


def _wrong_kind(user: User, role: str) -> str:
    if user.kind == User.Kind.PARENT:
        message = _("%(email)s is a parent's account here, which cannot take the role %(role)s")
    else:
        message = _(
            "%(email)s is a professional's account here, which cannot take the role %(role)s"
        )
    return message % {"email": user.email, "role": Role(role).label}


def import_participants(items: list[dict], case: Case, account: UserByEmail) -> dict[int, int]:
    """The participants as new rows; returns the new id for each id in the file."""
    ids = {}
    for item in items:
        participant = Participant.objects.create(
            case=case,
            user=account(item["account"]),
            **{k: item[k] for k in ("name", "role", "letter", "colour", "organisation",
                                     "function", "is_case_manager", "version")},
        )  # fmt: skip
        ids[item["id"]] = participant.pk
    return ids
