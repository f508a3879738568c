"""Card text in a line of its own, such as a dropdown option or a list of key moments."""

ELLIPSIS = "…"


def shorten(text: str, limit: int = 60) -> str:
    """`text` on one line and at most `limit` characters long, cut after a whole word and
    ended with an ellipsis. Only a first word longer than half the room is cut inside."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    room = max(limit - len(ELLIPSIS), 1)
    head = flat[:room]
    if flat[room] != " ":
        # The cut falls inside a word: go back to the space before it.
        space = head.rfind(" ")
        if space >= room // 2:
            head = head[:space]
    return head.rstrip(" ,;:-–—") + ELLIPSIS
