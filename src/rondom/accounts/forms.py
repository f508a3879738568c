from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Function


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("email address"))
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    function = forms.ChoiceField(label=_("function"), choices=Function.choices)
    is_admin = forms.BooleanField(label=_("organisation admin"), required=False)
