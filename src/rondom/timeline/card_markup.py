"""The HTML of one card on the timeline, built in Python rather than with an include.

A timeline holds up to a thousand cards. As an included template a card cost about 0.18 ms,
nearly all of it in looking up some fifty variables; here the words and addresses that are
the same on every card are escaped and reversed once per page, and each card's own values
are escaped as the template did. The markup is the same, byte for byte, as that of the
template this replaced, which `tests/timeline/card_before/` keeps to compare against.
"""

from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, normalize_newlines
from django.utils.translation import pgettext

from .layout import Placed
from .models import Card

# Stands in for the card in the edit address, which is reversed once per page.
_CARD_MARKER = 987_654_321_987
# The rating's face: the same circle and eyes, and a mouth per rating.
_MOUTHS = {
    "good": '<path d="M7.5 14.5c2.5 3 6.5 3 9 0" fill="none" stroke="currentColor" '
    'stroke-width="2" stroke-linecap="round"/>',
    "neutral": '<path d="M8 15.5h8" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round"/>',
}
_SAD_MOUTH = (
    '<path d="M7.5 17c2.5-3 6.5-3 9 0" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round"/>'
)
_FACE = (
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" '
    'r="10.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="8.5" cy="9.5" '
    'r="1.4" fill="currentColor"/><circle cx="15.5" cy="9.5" r="1.4" fill="currentColor"/>'
)


@dataclass(frozen=True)
class CardPage:
    """What every card on one page shares, escaped once."""

    texts: dict[str, str]
    edit_prefix: str
    edit_suffix: str
    child_id: str
    show_family: bool
    ellipsis: str  # the translated pattern for a shortened text

    @classmethod
    def build(
        cls, texts: dict, case_id: int, child_id: int | None, show_family: bool
    ) -> "CardPage":
        marker = str(_CARD_MARKER)
        url = reverse("timeline:card_edit", args=[case_id, _CARD_MARKER])
        prefix, suffix = url.rsplit(marker, 1)
        return cls(
            texts={key: esc(value) for key, value in texts.items()},
            edit_prefix=esc(prefix),
            edit_suffix=esc(suffix),
            child_id="" if child_id is None else esc(child_id),
            show_family=show_family,
            ellipsis=pgettext("String to return when truncating text", "%(truncated_text)s…"),
        )


# A card's own values are plain strings from the database: the standard library's escape
# gives what the template gave them, without its checks for lazy and already safe strings.


def _lines(text: str) -> str:
    """The `linebreaksbr` filter: escaped, with a <br> for every line break."""
    return escape(normalize_newlines(text)).replace("\n", "<br>")


def rating_html(rating: str, label: str, page: CardPage) -> str:
    """The rating as a face that reads in black and white, with the word for screen readers."""
    label = escape(label)
    return (
        f'<span class="tl-rating tl-rating--{escape(rating)}" role="img" '
        f'aria-label="{page.texts.get("rating", "")}: {label}" title="{label}">{_FACE}'
        f"{_MOUTHS.get(rating, _SAD_MOUTH)}</svg></span>\n"
    )


def _text_html(card: Card, texts: dict[str, str]) -> str:
    plus = (
        f'<span class="tl-plus" aria-label="{texts.get("goes_well", "")}">+</span> '
        if card.kind == "development"
        else ""
    )
    return f'<p class="tl-card__text">{plus}{_lines(card.text)}</p>'


def _notes_html(card: Card) -> str:
    """The notes that reached the card from outside the case (see `notes.attach_notes`)."""
    parts = []
    for note in getattr(card, "shown_notes", ()):
        text = f" {_lines(note.text)}" if note.text else ""
        colon = ":" if note.text else ""
        parts.append(
            f'<p class="tl-card__note"><strong class="tl-card__from">{escape(note.label)}{colon}'
            f"</strong>{text}</p>"
        )
    return "".join(parts)


def _edit_link(card: Card, page: CardPage) -> str:
    """Offered only on cards this person may change (see `presentation.add_edit_rights`)."""
    # A development card may hold only what goes less well.
    short = Truncator(card.text or card.text_less_well).chars(40, truncate=page.ellipsis)
    edit = f"{page.edit_prefix}{card.pk}{page.edit_suffix}?child={page.child_id}"
    return (
        f'<a class="tl-card__edit" href="{edit}" hx-get="{edit}" hx-target="#editor">'
        f'{page.texts.get("edit", "")}<span class="rondom-visually-hidden">: {escape(short)}'
        "</span></a>"
    )


def card_html(card: Card, placed: Placed | None, page: CardPage) -> SafeString:
    """One card as an <article>, ending in a line break; `placed` is its place on the grid,
    or None in the tray and on pages without a grid. The card needs its labels (see
    `add_labels`) and its author."""
    texts = page.texts
    author = card.author
    colour, name = escape(author.colour), escape(author.name)
    kind_label = escape(card.kind_label)
    parts = [
        f'<article class="tl-card tl-card--{escape(card.kind)}',
        " tl-card--draft" if card.is_draft else "",
        f'" id="card-{card.pk}" style="--author: {colour}',
        f"; {escape(placed.style)}" if placed else "",
        f'" aria-label="{kind_label}, {name}">\n  <header class="tl-card__head">\n'
        f'    <span class="tl-author" style="--author: {colour}" title="{name}">'
        f"{escape(author.letter)}</span>\n"
        '    <span class="tl-card__date">',
        "◀ " if placed and placed.before_axis else "",
        escape(card.date_text) if card.date_text else texts.get("no_date", ""),
        " ▶" if placed and placed.after_axis else "",
        "</span>\n    ",
        rating_html(card.rating, card.rating_label, page) if card.rating else "",
        f'\n  </header>\n  <p class="tl-card__kind">{kind_label}</p>\n  ',
        f'<p class="tl-card__draft">{texts.get("draft", "")}</p>' if card.is_draft else "",
        "\n  ",
        f'<p class="tl-card__meta">{escape(card.aspect_label)}</p>' if card.aspect else "",
        "\n  ",
        f'<p class="tl-card__meta">{escape(card.provider)}</p>' if card.provider else "",
        "\n  ",
        f'<p class="tl-card__meta">{texts.get("with", "")} {escape(card.with_whom)}</p>'
        if card.with_whom
        else "",
        "\n  ",
        _text_html(card, texts) if card.text else "",
        "\n  ",
        f'<p class="tl-card__text"><span class="tl-minus" aria-label="'
        f'{texts.get("less_well", "")}">−</span> {_lines(card.text_less_well)}</p>'
        if card.text_less_well
        else "",
        _notes_html(card),
        '\n  <footer class="tl-card__foot">\n    ',
        f'<span class="rondom-tag">{escape(card.domain_label)}</span>' if card.domain else "",
        "\n    ",
        f'<span class="rondom-tag">{texts.get("family", "")}</span>'
        if not card.child_id and page.show_family
        else "",
        "\n    ",
        _edit_link(card, page) if getattr(card, "may_edit", False) else "",
        "\n  </footer>\n</article>\n",
    ]
    # Every value from the card or its author went through escape() above.
    return mark_safe("".join(parts))
