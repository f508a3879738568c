"""The consents a parent gave in the case, and their withdrawals."""

from rondom.accounts.models import Organisation
from rondom.cases.models import Case, Consent, FiguresConsent

from ..values import UserByEmail, email_of, iso, read_date, read_moment


def export_consents(case: Case) -> list[dict]:
    return [
        {
            "given_by": c.given_by_id,
            "participant": c.participant_id,
            "organisation": {"name": c.organisation.name, "kind": c.organisation.kind}
            if c.organisation
            else None,
            "timeline": c.timeline,
            "meetings": c.meetings,
            "agreements": c.agreements,
            "purpose": c.purpose,
            "valid_from": iso(c.valid_from),
            "valid_until": iso(c.valid_until),
            "recorded_by": email_of(c.recorded_by),
            "recorded_at": iso(c.recorded_at),
            "withdrawn_at": iso(c.withdrawn_at),
            "withdrawn_by": email_of(c.withdrawn_by),
        }
        for c in case.consents.order_by("pk").select_related(
            "organisation", "recorded_by", "withdrawn_by"
        )
    ]


def import_consents(
    items: list[dict],
    case: Case,
    participant_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    for item in items:
        organisation = None
        if item["organisation"]:
            organisation, _ = Organisation.objects.get_or_create(
                name=item["organisation"]["name"], kind=item["organisation"]["kind"]
            )
        consent = Consent.objects.create(
            case=case,
            given_by_id=participant_ids[item["given_by"]],
            participant_id=participant_ids.get(item["participant"]),
            organisation=organisation,
            timeline=item["timeline"],
            meetings=item["meetings"],
            agreements=item["agreements"],
            purpose=item["purpose"],
            valid_from=read_date(item["valid_from"]),
            valid_until=read_date(item["valid_until"]),
            recorded_by=user(item["recorded_by"]),
            withdrawn_at=read_moment(item["withdrawn_at"]),
            withdrawn_by=user(item["withdrawn_by"]),
        )
        Consent.objects.filter(pk=consent.pk).update(recorded_at=read_moment(item["recorded_at"]))


def export_figures_consents(case: Case) -> list[dict]:
    """A parent's consent to count the case in figures across cases (since version 2)."""
    return [
        {
            "given_by": c.given_by_id,
            "recorded_by": email_of(c.recorded_by),
            "recorded_at": iso(c.recorded_at),
            "withdrawn_at": iso(c.withdrawn_at),
            "withdrawn_by": email_of(c.withdrawn_by),
        }
        for c in case.figures_consents.order_by("pk").select_related("recorded_by", "withdrawn_by")
    ]


def import_figures_consents(
    items: list[dict],
    case: Case,
    participant_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    for item in items:
        consent = FiguresConsent.objects.create(
            case=case,
            given_by_id=participant_ids[item["given_by"]],
            recorded_by=user(item["recorded_by"]),
            withdrawn_at=read_moment(item["withdrawn_at"]),
            withdrawn_by=user(item["withdrawn_by"]),
        )
        FiguresConsent.objects.filter(pk=consent.pk).update(
            recorded_at=read_moment(item["recorded_at"])
        )
