"""The colours that tell the people in a case apart, on screen and on paper.

Each person's cards carry their colour (the bar along the card, the badge with their letter)
and their letter. Colours chosen per role came out at nearly the same lightness, so on a
praatplaat printed in black and white every perspective was the same grey; and a colour left
unchosen came out black for everyone. So every new person in a case gets the first colour of
this palette that nobody in the case has yet.

How the palette is built:

- Lightness first. The five colours lie about 9 apart on the CIE L* scale (12 to 49), so each
  prints as its own shade of grey; the first three, which most cases use, lie 18 or more apart.
  Together with the letter that keeps perspectives apart in black and white.
- Contrast. Each has a contrast of at least 4.5:1 against white: the colour bar and badge stand
  out on a white card (3:1 would do for them), and the white letter on the badge stays readable
  as text.
- Hue. Blue, orange, near-black, red and dark green, so that on screen neighbours in lightness
  also differ in colour.

`tests/cases/test_participant_colours.py` checks these properties.
"""

from collections import Counter

from .models import Case

PALETTE: tuple[str, ...] = (
    "#17409a",  # blue, L* 30
    "#b35c00",  # orange, L* 49
    "#1f1f1f",  # near-black, L* 12
    "#b3261e",  # red, L* 40
    "#0e3a1f",  # dark green, L* 21
)


def next_colour(case: Case | None) -> str:
    """The first palette colour nobody in the case has; once all are taken, the least used.

    Colours someone chose themselves count as taken only when they are palette colours.
    """
    if case is None or case.pk is None:
        return PALETTE[0]
    used = Counter(colour.lower() for colour in case.participants.values_list("colour", flat=True))
    return min(PALETTE, key=lambda colour: (used[colour], PALETTE.index(colour)))
