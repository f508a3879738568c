"""API tokens. Only a hash of each key is stored, so nobody can read a key back, not even a
site admin or someone with a copy of the database."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8
# Recording every single use would add a database write to every API request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def key_digest(key: str) -> str:
    """A plain SHA-256 suffices: every key is long and random, so there is nothing to guess."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenManager(models.Manager):
    def issue(self, user) -> tuple["ApiToken", str]:
        """Make a token for `user`. The key is returned here once and is not kept anywhere."""
        # Hex: no key or prefix starts with "-", which a command line would take for an option.
        key = secrets.token_hex(32)
        token = self.create(user=user, prefix=key[:PREFIX_LENGTH], digest=key_digest(key))
        return token, key

    def find(self, key: str) -> "ApiToken | None":
        """The token with this key, if any; the hashes are compared in constant time."""
        wanted = key_digest(key)
        found = None
        for token in self.filter(prefix=key[:PREFIX_LENGTH]).select_related("user"):
            if hmac.compare_digest(token.digest, wanted):
                found = token
        return found


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("owner"),
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True)
    digest = models.CharField(_("hash of the key"), max_length=64, unique=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenManager()

    class Meta:
        ordering = ["user", "created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def mark_used(self) -> None:
        now = timezone.now()
        if self.last_used is None or now - self.last_used >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=self.pk).update(last_used=now)
            self.last_used = now
