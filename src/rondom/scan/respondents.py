"""From a person to their answers, without the database ever holding that link.

A personal link carries a random secret. The invitation stores only its SHA-256; the
response stores an HMAC of it under the scan key. Neither can be computed from the other, so
the database (and so an export, the admin or the API) cannot tell whose answers are whose.
Only the respondent, holding the link, finds their own answers again.

An account holder answers after login, without the link. Their response key is an HMAC of
the account and the round under the scan key. The database still holds no link; someone with
both the database and the server's secret key could compute it, which the README says.
"""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token() -> str:
    """The secret of a personal link: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(message: str) -> str:
    secret = settings.SCAN_KEY.encode()
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def key_for_token(token: str) -> str:
    """The response key of whoever holds this personal link."""
    return _key(f"link:{token}")


def key_for_account(user_id: int, round_id: int) -> str:
    """The response key of an account holder in a round."""
    return _key(f"account:{user_id}:round:{round_id}")
