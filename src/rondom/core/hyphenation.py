"""Soft hyphens in long Dutch words, for our own labels in narrow columns.

`hyphens: auto` needs a dictionary in the browser. Chromium on Linux fetches its dictionaries
over the internet, so without one it breaks a long word anywhere ("Levensgebeurtenisse|n").
Labels that carry their own break points split in the right place in every browser.
"""

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
# Shorter words fit the narrowest label column as they are.
LONG_WORD = re.compile(r"\w{12,}")


@functools.cache
def _dutch() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def soft_hyphens(text: str) -> str:
    """`text` with soft hyphens where its long words may break, as a Dutch dictionary says."""
    return LONG_WORD.sub(lambda word: _dutch().inserted(word.group(0), hyphen=SOFT_HYPHEN), text)
