from django.forms.renderers import TemplatesSetting


class RondomFormRenderer(TemplatesSetting):
    """Renders every form field as an NL Design System form field, errors beside the input."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
