"""The access log: who saw or changed which case data, when, and on what grounds.

Entries hold ids and actions only, never case text, so they can outlive a purged case. A
request only adds its line. The sealer (`sealing`) later gives each new line its place in the
keyed chain (see `chain`): `seq`, the hash of the line before it and its own hash. Filling in
those fields, once, is the only change the log allows; `rondom verify_audit` recomputes the
chain.
"""

from django.db import models
from django.db.models import Q
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

    # The chain fields: empty until the line is sealed (see `fill_chain`).
    seq = models.PositiveBigIntegerField(unique=True, null=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    case_id = models.BigIntegerField(null=True, db_index=True)
    child_id = models.BigIntegerField(null=True)
    card_id = models.BigIntegerField(null=True)
    action = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    reason = models.CharField(max_length=120, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)
    seal = models.PositiveSmallIntegerField(choices=Seal.choices, default=Seal.HMAC_SHA256)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # The order lines were written in; a line is sealed later, so `seq` may still be empty.
        ordering = ["id"]
        indexes = [
            # The family's log page: one case, newest first, a page at a time.
            models.Index(fields=["case_id", "-id"], name="audit_case_newest_id"),
            # The sealer's queue: small, because a line leaves it when it is sealed.
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="audit_unsealed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(seq__isnull=True, prev_hash="", hash="")
                | (Q(seq__isnull=False) & ~Q(prev_hash="") & ~Q(hash="")),
                name="audit_sealed_whole_or_not_at_all",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.seq or '-'} {self.action} case {self.case_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")

    def compute_hash(self, key: bytes | None = None) -> str:
        """This event's hash under its own seal; the key defaults to the one in the settings."""
        return seal_hash(self, self.seal, audit_key() if key is None else key)


class ChainConflict(Exception):
    """A line to seal was sealed or removed by someone else meanwhile."""


def fill_chain(model, connection, rows: list[tuple[int, str, str, int, int]]) -> None:
    """Give unsealed lines their place in the chain: (seq, prev_hash, hash, seal, id) each.

    The only change the log allows, and only to a line that has no place yet: a sealed line
    is never matched, so it cannot be changed here. PostgreSQL's trigger (migration 0006)
    allows this same change and nothing else. `model` may be a migration's historical model.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    sql = (
        f"UPDATE {table} SET seq = %s, prev_hash = %s, hash = %s, seal = %s "
        "WHERE id = %s AND seq IS NULL"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        if cursor.rowcount != len(rows):
            raise ChainConflict(f"sealed {cursor.rowcount} of {len(rows)} lines")
