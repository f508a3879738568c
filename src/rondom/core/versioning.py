"""Optimistic locking for the case's own records: a stale change is refused, never saved over."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext as _


class StaleVersion(Exception):
    """Someone else saved the record after this change was started from it."""

    def __init__(self, current: models.Model):
        super().__init__("changed meanwhile")
        self.current = current


def read_version(value: object) -> int | None:
    """The version a client sent back, if it is one: a whole number, from a form or JSON."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31:
        return value
    return None


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_if_current(
        self, expected: int | None = None, save: Callable[[], Any] | None = None
    ) -> None:
        """Save this record as the next version, unless the stored one is no longer `expected`
        (by default the version it was loaded as); then raise StaleVersion with the stored one.

        `save` saves it instead of `self.save()`, for a form that also saves relations. Call it
        inside a transaction to keep more work together with the save.
        """
        with transaction.atomic():
            if self.pk is not None:
                expected = self.version if expected is None else expected
                stored = type(self)._default_manager.filter(pk=self.pk, version=expected)
                # One conditional UPDATE: two savers cannot both move on from the same version,
                # and nothing else waits on a lock for longer than that statement.
                if not stored.update(version=expected + 1):
                    raise StaleVersion(type(self)._default_manager.get(pk=self.pk))
                self.version = expected + 1
            (save or self.save)()


class VersionedForm(forms.ModelForm):
    """Carries the version the editor loaded, so a save can tell if someone else got there first."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def save_if_current(self, commit_extra=None):
        """Save unless the record changed since it was loaded; then explain and return None.

        `commit_extra(instance)` runs in the same transaction, after the instance is saved.
        """
        try:
            with transaction.atomic():
                self.instance.save_if_current(self.cleaned_data.get("version"), self.save)
                if commit_extra:
                    commit_extra(self.instance)
        except StaleVersion as stale:
            self._explain_conflict(stale.current)
            return None
        return self.instance

    def _explain_conflict(self, current) -> None:
        saved_now = []
        for name in self._meta.fields:
            value = getattr(current, name, None)
            if value is not None and value != self.cleaned_data.get(name):
                label = self.fields[name].label if name in self.fields else name
                saved_now.append(f"{label}: {value}")
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version
        message = _(
            "Someone else changed this while you were editing. Your changes were not saved."
        )
        if saved_now:
            message += " " + _("Saved now: %(values)s.") % {"values": "; ".join(saved_now)}
        message += " " + _("Check the form and save again to replace it.")
        self.add_error(None, message)
