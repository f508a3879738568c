"""Cards as HTML in templates; the markup itself is in `rondom.timeline.card_markup`.

`{% timeline_card card placed %}` draws one card; `{% timeline_cards placed_items %}` draws
the cards of a row at once, which spares the template a loop step per card.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from rondom.timeline.card_markup import CardPage, card_html

register = template.Library()


def _page(context) -> CardPage:
    """The shared pieces for the cards of this render, built at the first card. Keyed by
    what they are made of, so a card shown with another child or case gets its own."""
    texts = context.get("texts") or {}
    case_id = context["case"].pk
    child_id = getattr(context.get("child"), "pk", None)
    show_family = len(context.get("children") or ()) > 1
    key = (CardPage, id(texts), case_id, child_id, show_family)
    found = context.render_context.get(key)
    if found is None:
        # The texts are kept with the page, so that their id is not reused while cached.
        found = (texts, CardPage.build(texts, case_id, child_id, show_family))
        context.render_context[key] = found
    return found[1]


@register.simple_tag(takes_context=True)
def timeline_card(context, card, placed=None) -> SafeString:
    """One card; `placed` is its place on the grid, or None off the grid."""
    return card_html(card, placed, _page(context))


@register.simple_tag(takes_context=True)
def timeline_cards(context, placed_items) -> SafeString:
    """The cards at their places on the grid (`Placed` items from the layout)."""
    page = _page(context)
    # card_html escapes every value it puts in.
    return mark_safe("".join([card_html(placed.item, placed, page) for placed in placed_items]))
