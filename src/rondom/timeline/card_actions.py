"""What other components offer to do with a card, without the timeline knowing them.

A component above the timeline registers a function (in its app's `ready()`) that says, for
one card and the person looking at it, which actions to offer: a label and an address. The
card editor lists them under the card. The function decides who sees an action, through the
same access policy as the page it links to, which checks again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rondom.cases.access import CaseAccess

from .models import Card


@dataclass(frozen=True)
class CardAction:
    label: str
    url: str


ActionsOfCard = Callable[[CaseAccess, Card], Iterable[CardAction]]
_providers: list[ActionsOfCard] = []


def register_card_actions(provider: ActionsOfCard) -> None:
    """Add a source of actions; registering the same function again changes nothing."""
    if provider not in _providers:
        _providers.append(provider)


def card_actions(access: CaseAccess, card: Card) -> list[CardAction]:
    """The actions every registered component offers this person on this card."""
    return [action for provider in _providers for action in provider(access, card)]
