"""A card's markup is what the included template made of it, byte for byte.

`card_before/timeline/` holds the card template the timeline used before its cards were
built in Python (`rondom.timeline.card_markup`), unchanged; the e2e tests, the stylesheet and
screen readers rely on that markup. Each case renders both with the same context.
"""

from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from rondom.cases.models import Case, Child, Participant
from rondom.timeline.kinds import CardKind, Domain, HomeAspect, Rating
from rondom.timeline.layout import Placed
from rondom.timeline.models import Card, CardNote
from rondom.timeline.presentation import add_labels, card_texts

BEFORE = Engine(dirs=[str(Path(__file__).parent / "card_before")])

CASE = Case(pk=7, title="Familie")
SAM = Child(pk=11, case=CASE, name="Sam", date_of_birth=date(2015, 3, 1))
NOOR = Child(pk=12, case=CASE, name="Noor", date_of_birth=date(2017, 5, 1))
MOTHER = Participant(pk=3, case=CASE, name='Samira "Sam" <b>&</b>', letter="M", colour="#b3261e")
SCHOOL = Participant(pk=4, case=CASE, name="Inge Bakker", letter="S", colour="#0b57d0")
HOSTILE = "<script>alert(\"x\")</script> & 'quotes'\r\nsecond line\rthird"


def card(pk: int, **fields) -> Card:
    values = {"case": CASE, "kind": CardKind.LIFE_EVENT, "author": SCHOOL, "text": "Verhuisd"}
    return Card(pk=pk, **(values | fields))


CARDS = {
    "every field filled": (
        card(
            41,
            kind=CardKind.HELP,
            author=MOTHER,
            text=HOSTILE,
            text_less_well="less <i>well</i>\nand more",
            provider="Jeugdteam <Centrum> & co",
            with_whom="de RT'er",
            aspect=HomeAspect.HOUSING,
            rating=Rating.GOOD,
            domain=Domain.LEARNING,
            date_text="2019 - nu",
            is_draft=True,
        ),
        Placed(None, 3, 40, lane=2, before_axis=True, after_axis=True, order=5),
    ),
    "development, not good, no date": (
        card(
            42,
            kind=CardKind.DEVELOPMENT,
            child=SAM,
            text="Leest goed, en schrijft e\u0301e\u0301n verhaal per week over thuis.",
            text_less_well="Rekenen",
            rating=Rating.NOT_GOOD,
        ),
        None,
    ),
    "neutral, forty characters, about the family": (
        card(43, text="x" * 40, rating=Rating.NEUTRAL, date_text="groep 3"),
        Placed(None, 1, 19, order=1),
    ),
    "plain, on the grid": (card(44, child=SAM, date_text="maart 2018"), Placed(None, 30, 48)),
    "development, only what goes less well": (
        card(45, kind=CardKind.DEVELOPMENT, child=SAM, text="", text_less_well="Rekenen " * 9),
        Placed(None, 50, 68),
    ),
    "with notes from outside the case": (
        card(46, kind=CardKind.POLICY, child=SAM, text="Wachtlijst", date_text="2024"),
        Placed(None, 70, 88),
    ),
}
CARDS["with notes from outside the case"][0].shown_notes = [
    CardNote(label="Doorgezet naar het netwerk (november 2026)", text=""),
    CardNote(label="Antwoord <van> het netwerk", text=HOSTILE),
]


def context(children: list, child=SAM) -> dict:
    return {"texts": card_texts(), "case": CASE, "child": child, "children": children}


def both(the_card: Card, placed, extra: dict, may_edit: bool = True) -> tuple[str, str]:
    add_labels([the_card])
    the_card.may_edit = may_edit
    values = extra | {"card": the_card, "placed": placed}
    before = BEFORE.get_template("timeline/_card.html").render(Context(values))
    now = get_template("timeline/_card.html").render(values)
    return before, now


@pytest.mark.parametrize("name", list(CARDS))
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("children", [[SAM], [SAM, NOOR]], ids=["one child", "two children"])
@pytest.mark.parametrize("may_edit", [True, False], ids=["editable", "read only"])
def test_a_card_is_the_markup_the_template_made(name, language, children, may_edit):
    the_card, placed = CARDS[name]
    with translation.override(language):
        before, now = both(the_card, placed, context(children), may_edit)
    assert now == before
    assert ("tl-card__edit" in now) == may_edit


def test_a_card_only_this_person_may_read_offers_no_edit_link():
    now = both(*CARDS["plain, on the grid"], context([SAM]), may_edit=False)[1]
    assert "/edit/" not in now and "hx-get" not in now


def test_a_development_card_with_only_a_concern_shows_no_empty_half():
    now = both(*CARDS["development, only what goes less well"], context([SAM]))[1]
    assert "tl-plus" not in now and "tl-minus" in now
    assert '<span class="rondom-visually-hidden">: Rekenen Rekenen' in now  # the link names it


@pytest.mark.parametrize("extra", [{"child": None}, {}], ids=["child None", "no child"])
def test_a_card_without_a_child_or_children_in_the_page(extra):
    """The history of a family card gives child=None; the merge page has no `children`."""
    the_card, placed = CARDS["every field filled"]
    before, now = both(the_card, placed, {"texts": card_texts(), "case": CASE} | extra)
    assert now == before
    assert 'href="/cases/7/cards/41/edit/?child="' in now


def test_text_stays_text():
    now = both(*CARDS["every field filled"], context([SAM, NOOR]))[1]
    assert "<script>" not in now and "<b>&" not in now and "<Centrum>" not in now
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;" in now
    assert "<br>second line<br>third" in now


def test_the_edit_address_is_the_one_reversed_for_each_card():
    now = both(*CARDS["plain, on the grid"], context([SAM]))[1]
    url = reverse("timeline:card_edit", args=[CASE.pk, 44]) + f"?child={SAM.pk}"
    assert f'href="{url}" hx-get="{url}"' in now


@pytest.mark.django_db
def test_the_timeline_page_holds_each_card_as_the_template_made_it(story, manager_client):
    b, child = story["builder"], story["child"]
    b.child("Noor", date(2017, 5, 1))  # a second child, so family cards say so
    b.card(
        CardKind.HOME,
        story["parent"],
        "2019 - nu",
        HOSTILE,
        None,
        text_less_well="minder <i>goed</i>",
        provider="Jeugdteam <Centrum>",
        with_whom="de RT'er",
        aspect=HomeAspect.HOUSING,
        rating=Rating.NEUTRAL,
        domain=Domain.PARENTING,
    )
    b.card(CardKind.HELP, b.manager, "1990", "Before the axis", child, rating=Rating.NOT_GOOD)
    b.card(CardKind.WELLBEING, b.manager, "2021", "Mijn concept", child, is_draft=True)
    url = reverse("timeline:child", args=[story["case"].pk, child.pk])
    with translation.override("nl"):
        response = manager_client.get(url)
        html = response.content.decode()
        page = response.context
        shown = [(placed.item, placed) for laid in page["layout"].rows for placed in laid.items]
        shown = [(card, placed) for card, placed in shown if isinstance(card, Card)]
        shown += [(card, None) for card in page["layout"].unplaced]
        values = {key: page[key] for key in ("texts", "case", "child", "children")}
        assert len(shown) == 7  # the four of the story and the three above
        for card, placed in shown:
            before = BEFORE.get_template("timeline/_card.html").render(
                Context(values | {"card": card, "placed": placed})
            )
            assert before in html, card.text
    assert "<script>alert" not in html
