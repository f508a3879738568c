"""The rows of the timeline and the kinds of card, as on the paper tool plus the research rows."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CardKind(models.TextChoices):
    LIFE_EVENT = "life_event", _("life event")
    HOME = "home", _("home situation")
    PRESCHOOL = "preschool", _("pre-school activity")
    DEVELOPMENT = "development", _("development")
    WELLBEING = "wellbeing", _("wellbeing")
    HELP = "help", _("help")
    COLLABORATION = "collaboration", _("collaboration")
    POLICY = "policy", _("policy or organisation")


class Rating(models.TextChoices):
    GOOD = "good", _("good")
    NEUTRAL = "neutral", _("neutral")
    NOT_GOOD = "not_good", _("not good")


class Domain(models.TextChoices):
    PARENTING = "parenting", _("parenting support")
    PARENT_OTHER = (
        "parent_other",
        _("other support for parents (money, housing, safety, a parent's health)"),
    )
    LEARNING = "learning", _("the child's learning")
    SOCIAL_EMOTIONAL = "social_emotional", _("social-emotional development")
    PHYSICAL = "physical", _("physical development and health")


# The research counts the parents' domains per family and the child's domains per child.
FAMILY_DOMAINS = (Domain.PARENTING, Domain.PARENT_OTHER)
CHILD_DOMAINS = (Domain.LEARNING, Domain.SOCIAL_EMOTIONAL, Domain.PHYSICAL)


class RestrictionReason(models.TextChoices):
    SAFE_PLACE = "safe_place", _("school must stay a safe place for the child")
    CHILD_SAFETY = "child_safety", _("the child's safety")


class HomeAspect(models.TextChoices):
    COMPOSITION = "composition", _("family composition")
    HOUSING = "housing", _("housing")
    PARENTING = "parenting", _("parenting")
    OTHER = "other", _("other")


@dataclass(frozen=True)
class Row:
    key: str
    title: Promise
    question: Promise
    card_kind: str | None = None  # None: the row is drawn from the school career or the age
    extra: bool = False  # a row the research used beyond the paper tool; folds when empty
    fields: tuple[str, ...] = ()


ROWS: tuple[Row, ...] = (
    Row(
        "life_event",
        _("Life events"),
        _("Which important events happened, such as a birth, a death or a move?"),
        CardKind.LIFE_EVENT,
        fields=("text",),
    ),
    Row(
        "home",
        _("Home situation"),
        _("Who is in the family, how do they live, and how does parenting go? What changed?"),
        CardKind.HOME,
        fields=("aspect", "text"),
    ),
    Row(
        "preschool",
        _("Pre-school activities"),
        _("Which activities did the child take part in before school?"),
        CardKind.PRESCHOOL,
        extra=True,
        fields=("text",),
    ),
    Row("school", _("School / childcare"), _("Where did the child go, and when?")),
    Row("group", _("Group"), _("Which groups did the child go through?")),
    Row("age", _("Age"), _("How old was the child?")),
    Row(
        "development",
        _("Development of the child"),
        _("Per group: what goes well, and what goes less well?"),
        CardKind.DEVELOPMENT,
        fields=("text", "text_less_well"),
    ),
    Row(
        "wellbeing",
        _("Wellbeing"),
        _("How did the child feel, at home and at school?"),
        CardKind.WELLBEING,
        extra=True,
        fields=("text",),
    ),
    Row(
        "help",
        _("Help for child and family"),
        _("Which help was offered, what did it aim at, and how did it go?"),
        CardKind.HELP,
        fields=("provider", "text", "rating"),
    ),
    Row(
        "collaboration",
        _("Collaboration of parents, school and youth care"),
        _("With whom was there collaboration, and what went well or less well?"),
        CardKind.COLLABORATION,
        fields=("with_whom", "text", "rating"),
    ),
    Row(
        "policy",
        _("Policy and organisation"),
        _("Which rules or bottlenecks in organisations shaped the case?"),
        CardKind.POLICY,
        extra=True,
        fields=("text",),
    ),
)

ROWS_BY_KEY = {row.key: row for row in ROWS}
ROW_FOR_KIND = {row.card_kind: row for row in ROWS if row.card_kind}

FIELD_LABELS: dict[str, dict[str, Promise]] = {
    CardKind.DEVELOPMENT: {"text": _("What goes well"), "text_less_well": _("What goes less well")},
    CardKind.HELP: {"text": _("What the help aimed at")},
    CardKind.COLLABORATION: {"text": _("What went well or less well")},
}
