from django import template

from rondom.core import hyphenation

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """Look a key up in a dict from a template."""
    return mapping.get(key)


@register.filter
def soft_hyphens(text) -> str:
    """Break points in long Dutch words (see `rondom.core.hyphenation`)."""
    return hyphenation.soft_hyphens(str(text))
