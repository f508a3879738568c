"""Perspectives brought together: the links between cards, and cards hidden while merging."""

from rondom.cases.models import Case
from rondom.timeline.models import CardHiding, CardLink

from ..values import UserByEmail, email_of, iso, read_moment


def export_links(case: Case, card_ids: set[int]) -> list[dict]:
    """Links between cards that are both in the file."""
    links = CardLink.objects.filter(case=case, first__in=card_ids, second__in=card_ids)
    return [
        {
            "first": link.first_id,
            "second": link.second_id,
            "linked_by": email_of(link.linked_by),
            "linked_at": iso(link.linked_at),
            "unlinked_by": email_of(link.unlinked_by),
            "unlinked_at": iso(link.unlinked_at),
        }
        for link in links.order_by("pk").select_related("linked_by", "unlinked_by")
    ]


def export_hidings(card_ids: set[int]) -> list[dict]:
    hidings = CardHiding.objects.filter(card__in=card_ids)
    return [
        {
            "card": hiding.card_id,
            "hidden_by": email_of(hiding.hidden_by),
            "hidden_at": iso(hiding.hidden_at),
            "shown_by": email_of(hiding.shown_by),
            "shown_at": iso(hiding.shown_at),
        }
        for hiding in hidings.order_by("pk").select_related("hidden_by", "shown_by")
    ]


def import_links_and_hidings(
    document: dict,
    case: Case,
    card_ids: dict[int, int],
    user: UserByEmail,
) -> None:
    for item in document["card_links"]:
        link = CardLink.objects.create(
            case=case,
            first_id=card_ids[item["first"]],
            second_id=card_ids[item["second"]],
            linked_by=user(item["linked_by"]),
            unlinked_by=user(item["unlinked_by"]),
            unlinked_at=read_moment(item["unlinked_at"]),
        )
        CardLink.objects.filter(pk=link.pk).update(linked_at=read_moment(item["linked_at"]))
    for item in document["card_hidings"]:
        hiding = CardHiding.objects.create(
            card_id=card_ids[item["card"]],
            hidden_by=user(item["hidden_by"]),
            shown_by=user(item["shown_by"]),
            shown_at=read_moment(item["shown_at"]),
        )
        CardHiding.objects.filter(pk=hiding.pk).update(hidden_at=read_moment(item["hidden_at"]))
