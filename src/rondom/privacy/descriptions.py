"""What a line of the access log says someone did, in the family's words.

A line names the page by its URL name ("view timeline:child") and holds ids only, never case
text. The family reads "bekeek de tijdlijn van Sam" instead. A line does not say which
meeting was looked at, so a meeting is "een overleg".
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from rondom.timeline.kinds import RestrictionReason

# Said of several pages; the page folds their lines together (see `ALIKE`).
THE_CASE = _("looked at the case")
THE_PEOPLE = _("looked at the people involved")
THE_CAREER = _("looked at the school career of %(child)s")
CAREER_CHANGED = _("changed the school career of %(child)s")
A_QUESTION = _("looked at a question for help")

# Pages by URL name; %(child)s is the child's name, and %(counter)s the number of different
# cards when one line of the page stands for several.
LOOKED_AT: dict[str, Promise] = {
    "cases:detail": THE_CASE,
    "cases:edit": THE_CASE,
    "cases:close": THE_CASE,
    "cases:child_create": THE_CASE,
    "cases:consent": _("looked at the consents"),
    "cases:child_edit": _("looked at the details of %(child)s"),
    "cases:participant_create": THE_PEOPLE,
    "cases:participant_edit": THE_PEOPLE,
    "career:career": THE_CAREER,
    "career:period_create": THE_CAREER,
    "career:period_edit": THE_CAREER,
    "timeline:child": _("looked at the timeline of %(child)s"),
    "timeline:merge": _("looked at everyone's cards about %(child)s side by side"),
    "timeline:card_create": _("opened the form for a new card"),
    "timeline:card_edit": ngettext_lazy(
        "looked at a card", "looked at %(counter)s cards", "counter"
    ),
    "timeline:card_history": ngettext_lazy(
        "looked at the history of a card", "looked at the history of %(counter)s cards", "counter"
    ),
    "timeline:restricted_cards": _("looked at the cards kept from the parents"),
    "privacy:access_log": _("looked at this access log"),
    "meetings:list": _("looked at the meetings"),
    "meetings:create": _("opened the form for a new meeting"),
    "meetings:detail": _("looked at a meeting"),
    "meetings:present": _("looked at a meeting on the whiteboard"),
    "meetings:close_confirm": _("looked at what closing a meeting will keep"),
    "documents:praatplaat": _("downloaded the praatplaat of %(child)s (PDF)"),
    "documents:agreements_card": _("downloaded the agreements card of a meeting (PDF)"),
    "documents:meeting_report": _("downloaded the report of a meeting (PDF)"),
    "documents:family_copy": _("downloaded the family's copy of the data (PDF)"),
    "exchange:case_file": _("downloaded the family's copy of the data (JSON)"),
    "help:satisfaction": _("looked at how satisfied everyone is with the help"),
    "help:satisfaction_answer": _("opened the form about satisfaction with the help"),
    "help:questions": _("looked at the questions for help"),
    "help:question_create": _("opened the form for a new question for help"),
    "help:question_edit": A_QUESTION,
    "help:question_delete": A_QUESTION,
    "monitor:card_signal": _("opened the page to pass a card on to the network"),
}
CHANGED: dict[str, Promise] = {
    "cases:edit": _("changed the case"),
    "cases:make_named": _("gave the case names"),
    "cases:close": _("closed the case"),
    "cases:reopen": _("reopened the case"),
    "cases:consent": _("recorded consent"),
    "cases:consent_withdraw": _("withdrew consent"),
    "cases:erasure_request": _("asked to erase the data"),
    "cases:erasure_handle": _("answered the request to erase the data"),
    "cases:child_create": _("added a child"),
    "cases:child_edit": _("changed the details of %(child)s"),
    "cases:participant_create": _("added someone to the case"),
    "cases:participant_edit": _("changed someone in the case"),
    "cases:participant_invite": _("invited someone by email"),
    "cases:participant_delete": _("removed someone from the case"),
    "career:period_create": CAREER_CHANGED,
    "career:period_edit": CAREER_CHANGED,
    "career:period_delete": CAREER_CHANGED,
    "timeline:card_create": ngettext_lazy("added a card", "added %(counter)s cards", "counter"),
    "timeline:card_edit": ngettext_lazy("changed a card", "changed %(counter)s cards", "counter"),
    "timeline:card_delete": ngettext_lazy("deleted a card", "deleted %(counter)s cards", "counter"),
    "timeline:card_restore": ngettext_lazy(
        "brought a deleted card back", "brought %(counter)s deleted cards back", "counter"
    ),
    "timeline:share_drafts": _("shared their own cards with the case"),
    "timeline:merge_link": _("linked cards that are about the same thing"),
    "timeline:merge_unlink": _("unlinked cards"),
    "timeline:merge_hide": ngettext_lazy(
        "set a card aside when bringing the perspectives together",
        "set %(counter)s cards aside when bringing the perspectives together",
        "counter",
    ),
    "timeline:merge_show": ngettext_lazy(
        "showed a card again when bringing the perspectives together",
        "showed %(counter)s cards again when bringing the perspectives together",
        "counter",
    ),
    "meetings:create": _("started a meeting"),
    "meetings:close": _("closed a meeting"),
    "meetings:note": _("wrote notes in a meeting"),
    "meetings:factor": _("noted what helps or hinders"),
    "meetings:key_moment": _("marked an important moment"),
    "meetings:factor_remove": _("took away what helps or hinders"),
    "meetings:key_moment_remove": _("took away an important moment"),
    "meetings:agreement": _("made an agreement"),
    "meetings:agreement_status": _("changed whether an agreement is done"),
    "meetings:follow_up": _("noted the next meeting and the dossiers"),
    "help:satisfaction_answer": _("said how satisfied someone is with the help"),
    "cases:figures_consent_give": _("said yes to counting the case in figures, without names"),
    "cases:figures_consent_withdraw": _("stopped counting the case in figures"),
    "help:question_create": _("added a question for help"),
    "help:question_edit": _("changed a question for help"),
    "help:question_delete": _("removed a question for help"),
    "monitor:card_signal": _("filled in the page to pass a card on to the network"),
}
# Lines written by the code itself rather than for a page.
OTHER: dict[str, Promise] = {
    "restrict timeline:card from parents": ngettext_lazy(
        "kept a card from the parents", "kept %(counter)s cards from the parents", "counter"
    ),
    "erase case": _("erased the case"),
    "export case file": _("exported the case to a file"),
    "import case file": _("made the case from a file"),
    "print praatplaat": _("printed the praatplaat"),
    "print agreements": _("printed the agreements card of a meeting"),
    "print report": _("printed the report of a meeting"),
    "print family": _("printed the family's copy of the data"),
    "monitor:signal_sent": _("passed a card on to the network"),
}
API = {"view": _("read data through the API"), "change": _("changed data through the API")}
SOMETHING = {"view": _("looked at data of the case"), "change": _("changed data of the case")}
A_CHILD = _("a child")


def _alike() -> list[list[str]]:
    """The actions whose lines read the same, each group under its first action."""
    groups: dict[int, list[str]] = {}
    for verb, table in (("view", LOOKED_AT), ("change", CHANGED)):
        for page, text in table.items():
            groups.setdefault(id(text), []).append(f"{verb} {page}")
    return [actions for actions in groups.values() if len(actions) > 1]


ALIKE = _alike()

# The grounds the code writes (see cases.access and the commands), in the family's words.
REASONS = {
    "parent": _("parent in the case"),
    "site admin": _("site administrator"),
    "anonymous case": _("participant in an anonymous case"),
    "case manager without consent": _("case manager, without consent to see the content"),
    "command line": _("on the server, from the command line"),
    "retention term ended": _("the retention term ended"),
    **dict(RestrictionReason.choices),
}
REASON_PREFIXES = (
    ("consent ", _("consent")),
    ("erasure request ", _("request to erase the data")),
)
CORRECTION = "; correction by case manager"


def describe(action: str, child: str | None = None, cards: int = 1) -> str:
    """What the line says was done, in words: `child` is the name of the child it is about,
    `cards` the number of different cards it was done to."""
    verb, _space, page = action.partition(" ")
    if action in OTHER:
        text = OTHER[action]
    elif page.startswith("api:") and verb in API:
        text = API[verb]
    else:
        text = (LOOKED_AT if verb == "view" else CHANGED).get(page)
        if text is None:
            text = SOMETHING.get(verb, SOMETHING["view"])
    return str(text % {"child": child or A_CHILD, "counter": max(cards, 1)})


def describe_reason(reason: str) -> str:
    """The grounds of a line in the family's words; an unknown one as it was written."""
    base, correction = reason.removesuffix(CORRECTION), reason.endswith(CORRECTION)
    text = REASONS.get(base)
    if text is None:
        text = next((t for prefix, t in REASON_PREFIXES if base.startswith(prefix)), base)
    if correction:
        return _("%(grounds)s; correction by the case manager") % {"grounds": text}
    return str(text)
