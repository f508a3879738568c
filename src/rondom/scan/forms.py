"""The scan's forms: a network's own statements, a new round, invitations, and one answer."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.networks.models import Network

from .models import LEVELS_OF, MAX_OWN_STATEMENTS, Audience, Level, Round, Sector, Statement

# A round runs three weeks unless the coordinator says otherwise.
DEFAULT_DAYS_OPEN = 21
# One batch of invitations, so that one request sends a bounded number of emails.
MAX_INVITATIONS_AT_ONCE = 500
REMARK_LENGTH = 1000
# As the email field of an invitation stores it.
MAX_EMAIL_LENGTH = 254


AUDIENCE_GROUPS = {Audience.PROFESSIONAL: _("For professionals"), Audience.PARENT: _("For parents")}


def _places() -> list:
    """Where a statement of the network's own goes: the audience and the level at once."""
    return [
        (
            AUDIENCE_GROUPS[audience],
            [(f"{audience}/{level}", Level(level).label) for level in levels],
        )
        for audience, levels in LEVELS_OF.items()
    ]


class OwnStatementForm(PlainTextMixin, forms.Form):
    place = forms.ChoiceField(
        label=_("For whom, and at which level"),
        choices=_places,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose for whom the statement is, and its level.")},
    )
    text = forms.CharField(
        label=_("Statement"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One sentence in plain words that people can agree with or not, "
            "for example: “We know whom to call in the youth team.”"
        ),
        error_messages={"required": _("Write the statement.")},
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network

    def clean(self):
        cleaned = super().clean()
        active = self.network.scan_statements.filter(retired=False).count()
        if active >= MAX_OWN_STATEMENTS:
            raise ValidationError(
                _(
                    "A network asks at most %(max)s statements of its own. Stop asking one "
                    "of them first."
                )
                % {"max": MAX_OWN_STATEMENTS},
                code="too_many",
            )
        return cleaned

    def save(self) -> Statement:
        audience, level = self.cleaned_data["place"].split("/")
        statement = Statement.objects.create(
            network=self.network,
            audience=audience,
            level=level,
            code="own",
            position=100 + self.network.scan_statements.count(),
            text=self.cleaned_data["text"].strip(),
        )
        # A code of its own that stays with it, as the instrument's codes do.
        statement.code = f"own-{statement.pk}"
        statement.save(update_fields=["code"])
        return statement


class OwnStatementTextForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Statement")}
        error_messages = {"text": {"required": _("Write the statement.")}}


class OwnStatementChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.text} ({obj.get_audience_display()}, {obj.get_level_display()})"


class RoundForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["team", "opens_on", "closes_on", "own_statements"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"opens_on": _("Opens on"), "closes_on": _("Closes on"), "team": _("Team")}
        help_texts = {
            "team": _(
                "Leave empty for the whole network. A round of one team is compared with "
                "that team's previous round."
            ),
            "closes_on": _("People can answer up to and including this day."),
        }
        error_messages = {
            "opens_on": {
                "required": _("Give the day the round opens."),
                "invalid": _("Give the opening day as a date, for example 1-3-2027."),
            },
            "closes_on": {
                "required": _("Give the day the round closes."),
                "invalid": _("Give the closing day as a date, for example 21-3-2027."),
            },
        }

    def __init__(self, *args, network: Network, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.today = today or timezone.localdate()
        own = network.scan_statements.filter(retired=False).order_by("audience", "position")
        self.fields["own_statements"] = OwnStatementChoice(
            own,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Statements of our own"),
            help_text=_("Asked besides the statements of the scan, at most %(max)s.")
            % {"max": MAX_OWN_STATEMENTS},
        )
        if not self.is_bound:
            self.initial.setdefault("opens_on", self.today)
            self.initial.setdefault("closes_on", self.today + timedelta(days=DEFAULT_DAYS_OPEN))
            self.initial.setdefault("own_statements", list(own))

    def clean_team(self) -> str:
        return " ".join(self.cleaned_data.get("team", "").split())

    def clean_opens_on(self) -> date:
        opens = self.cleaned_data["opens_on"]
        check_work_date(opens)
        if opens < self.today:
            raise ValidationError(
                _("The opening day has passed. Choose today or a later day."), code="past"
            )
        return opens

    def clean_closes_on(self) -> date:
        closes = self.cleaned_data["closes_on"]
        check_work_date(closes)
        if closes < self.today:
            raise ValidationError(
                _("The closing day has passed. Choose today or a later day."), code="past"
            )
        return closes

    def clean_own_statements(self):
        chosen = self.cleaned_data["own_statements"]
        if len(chosen) > MAX_OWN_STATEMENTS:
            raise ValidationError(
                _("Choose at most %(max)s statements of your own.") % {"max": MAX_OWN_STATEMENTS},
                code="too_many",
            )
        return chosen

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                ValidationError(
                    _("The round cannot close before it opens. Choose a closing day on or "
                      "after %(opens)s.") % {"opens": opens.strftime("%d-%m-%Y")},
                    code="before_opening",
                ),
            )  # fmt: skip
        return cleaned


