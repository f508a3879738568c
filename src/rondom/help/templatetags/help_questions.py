"""The questions for help beside a child's timeline.

The timeline sits below this component, so its page asks for them by this tag rather than by
an import; what the reader may see is decided here, by the questions' access policy.
"""

from django import template

from ..presentation import questions_for_child

register = template.Library()


@register.inclusion_tag("help/_timeline_questions.html", takes_context=True)
def timeline_questions(context) -> dict:
    access, child = context["access"], context["child"]
    return {
        "case": access.case,
        "child": child,
        "timeline_questions": questions_for_child(access, child),
    }
