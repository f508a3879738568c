from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an email address; there is no separate username."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        PARENT = "parent", _("parent or carer")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    kind = models.CharField(
        _("kind of account"), max_length=12, choices=Kind.choices, default=Kind.PROFESSIONAL
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def needs_two_factor(self) -> bool:
        """Professionals must use a second factor; parents log in with an emailed code."""
        return self.kind == self.Kind.PROFESSIONAL


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        CHILDCARE = "childcare", _("childcare")
        YOUTH_CARE = "youth_care", _("youth-care provider")
        LOCAL_TEAM = "local_team", _("local team (CJG, Team Jeugd)")
        PARTNERSHIP = "partnership", _("samenwerkingsverband")
        MUNICIPALITY = "municipality", _("municipality")

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Function(models.TextChoices):
    IB = "ib", _("intern begeleider")
    TEACHER = "teacher", _("teacher")
    SCHOOL_SOCIAL_WORKER = "school_social_worker", _("school social worker")
    FAMILY_COACH = "family_coach", _("family coach")
    YOUTH_DOCTOR = "youth_doctor", _("youth doctor")
    CHILDCARE_WORKER = "childcare_worker", _("childcare worker")
    COORDINATOR = "coordinator", _("coordinator")
    OTHER = "other", _("other")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    function = models.CharField(_("function"), max_length=30, choices=Function.choices)
    is_admin = models.BooleanField(_("organisation admin"), default=False)

    class Meta:
        ordering = ["organisation", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
