"""Plain Dutch everywhere: no English left over from a library, one form of address, and the
library strings that Rondom words itself."""

import ast
import html
import re
from pathlib import Path

import allauth
import django
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rondom.accounts.models import User
from rondom.core import library_wording
from rondom.timeline.kinds import CardKind
from tests.accounts.test_login import password_login
from tests.cases.test_access_policy import case_url_names, url_for

OPTION = re.compile(r'<option value=""[^>]*>([^<]*)</option>')
CHOOSE = "— Kies —"
# A dropdown may also start with an empty choice that means something.
# Empty choices that say what they mean: a card or question about the whole family, a help
# card that answers no question, a question that shows on no card.
MEANINGFUL_EMPTY = {"het hele gezin", "geen hulpvraag (hulp zonder vraag)", "geen kaartje"}


def html_pages(client: Client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[url] = response.content.decode()
    return pages


def case_pages(client: Client, story) -> dict[str, str]:
    urls = [url_for(name, story) for name in case_url_names()]
    case_id = story["case"].pk
    urls += [reverse("timeline:card_create", args=[case_id]) + f"?kind={kind}" for kind in CardKind]
    urls += [reverse("cases:create"), reverse("caseload:cases"), reverse("caseload:overview")]
    return html_pages(client, urls)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "parent_user"])
def test_every_dropdown_starts_with_a_dutch_choice(request, story, who):
    """Django's own empty choice is English ("- Select an option -") until Rondom words it."""
    client = Client()
    client.force_login(request.getfixturevalue(who))
    pages = case_pages(client, story)
    assert len(pages) > 10
    empty_choices = []
    for url, page in pages.items():
        assert "Select an option" not in page, url
        assert "---------" not in page, url
        empty_choices += [(url, html.unescape(label)) for label in OPTION.findall(page)]
    assert {label for _, label in empty_choices} <= {CHOOSE} | MEANINGFUL_EMPTY, empty_choices
    assert sum(label == CHOOSE for _, label in empty_choices) >= (10 if who == "manager" else 3)


def library_msgids() -> set[str]:
    """Every English string in the catalogues of Django and allauth."""
    roots = [Path(django.__file__).parent, Path(allauth.__file__).parent]
    ids = set()
    for root in roots:
        for po in root.glob("**/locale/en/LC_MESSAGES/django.po"):
            text = po.read_text(encoding="utf-8")
            for block in re.findall(r'^msgid(?:_plural)? ((?:".*"\n)+)', text, flags=re.M):
                ids.add("".join(re.findall(r'"(.*)"', block)).replace('\\"', '"'))
    return ids


