"""The forms of a network: adding a member organisation, the smallest number shown, and the
network's agreements."""

from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation, User
from rondom.core.limits import check_work_date
from rondom.core.text import PlainTextMixin
from rondom.core.versioning import VersionedForm

from .agreements import organisations_for, people_for
from .models import Network, NetworkAgreement


class AddMemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            network_memberships__network=network
        )


class NetworkSettingsForm(forms.ModelForm):
    """*k*, within the network's rules (`Network.clean` and its database constraint).

    Only a site admin may switch `anonymous_only`: it decides which cases count at all, and
    it is the one way to let *k* go below 10, so a coordinator cannot take that step alone.
    """

    class Meta:
        model = Network
        fields = ["min_cell", "anonymous_only"]

    def __init__(self, *args, site_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not site_admin:
            del self.fields["anonymous_only"]


# A network agreement: what, who, by when; and later what came of it.

PERSON, ORGANISATION = "person", "organisation"


def _choice(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


class ConflictInWordsMixin:
    """Says what someone else saved meanwhile as a person reads it: "Stand: klaar", not "done"."""

    def shown_values(self, current: NetworkAgreement) -> dict[str, str]:
        return {}

    def _explain_conflict(self, current: NetworkAgreement) -> None:
        # With its owner, whom the explanation names.
        stored = NetworkAgreement.objects.select_related("owner_user", "owner_organisation")
        current = stored.get(pk=current.pk)
        mine = self.shown_values(self.instance)
        saved_now = [
            f"{self.fields[name].label}: {value}"
            for name, value in self.shown_values(current).items()
            if value and value != mine.get(name)
        ]
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version
        message = gettext(
            "Someone else changed this agreement while you were editing. Your changes were not "
            "saved."
        )
        if saved_now:
            message += " " + gettext("Saved now: %(values)s.") % {"values": "; ".join(saved_now)}
        message += " " + gettext("Check the form and save again to replace it.")
        self.add_error(None, message)


class NetworkAgreementForm(ConflictInWordsMixin, PlainTextMixin, VersionedForm):
    """What, who and by when. Who is a person (a coordinator, or an account of a member
    organisation) or a member organisation, chosen from one list."""

    who = forms.ChoiceField(
        label=_("Who"),
        error_messages={
            "required": _("Choose who does it: a person or a member organisation."),
            "invalid_choice": _(
                "Choose who does it from the list: a coordinator, someone of a member "
                "organisation, or a member organisation."
            ),
        },
    )
    field_order = ["what", "who", "due_on"]

    class Meta:
        model = NetworkAgreement
        fields = ["what", "due_on"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "what": {"required": _("Write down what will be done.")},
            "due_on": {
                "required": _("Give the date by which it is done."),
                "invalid": _("Give a date, for example 31-12-2026."),
            },
        }

    def __init__(self, *args, network: Network, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["due_on"].validators.append(check_work_date)
        people = list(people_for(network))
        organisations = list(organisations_for(network))
        # Someone who has left keeps the agreement they own until it is handed on.
        agreement = self.instance
        owner = agreement.owner_user if agreement.owner_user_id else None
        if owner is not None and owner not in people:
            people.append(owner)
        organisation = agreement.owner_organisation if agreement.owner_organisation_id else None
        if organisation is not None and organisation not in organisations:
            organisations.append(organisation)
        self.owners = {_choice(PERSON, p.pk): p for p in people}
        self.owners |= {_choice(ORGANISATION, o.pk): o for o in organisations}
        self.fields["who"].choices = [
            ("", gettext("Choose a person or an organisation")),
            (
                gettext("People in the network"),
                [(_choice(PERSON, p.pk), label) for p, label in _names(people)],
            ),
            (
                gettext("Member organisations"),
                [(_choice(ORGANISATION, o.pk), o.name) for o in organisations],
            ),
        ]
        if owner is not None:
            self.initial.setdefault("who", _choice(PERSON, owner.pk))
        elif organisation is not None:
            self.initial.setdefault("who", _choice(ORGANISATION, organisation.pk))

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        # An overdue agreement may keep its date while its text changes.
        unchanged = self.instance.pk is not None and due_on == self.instance.due_on
        if due_on < self.today and not unchanged:
            raise forms.ValidationError(
                _("This date has passed. Choose today or a later date."), code="past"
            )
        return due_on

    def clean(self):
        cleaned = super().clean()
        owner = self.owners.get(cleaned.get("who", ""))
        if owner is not None:
            is_person = isinstance(owner, User)
            self.instance.owner_user = owner if is_person else None
            self.instance.owner_organisation = None if is_person else owner
        return cleaned

    def shown_values(self, current: NetworkAgreement) -> dict[str, str]:
        return {
            "what": current.what,
            "who": current.owner_name,
            "due_on": current.due_on.strftime("%d-%m-%Y"),
        }


def _names(people: list[User]) -> list[tuple[User, str]]:
    """Each person by name; with the email address too where two share a name."""
    names = [str(person) for person in people]
    return [
        (person, f"{name} ({person.email})" if names.count(name) > 1 else name)
        for person, name in zip(people, names, strict=True)
    ]


class AgreementStatusForm(ConflictInWordsMixin, PlainTextMixin, VersionedForm):
    """Done or dropped, with a sentence on what came of it for the next round; or open again."""

    class Meta:
        model = NetworkAgreement
        fields = ["status", "outcome"]
        widgets = {
            "status": forms.RadioSelect,
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"status": {"invalid_choice": _("Choose open, done or dropped.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].help_text = _(
            "Needed when it is done or dropped: a sentence on what the agreement brought, or "
            "why it was dropped. The next round of the scan shows it."
        )

    def clean(self):
        cleaned = super().clean()
        closing = cleaned.get("status") in (
            NetworkAgreement.Status.DONE,
            NetworkAgreement.Status.DROPPED,
        )
        if closing and not cleaned.get("outcome", "").strip():
            self.add_error(
                "outcome",
                forms.ValidationError(
                    _("Write in a sentence what the agreement brought, or why it was dropped."),
                    code="required",
                ),
            )
        return cleaned

    def shown_values(self, current: NetworkAgreement) -> dict[str, str]:
        return {"status": current.get_status_display(), "outcome": current.outcome}
