"""The hash of a line: the same bytes and digests as the first lines had, made faster."""

import hashlib
import hmac
import json

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from rondom.audit.chain import CANONICAL, GENESIS, Seal, canonical_values, hasher


def test_canonical_content_is_the_format_of_the_first_lines():
    """Old hashes check only while this is byte for byte what the first lines hashed."""
    at = timezone.datetime(2026, 3, 1, 9, 30, 5, 120, tzinfo=timezone.UTC)
    assert canonical_values(
        "view timeline:child", 7, "ib@school.test", at, None, 12, "page", 3, GENESIS,
        'consent 4 "é"', 41,
    ) == (
        '{"action":"view timeline:child","actor_id":7,"actor_label":"ib@school.test",'
        '"at":"2026-03-01T09:30:05.000120+00:00","card_id":null,"case_id":12,'
        '"channel":"page","child_id":3,"prev_hash":"' + GENESIS + '",'
        '"reason":"consent 4 \\"\\u00e9\\"","seq":41}'
    ).encode()  # fmt: skip


ids = st.none() | st.integers(min_value=0, max_value=2**63 - 1)


@given(
    texts=st.lists(st.text(), min_size=5, max_size=5),
    numbers=st.lists(ids, min_size=4, max_size=4),
    at=st.datetimes(timezones=st.just(timezone.UTC)),
)
def test_canonical_content_matches_json_for_any_text(texts, numbers, at):
    action, label, channel, prev_hash, reason = texts
    actor_id, card_id, case_id, seq = numbers
    fields = dict(zip(CANONICAL, (action, actor_id, label, at, card_id, case_id, channel,
                                  None, prev_hash, reason, seq), strict=True))  # fmt: skip
    expected = json.dumps(
        {**fields, "at": at.isoformat()}, sort_keys=True, separators=(",", ":")
    ).encode()
    assert canonical_values(*fields.values()) == expected


@given(key=st.binary(max_size=200), content=st.binary(max_size=600))
def test_the_keyed_hash_is_hmac_sha256(key, content):
    expected = hmac.new(key, content, hashlib.sha256).hexdigest()
    assert hasher(Seal.HMAC_SHA256, key)(content) == expected
    assert hasher(Seal.SHA256, key)(content) == hashlib.sha256(content).hexdigest()
