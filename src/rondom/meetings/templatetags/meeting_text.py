"""`{{ text|shorten:80 }}`: card text on one line, cut after a whole word (see `wording`)."""

from django import template

from rondom.meetings.wording import shorten as shorten_text

register = template.Library()


@register.filter
def shorten(text: str, limit: int = 60) -> str:
    return shorten_text(text or "", int(limit))
