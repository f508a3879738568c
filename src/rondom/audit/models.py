"""The access log: who saw or changed which case data, when, and on what grounds.

Entries hold ids and actions only, never case text, so they can outlive a purged case. Each
entry carries the hash of the one before it, keyed (see `chain`); `rondom verify-audit`
recomputes the chain.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .chain import Seal, audit_key, seal_hash


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The access log cannot be changed.")


class AuditEvent(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        EXPORT = "export", _("export")
        PRINT = "print", _("print")
        COMMAND = "command", _("command")

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    case_id = models.BigIntegerField(null=True, db_index=True)
    child_id = models.BigIntegerField(null=True)
    card_id = models.BigIntegerField(null=True)
    action = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    reason = models.CharField(max_length=120, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    seal = models.PositiveSmallIntegerField(choices=Seal.choices, default=Seal.HMAC_SHA256)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        # The family's log page: one case, newest first, a page at a time.
        indexes = [models.Index(fields=["case_id", "-seq"], name="audit_case_newest_first")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} case {self.case_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")

    def compute_hash(self, key: bytes | None = None) -> str:
        """This event's hash under its own seal; the key defaults to the one in the settings."""
        return seal_hash(self, self.seal, audit_key() if key is None else key)
