"""The forms on a network's page: adding a member organisation, and the smallest number shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rondom.accounts.models import Organisation

from .models import Network


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
