"""From an invitation to its personal link and its response, without the database holding
the link between a person and their answers.

Both are HMACs of the invitation's id under the scan key (`RONDOM_SCAN_KEY`): the link's
secret, so that a reminder can send the same link again, and the response's key, so that the
respondent finds their answers again, whether by the link or after login. The invitation
stores only the SHA-256 of its link's secret, to look it up; the response stores its key.
Neither leads to the other without the scan key, which lives in the server's environment
and never in the database, so an export, the admin or the API cannot tell whose answers are
whose. Someone with both the database and the scan key could; the README says so.
"""

import base64
import hashlib
import hmac

from django.conf import settings


def _mac(message: str) -> bytes:
    return hmac.new(settings.SCAN_KEY.encode(), message.encode(), hashlib.sha256).digest()


def link_token(invitation_id: int) -> str:
    """The secret in an invitation's personal link: 43 URL-safe characters."""
    return base64.urlsafe_b64encode(_mac(f"link:{invitation_id}")).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def response_key(invitation_id: int) -> str:
    """The key of the response that belongs to this invitation."""
    return _mac(f"response:{invitation_id}").hex()
