"""How a network agreement shows in a list: where it came from."""

from django import template

from ..agreements import origin_of
from ..models import NetworkAgreement

register = template.Library()


@register.filter
def agreement_origin(agreement: NetworkAgreement) -> str:
    """Where the agreement came from, as the component that made it says (see `add_origin`)."""
    return origin_of(agreement)
