"""Writing the story behind a figure: three texts, saved only over the version the writer saw."""

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm

from .models import Story


class StoryForm(PlainTextMixin, VersionedForm):
    class Meta:
        model = Story
        fields = ["explains", "works", "will_do"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "explains": _("What lies behind this figure, as seen from this perspective?"),
            "works": _("What goes well, and should go on?"),
            "will_do": _(
                "What will the partners do next? You can make a network agreement of it: what, "
                "who and by when."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # No version yet: a story someone else wrote meanwhile is then told apart.
            self.fields["version"].initial = None

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(name) or "").strip() for name in self._meta.fields):
            raise forms.ValidationError(
                _("Write at least one of the three: what explains the figure, what works, or "
                  "what the partners will do."),
                code="empty",
            )  # fmt: skip
        return cleaned

    def save_story(self, user) -> Story | None:
        """Save the story; None when someone else saved it first (the form then says what
        they saved, and a second save replaces it)."""
        self.instance.updated_by = user
        if self.instance.pk is not None:
            if self.cleaned_data.get("version") is None:
                # Started as a new story, while someone else wrote the first version.
                self._explain_conflict(Story.objects.get(pk=self.instance.pk))
                return None
            return self.save_if_current()
        try:
            with transaction.atomic():
                return self.save()
        except IntegrityError:
            # Two people wrote the first version of the same story at once.
            current = Story.objects.get(
                indicator=self.instance.indicator_id,
                period=self.instance.period_id,
                perspective=self.instance.perspective,
            )
            self._explain_conflict(current)
            return None
