"""Optimistic locking for the case's own records: a stale form is refused, never saved over."""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext as _


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


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
        with transaction.atomic():
            instance = self.instance
            if instance.pk:
                expected = self.cleaned_data.get("version") or instance.version
                model = type(instance)
                bumped = model.objects.filter(pk=instance.pk, version=expected).update(
                    version=expected + 1
                )
                if not bumped:
                    self._explain_conflict(model.objects.get(pk=instance.pk))
                    return None
                instance.version = expected + 1
            instance = self.save()
            if commit_extra:
                commit_extra(instance)
            return instance

    def _explain_conflict(self, current) -> None:
        saved_now = []
        for name in self._meta.fields:
            value = getattr(current, name, None)
            if value is not None and value != self.cleaned_data.get(name):
                label = self.fields[name].label if name in self.fields else name
                saved_now.append(f"{label}: {value}")
        self.data = self.data.copy()
        self.data["version"] = current.version
        message = _(
            "Someone else changed this while you were editing. Your changes were not saved."
        )
        if saved_now:
            message += " " + _("Saved now: %(values)s.") % {"values": "; ".join(saved_now)}
        message += " " + _("Check the form and save again to replace it.")
        self.add_error(None, message)
