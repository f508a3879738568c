"""One rule for free text, in forms, the API and case files alike.

Control characters cannot be seen or typed on purpose, yet they end up in printouts and in
exported files that other programs then refuse. Newline, carriage return and tab are ordinary
parts of a text; every other C0 or C1 control character, DEL and half a surrogate pair are not.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why this text cannot be saved, in the user's language; None when it can."""
    if _SURROGATE.search(value):
        return str(_("This text contains broken characters. Type or paste it again."))
    if _CONTROL.search(value):
        return str(_("This text contains an invisible control character. Remove it and try again."))
    return None


def check_plain_text(value) -> None:
    """A field validator; values that are not text are left to the field itself."""
    if isinstance(value, str) and (problem := text_problem(value)):
        raise ValidationError(problem, code="control_character")


class PlainTextMixin:
    """For a form: every text field follows the rule, whichever class declared it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and check_plain_text not in field.validators:
                field.validators.append(check_plain_text)