def worded_library_strings() -> list[str]:
    """The English strings named in `library_wording`, read from its source as makemessages
    reads them."""
    tree = ast.parse(Path(library_wording.__file__).read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return [arg.value for call in calls for arg in call.args[:2] if isinstance(arg.value, str)]


def test_the_library_strings_rondom_words_are_still_the_librarys():
    """A library that rewords a string would silently bring its own Dutch back."""
    strings = worded_library_strings()
    assert len(strings) == len(library_wording.LIBRARY_STRINGS) + 1  # one has a plural
    assert set(strings) - library_msgids() == set()


def test_the_projects_dutch_wins_over_a_librarys():
    assert Path(settings.LOCALE_PATHS[0]) == Path(settings.BASE_DIR) / "locale"
    with translation.override("nl"):
        # allauth's own Dutch says "Twee-factor-authenticatie" and "Aanmelden".
        assert translation.gettext("Two-Factor Authentication") == "Tweestapsverificatie"
        assert translation.gettext("Sign In") == "Inloggen"
        assert translation.gettext("- Select an option -") == CHOOSE


# Formal address and the second name for the second factor; matched on the visible text.
FORMAL = re.compile(r"\b(u|uw|U|Uw|alstublieft|a\.u\.b\.)\b")
OTHER_WORDS = re.compile(r"twee-?factor|aanmeld|afmeld", re.IGNORECASE)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = " ".join(re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


def assert_je_form(text: str, where: str) -> None:
    assert not FORMAL.search(text), (where, FORMAL.search(text))
    assert not OTHER_WORDS.search(text), (where, OTHER_WORDS.search(text))


@pytest.mark.django_db
def test_account_pages_say_je_and_tweestapsverificatie(manager, parent_user):
    pages = {}
    visitor = Client()
    for name in ("account_login", "account_request_login_code", "account_reset_password"):
        pages[name] = visitor.get(reverse(name)).content.decode()
    asked = Client()
    asked.post(reverse("account_request_login_code"), {"email": parent_user.email})
    pages["code"] = asked.get(reverse("account_confirm_login_code")).content.decode()
    second = Client()
    password_login(second, manager.email)
    pages["2fa"] = second.get(reverse("mfa_authenticate")).content.decode()
    newcomer = Client()
    User.objects.create_user(email="nieuw@school.test", password="secret-pass-1")
    password_login(newcomer, "nieuw@school.test")
    pages["2fa setup"] = newcomer.get(reverse("mfa_activate_totp")).content.decode()
    pages["2fa overview"] = newcomer.get(reverse("mfa_index")).content.decode()
    pages["password"] = newcomer.get(reverse("account_change_password")).content.decode()
    for name, page in pages.items():
        assert_je_form(visible_text(page), name)
    assert "Inloggen met een code" in pages["account_login"]
    assert "Stuur me een inlogcode" in pages["account_request_login_code"]
    assert "Inlogcode invullen" in pages["code"]
    assert "Vul de code uit je authenticator-app in" in visible_text(pages["2fa"])
    assert "Tweestapsverificatie" in pages["2fa"]
    assert "Beveilig je account met tweestapsverificatie" in pages["2fa setup"]
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan" in pages["password"]


# One word for each thing, on the screen and in the PDFs alike: the paper tool's own words
# (overleg, belangrijke momenten, wat helpt / wat hindert), and everyday words for jargon.
FORBIDDEN = {
    "bijeenkomst": "overleg",
    "kernmoment": "belangrijk moment",
    "belemmer": "hindert",
    "twee-factor": "tweestapsverificatie",
    "tweefactor": "tweestapsverificatie",
    "aanmeld": "inloggen",
    "afmeld": "uitloggen",
    "domein": "gebied",
    "aanbieder": "door wie",
    "concept": "alleen voor mij",
    "factor": "wat helpt of hindert",
}
# English words as well: in the templates, whose source strings are English, only these.
DUTCH_ONLY = [word for word in FORBIDDEN if word not in ("concept", "factor")]
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def dutch_strings() -> list[str]:
    """Every msgstr of the project's catalogue, its lines joined."""
    text = CATALOGUE.read_text(encoding="utf-8")
    found = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, flags=re.M)
    return ["".join(re.findall(r'"(.*)"', block)) for block in found]


def test_the_catalogue_uses_one_word_for_each_thing_and_je():
    strings = dutch_strings()
    assert len(strings) > 500
    for text in strings:
        # The monitor's *leerbijeenkomst* (issue 15) is a name of its own; a case's meeting
        # is still an overleg.
        lowered = text.lower().replace("leerbijeenkomst", "")
        assert not [word for word in FORBIDDEN if word in lowered], text
        assert not FORMAL.search(text), text


def test_templates_hold_no_other_dutch_word():
    templates = [
        path
        for path in Path(settings.BASE_DIR).glob("**/templates/**/*")
        if path.suffix in (".html", ".txt")
    ]
    assert len(templates) > 40
    for path in templates:
        text = path.read_text(encoding="utf-8").lower()
        assert not [word for word in DUTCH_ONLY if word in text], path


@pytest.mark.parametrize(
    "english, dutch",
    [
        ("Meeting report", "Verslag van het overleg"),
        ("Meeting of", "Overleg van"),
        ("Key moments", "Belangrijke momenten"),
        ("Key moments on the timeline", "Belangrijke momenten op de tijdlijn"),
        ("What helps", "Wat helpt"),
        ("What hinders", "Wat hindert"),
        ("factor", "wat helpt of hindert"),
        ("private draft", "alleen voor mij (nog niet delen)"),
        ("domain", "gebied"),
        ("provider", "door wie"),
        ("Provider", "Door wie"),
        ("Two-Factor Authentication", "Tweestapsverificatie"),
    ],
)
def test_the_chosen_words(english, dutch):
    with translation.override("nl"):
        assert translation.gettext(english) == dutch


@pytest.mark.django_db
def test_the_pdfs_use_the_same_words(manager_client, story):
    from rondom.documents.timeline_sheets import blank_cards_pdf
    from rondom.meetings.models import Factor, KeyMoment

    from .documents.pdf_reading import all_text, read_pdf

    meeting = story["meeting"]
    Factor.objects.create(meeting=meeting, kind=Factor.Kind.HELPING, text="Vaste juf")
    Factor.objects.create(meeting=meeting, kind=Factor.Kind.HINDERING, text="Veel wisselingen")
    KeyMoment.objects.create(meeting=meeting, card=story["help_card"], note="keerpunt")
    args = [story["case"].pk, meeting.pk]
    report = manager_client.get(reverse("documents:meeting_report", args=args)).content
    card = manager_client.get(reverse("documents:agreements_card", args=args)).content
    texts = {
        "report": all_text(read_pdf(report)),
        "agreements card": all_text(read_pdf(card)),
        "blank cards": all_text(read_pdf(blank_cards_pdf())),
    }
    assert "Verslag van het overleg" in texts["report"]
    assert "Belangrijke momenten" in texts["report"]
    assert "Wat helpt Vaste juf Wat hindert Veel wisselingen" in texts["report"]
    assert "Overleg van" in texts["agreements card"]
    assert "Door wie" in texts["blank cards"]
    for name, text in texts.items():
        assert not [word for word in FORBIDDEN if word in text.lower()], name