def _sector_words() -> dict[str, str]:
    """Every way to name a sector on a line: its code, and its name in Dutch and English."""
    words = {}
    for sector in Sector:
        words[sector.value.replace("_", " ")] = sector.value
        for language in ("nl", "en"):
            with override(language):
                words[str(sector.label).lower()] = sector.value
    words.update({"ouders": Sector.PARENT, "overig": Sector.OTHER, "overige": Sector.OTHER})
    return words


def _read_sector(word: str) -> str | None:
    return _sector_words().get(" ".join(word.lower().replace("_", " ").split()))


class InviteForm(forms.Form):
    """Addresses, one a line, each with the batch's sector or one of its own after a comma."""

    addresses = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "One address a line. Give a line its own sector after a comma, for example: "
            "jan@school.nl, school"
        ),
        error_messages={"required": _("Fill in at least one email address.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=Sector.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("For every line that does not name a sector itself."),
    )

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("addresses")
        if text is None:
            return cleaned
        default = cleaned.get("sector") or None
        invitees, problems, repeated, seen = [], [], [], set()
        lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
        lines = [(n, line) for n, line in lines if line]
        if len(lines) > MAX_INVITATIONS_AT_ONCE:
            raise ValidationError(
                _("Invite at most %(max)s people at once; split the list.")
                % {"max": MAX_INVITATIONS_AT_ONCE},
                code="too_many",
            )
        for number, line in lines:
            email, _comma, rest = line.replace(";", ",").replace("\t", ",").partition(",")
            email = email.strip().strip("<>").lower()
            problem = None
            try:
                validate_email(email)
                if len(email) > MAX_EMAIL_LENGTH:
                    raise ValidationError("too long")
            except ValidationError:
                problem = _("“%(text)s” is not an email address.") % {"text": email or line}
            sector = default
            if problem is None and rest.strip():
                sector = _read_sector(rest)
                if sector is None:
                    problem = _(
                        "“%(text)s” is not a sector. Choose school, jeugdhulp, kinderopvang, "
                        "ouder, gemeente or anders."
                    ) % {"text": rest.strip()}
            if problem is None and sector is None:
                problem = _("No sector: give one after a comma, or choose one for the list.")
            if problem is not None:
                problems.append(
                    _("Line %(number)s: %(problem)s") % {"number": number, "problem": problem}
                )
            elif email in seen:
                repeated.append(email)
            else:
                seen.add(email)
                invitees.append((email, sector))
        if problems:
            raise ValidationError(problems)
        if not invitees:
            raise ValidationError(_("Fill in at least one email address."), code="required")
        cleaned["invitees"] = invitees
        cleaned["repeated"] = repeated
        return cleaned


NOW_CHOICES = [(str(n), str(n)) for n in range(1, 6)] + [("dont_know", _("I don't know"))]
SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
ACT_CHOICES = [("yes", _("yes")), ("no", _("no"))]


class AnswerForm(PlainTextMixin, forms.Form):
    """The answer to one statement; every part may stay empty until the person gets to it.

    Its fields carry the statement in their names (the form's prefix), so that one screen
    holds the forms of all its statements and a save can post one statement alone."""

    now = forms.ChoiceField(
        choices=NOW_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose a number from 1 to 5, or “I don't know”.")},
    )
    importance = forms.ChoiceField(
        choices=SCORE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose a number from 1 to 5.")},
    )
    act = forms.ChoiceField(
        choices=ACT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose yes or no.")},
    )
    remark = forms.CharField(
        max_length=REMARK_LENGTH,
        required=False,
        strip=True,
        error_messages={
            "max_length": _(
                "A remark is at most %(limit_value)s characters; yours has %(show_value)s."
            )
        },
    )

    def __init__(self, *args, statement: Statement, **kwargs):
        kwargs.setdefault("prefix", f"s{statement.pk}")
        super().__init__(*args, **kwargs)
        self.statement = statement

    @staticmethod
    def initial_of(answer) -> dict:
        if answer is None:
            return {}
        now = "dont_know" if answer.dont_know else (str(answer.now) if answer.now else "")
        act = {True: "yes", False: "no"}.get(answer.act, "")
        return {
            "now": now,
            "importance": str(answer.importance or ""),
            "act": act,
            "remark": answer.remark,
        }

    def values(self) -> dict:
        """The answer's fields, from a valid form."""
        data = self.cleaned_data
        now = data.get("now") or ""
        return {
            "now": int(now) if now.isdigit() else None,
            "dont_know": now == "dont_know",
            "importance": int(data["importance"]) if data.get("importance") else None,
            "act": {"yes": True, "no": False}.get(data.get("act") or ""),
            "remark": data.get("remark") or "",
        }
