"""Compare case files apart from their ids: every id becomes its position in its list."""

import copy

from rondom.exchange.document import NUMBERED, REFERENCES, SOFT_REFERENCES, walk


def _set(document, where: tuple, value) -> None:
    for part in where[:-1]:
        document = document[part]
    document[where[-1]] = value


def without_ids(document: dict) -> dict:
    document = copy.deepcopy(document)
    positions = {
        name: {item["id"]: index for index, item in enumerate(document.get(name, []))}
        for name in NUMBERED
    }
    for path, collection in {**REFERENCES, **SOFT_REFERENCES}.items():
        for where, value in list(walk(document, path)):
            if value is not None:
                _set(document, where, ("ref", collection, positions[collection].get(value)))
    for name in NUMBERED:
        for item in document.get(name, []):
            item.pop("id")
    for item in document["school_periods"]:
        item.pop("id")
    for meeting in document["meetings"]:
        for agreement in meeting["agreements"]:
            agreement.pop("id")
    document["case"].pop("id")
    document.pop("exported_at")
    return document
