"""What a case file looks like: its format name, version and the references between parts.

The JSON Schema in `case-1.schema.json` describes the whole document; this module holds what
both the export and the import need to know about it.
"""

import json
from functools import cache
from pathlib import Path

FORMAT = "rondom-case"
VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("case-1.schema.json")

# Which fields point at which collection of the document, by the `id` of the object there.
# A path segment "*" means every item of a list.
REFERENCES: dict[tuple[str, ...], str] = {
    ("school_periods", "*", "child"): "children",
    ("cards", "*", "child"): "children",
    ("cards", "*", "author"): "participants",
    ("cards", "*", "restricted_to", "*"): "participants",
    ("card_links", "*", "first"): "cards",
    ("card_links", "*", "second"): "cards",
    ("card_hidings", "*", "card"): "cards",
    ("meetings", "*", "attendances", "*", "participant"): "participants",
    ("meetings", "*", "key_moments", "*", "card"): "cards",
    ("meetings", "*", "agreements", "*", "owner"): "participants",
    ("consents", "*", "given_by"): "participants",
    ("consents", "*", "participant"): "participants",
}

# History names what was true then: a meeting's frozen copy names the cards it showed, and a
# card's revisions name its earlier child and author. Those may since be gone, or kept from the
# reader of a participant's copy, so an unknown one there is cleared on import, not refused.
SOFT_REFERENCES: dict[tuple[str, ...], str] = {
    ("meetings", "*", "frozen", "cards", "*", "id"): "cards",
    ("cards", "*", "revisions", "*", "changes", "child", "*"): "children",
    ("cards", "*", "revisions", "*", "changes", "author", "*"): "participants",
    ("cards", "*", "revisions", "*", "changes", "restricted_to", "*", "*"): "participants",
    ("cards", "*", "revisions", "*", "author"): "participants",
    ("cards", "*", "revisions", "*", "restricted_to", "*"): "participants",
}


# Fields that name an account by its email address.
ACTOR_FIELDS = (
    "changed_by", "linked_by", "unlinked_by", "hidden_by", "shown_by", "created_by",
    "updated_by", "status_set_by", "recorded_by", "withdrawn_by", "account",
)  # fmt: skip


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def walk(document, path: tuple[str, ...], where: tuple = ()):
    """Yield (location, value) for every value at `path`; location names list positions."""
    if not path:
        yield where, document
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(document, list):
            for index, item in enumerate(document):
                yield from walk(item, rest, (*where, index))
    elif isinstance(document, dict) and head in document:
        yield from walk(document[head], rest, (*where, head))


def location(where: tuple) -> str:
    """A readable place in the document, like cards[3].author."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def _alternatives(node: dict) -> list[dict]:
    return node.get("oneOf", []) + node.get("anyOf", []) or [node]


def format_paths(node: dict, name: str, path: tuple[str, ...] = ()):
    """Every path in the document whose value the schema gives the format `name`."""
    for option in _alternatives(node):
        if option.get("format") == name:
            yield path
        for key, child in option.get("properties", {}).items():
            yield from format_paths(child, name, (*path, key))
        if isinstance(option.get("items"), dict):
            yield from format_paths(option["items"], name, (*path, "*"))


def nesting(node: dict) -> int:
    """How many objects and lists deep a valid document can go below `node`."""
    depth = 0
    for option in _alternatives(node):
        below = [*option.get("properties", {}).values()]
        for key in ("items", "additionalProperties"):
            if isinstance(option.get(key), dict):
                below.append(option[key])
        kinds = option.get("type", [])
        container = {"object", "array"} & set(kinds if isinstance(kinds, list) else [kinds])
        if container or below:
            depth = max(depth, 1 + max((nesting(child) for child in below), default=0))
    return depth
