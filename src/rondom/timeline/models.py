"""Timeline cards and their edit history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rondom.cases.models import Case, Child, Participant
from rondom.core.vague_dates import DatedAsWritten
from rondom.core.versioning import Versioned

from .kinds import CardKind, Domain, HomeAspect, Rating, RestrictionReason


class CardQuerySet(models.QuerySet):
    def alive(self) -> "CardQuerySet":
        return self.filter(deleted_at__isnull=True)

    def for_everyone(self) -> "CardQuerySet":
        """Shared cards without limited access: what everyone in the case may read, so what
        may lie on the table in a meeting, in its frozen copy or on a praatplaat."""
        return self.alive().filter(is_draft=False, restricted_to__isnull=True)

    def for_child(self, child: Child) -> "CardQuerySet":
        """Cards about this child, plus the cards about the whole family."""
        return self.filter(case_id=child.case_id).filter(
            models.Q(child=child) | models.Q(child__isnull=True)
        )


class Card(Versioned, DatedAsWritten):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cards")
    child = models.ForeignKey(
        Child,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cards",
        help_text=_("Leave empty for the whole family."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CardKind.choices)
    author = models.ForeignKey(
        Participant, verbose_name=_("filled in by"), on_delete=models.RESTRICT, related_name="cards"
    )
    # Required, except on a development card with only what goes less well (see the form).
    text = models.TextField(_("text"), max_length=2000, blank=True)
    text_less_well = models.TextField(_("what goes less well"), max_length=2000, blank=True)
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=120, blank=True)
    aspect = models.CharField(_("aspect"), max_length=20, choices=HomeAspect.choices, blank=True)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices, blank=True)

    # date_text, starts_on, ends_on, precision and date_groups come from DatedAsWritten.

    question = models.ForeignKey(
        "help.HelpQuestion",
        verbose_name=_("answers the question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_cards",
        help_text=_("For a help card: the question for help it answers, if there is one."),
    )

    is_draft = models.BooleanField(
        _("private draft"),
        default=False,
        help_text=_("Only you see this card until you share it with the case."),
    )
    restricted_to = models.ManyToManyField(
        Participant,
        verbose_name=_("only for"),
        blank=True,
        related_name="restricted_cards",
        help_text=_("Leave empty to share the card with everyone in the case."),
    )
    restriction_reason = models.CharField(
        _("reason for restricting"), max_length=20, choices=RestrictionReason.choices, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["case", "child", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {(self.text or self.text_less_well)[:40]}"

    @property
    def is_placed(self) -> bool:
        return self.starts_on is not None


class CardRevision(models.Model):
    """One change to a card: who, when, and the fields before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        MOVED = "moved", _("moved")
        DELETED = "deleted", _("deleted")
        RESTORED = "restored", _("restored")
        SHARED = "shared", _("shared")

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)
    # Who could read the card as it was at this version: its author alone for a draft, or
    # the participants it was limited to (with its author and the case managers); null is
    # everyone in the case. The access policy shows a version only to them.
    draft = models.BooleanField(default=False)
    author = models.ForeignKey(Participant, null=True, on_delete=models.SET_NULL, related_name="+")
    restricted_to = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.card_id} v{self.version} {self.action}"


class CardLink(models.Model):
    """Two cards that describe the same event or help, from different perspectives.

    Both stay as written; unlinking keeps the row, so it can be undone and read back.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="card_links")
    first = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlinked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["linked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.first_id} = {self.second_id}"


class CardHiding(models.Model):
    """A card set aside in the merged view (for example a duplicate); can be shown again."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="hidings")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(auto_now_add=True)
    shown_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["hidden_at", "pk"]

    def __str__(self) -> str:
        return f"card {self.card_id} hidden"


class CardNote(models.Model):
    """A note that reaches a card from outside the case, such as the network's answer to a
    bottleneck the card raised. Whoever may read the card reads its notes, and nobody else.

    `label` says where the note comes from, in the site's language, as an email would; the
    component that writes the note composes it, so the timeline needs to know none of them.
    """

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="notes")
    label = models.CharField(_("from"), max_length=200)
    text = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note on a card")
        verbose_name_plural = _("notes on cards")

    def __str__(self) -> str:
        return f"note on card {self.card_id}"
