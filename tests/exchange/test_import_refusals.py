"""Bad case files are refused whole, with what is wrong and where, in Dutch."""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rondom.cases.models import Case
from rondom.core.limits import MAX_CARDS_PER_CHILD, MAX_CASE_FILE_BYTES
from rondom.exchange import importer
from rondom.exchange.dates import DATE_CHECKS
from rondom.exchange.document import format_paths, nesting, schema
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import CaseFileRefused
from rondom.timeline.models import Card


@pytest.fixture
def good(full_story) -> dict:
    return export_case(full_story["case"])


def refused(raw) -> list[str]:
    cases, cards = Case.objects.count(), Card.objects.count()
    with pytest.raises(CaseFileRefused) as caught:
        import_case(raw if isinstance(raw, (str, bytes)) else json.dumps(raw))
    assert (Case.objects.count(), Card.objects.count()) == (cases, cards)  # nothing imported
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.django_db
def test_a_truncated_file(good):
    text = json.dumps(good)
    problems = refused(text[: len(text) // 2])
    assert len(problems) == 1
    assert problems[0].startswith("bestand: Dit is geen geldige JSON (regel 1, kolom")
    assert problems[0].endswith("is het bestand compleet?")


@pytest.mark.django_db
def test_not_utf8_and_not_an_object(good):
    assert "geen UTF-8" in refused(b"\xff\xfe{}")[0]
    assert "één JSON-object" in refused("[1, 2]")[0]


@pytest.mark.django_db
def test_a_wrong_version_or_format(good):
    for version in (3, 0, True, "2"):
        assert refused({**good, "version": version}) == [
            f"version: Versie {version!r} van het casusbestand wordt niet ondersteund; deze "
            "Rondom leest versie 1 tot en met 2."
        ]
    assert "geen casusbestand van Rondom" in refused({**good, "format": "iets"})[0]


@pytest.mark.django_db
def test_unknown_and_missing_fields_are_named_with_their_place(good):
    good["cards"][2]["colour"] = "rood"
    del good["children"][0]["name"]
    problems = refused(good)
    assert "cards[2]: onbekend veld colour" in problems
    assert "children[0]: het veld name ontbreekt" in problems


@pytest.mark.django_db
def test_wrong_values(good):
    good["cards"][0]["kind"] = "roddel"
    good["cards"][1]["starts_on"] = "31-02-2020"
    good["participants"][0]["colour"] = "red"
    good["children"][0]["date_of_birth"] = 20150301
    problems = refused(good)
    assert any(p.startswith("cards[0].kind: 'roddel' is niet een van:") for p in problems)
    assert "cards[1].starts_on: '31-02-2020' is geen datum zoals 2024-03-31" in problems
    assert "participants[0].colour: 'red' is geen kleur zoals #1a2b3c" in problems
    assert "children[0].date_of_birth: moet van het type string of null zijn" in problems


@pytest.mark.django_db
def test_broken_references(good):
    good["cards"][0]["author"] = 999999
    good["meetings"][0]["agreements"][0]["owner"] = 888888
    good["card_links"][0]["second"] = 777777
    problems = refused(good)
    assert "cards[0].author: verwijst naar 999999, dat niet in participants staat" in problems
    assert (
        "meetings[0].agreements[0].owner: verwijst naar 888888, dat niet in participants staat"
        in problems
    )
    assert "card_links[0].second: verwijst naar 777777, dat niet in cards staat" in problems


@pytest.mark.django_db
def test_doubles_the_database_would_refuse(good):
    restricted = next(i for i, c in enumerate(good["cards"]) if c["restricted_to"])
    good["cards"][restricted]["restricted_to"] *= 2
    good["school_periods"][0]["group_years"].append(good["school_periods"][0]["group_years"][0])
    problems = refused(good)
    assert f"cards[{restricted}].restricted_to: noemt iemand twee keer" in problems
    assert "school_periods[0].group_years: heeft een schooljaar twee keer" in problems


@pytest.mark.django_db
def test_duplicate_ids(good):
    good["children"].append(dict(good["children"][0]))
    child_id = good["children"][0]["id"]
    assert f"children[1].id: de id {child_id} komt twee keer voor" in refused(good)


CONTROL = "Deze tekst bevat een onzichtbaar stuurteken. Haal het weg en probeer het opnieuw."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        ("Nul\x00byte", CONTROL),
        ("Bel\x07", CONTROL),
        ("half \ud800 teken", "Deze tekst bevat kapotte tekens. Typ of plak hem opnieuw."),
        ("x" * 2001, "is langer dan 2000 tekens"),
    ],
)
def test_hostile_strings(good, hostile, message):
    good["cards"][0]["text"] = hostile
    assert f"cards[0].text: {message}" in refused(good)


@pytest.mark.django_db
def test_markup_is_kept_as_plain_text(good):
    good["cards"][0]["text"] = "<script>alert(1)</script> & <b>vet</b>"
    case = import_case(json.dumps(good)).case
    assert case.cards.filter(text__startswith="<script>").exists()


@pytest.mark.django_db
def test_a_failure_halfway_leaves_nothing_behind(good, monkeypatch):
    def fail(self, case):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer._Importer, "_consents", fail)
    cases, cards = Case.objects.count(), Card.objects.count()
    with pytest.raises(RuntimeError):
        import_case(json.dumps(good))
    assert (Case.objects.count(), Card.objects.count()) == (cases, cards)


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(good):
    good["case"]["filed_in"] = " " * 300
    text = json.dumps(good)
    padded = text[:-1] + " " * (MAX_CASE_FILE_BYTES - len(text)) + "}"
    assert len(padded.encode()) == MAX_CASE_FILE_BYTES
    import_case(padded)  # exactly at the limit is fine
    problems = refused((padded + " ").encode())
    assert problems == [
        "bestand: Het bestand is groter dan 5 MB, het meeste dat een casusbestand mag zijn."
    ]


@pytest.mark.django_db
def test_more_cards_on_one_timeline_than_the_limit_is_refused_before_the_schema_is_read(good):
    card = next(c for c in good["cards"] if c["child"] is not None and not c["deleted_at"])
    present = sum(1 for c in good["cards"] if not c["deleted_at"])
    good["cards"] += [
        {**card, "id": 10_000 + n, "revisions": []}
        for n in range(MAX_CARDS_PER_CHILD - present + 1)
    ]
    problems = refused(good)
    assert problems == [
        "cards: Er zouden 1001 kaartjes op de tijdlijn van één kind komen, die over het hele "
        "gezin meegeteld; een tijdlijn heeft er ten hoogste 1000."
    ]
    good["cards"].pop()
    assert import_case(json.dumps(good)).counts["cards"] == len(good["cards"])


@pytest.mark.django_db
def test_deleted_cards_do_not_count_towards_the_limit(good):
    card = next(c for c in good["cards"] if c["child"] is not None)
    good["cards"] += [
        {**card, "id": 10_000 + n, "revisions": [], "deleted_at": card["updated_at"]}
        for n in range(MAX_CARDS_PER_CHILD)
    ]
    assert import_case(json.dumps(good)).counts["cards"] == len(good["cards"])


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [100_000, 990, 50])
def test_deep_nesting_gets_a_message_not_a_traceback(good, depth):
    deep = "[" * depth + "]" * depth
    problems = refused(f'{{"format": "rondom-case", "version": 1, "x": {deep}}}')
    assert problems == [
        ("bestand" if depth > 10_000 else "x" + "[0]" * (nesting(schema()) - 1))
        + ": Het bestand nest objecten en lijsten dieper dan een casusbestand ooit doet."
    ]


@pytest.mark.django_db
def test_nesting_where_the_schema_allows_any_value_is_refused_too(good):
    revision = next(r for c in good["cards"] for r in c["revisions"])
    nested: list = []
    for _ in range(500):
        nested = [nested]
    revision["changes"]["text"] = nested
    problems = refused(good)
    assert len(problems) == 1
    assert problems[0].endswith("dieper dan een casusbestand ooit doet.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9" * 5000, "Het bestand bevat een getal dat veel te groot is."),
        ("1.5", "Het bestand bevat het getal 1.5; een casusbestand heeft alleen gehele getallen."),
        (
            "1e999",
            "Het bestand bevat het getal 1e999; een casusbestand heeft alleen gehele getallen.",
        ),
        ("NaN", "Het bestand bevat NaN, en dat is geen getal."),
        ("-Infinity", "Het bestand bevat -Infinity, en dat is geen getal."),
    ],
)
def test_numbers_a_case_file_never_holds(good, number, message):
    text = json.dumps(good).replace('"version": 1,', f'"version": {number},', 1)
    assert refused(text) == [f"bestand: {message}"]


@pytest.mark.django_db
def test_a_large_number_in_range_of_python_but_not_of_the_file(good):
    good["cards"][0]["version"] = 10**19
    assert refused(good) == [
        "cards[0].version: het getal 10000000000000000000 valt buiten het bereik"
    ]


@pytest.mark.django_db
def test_moments_outside_the_calendar_or_in_the_future(good):
    good["cards"][0]["updated_at"] = "9999-12-31T23:00:00-05:00"
    good["case"]["closed_at"] = "2999-01-01T00:00:00+00:00"
    good["exported_at"] = "0001-01-01T00:00:00+05:00"
    problems = refused(good)
    message = "Geef een tijdstip tussen 1990 en nu."
    assert f"cards[0].updated_at: {message}" in problems
    assert f"case.closed_at: {message}" in problems
    assert f"exported_at: {message}" in problems


@pytest.mark.django_db
def test_every_date_in_the_schema_has_a_range():
    assert set(format_paths(schema(), "date")) == set(DATE_CHECKS)


@pytest.mark.django_db
def test_a_card_whose_interval_does_not_follow_from_its_text_is_named(good):
    index, card = next((i, c) for i, c in enumerate(good["cards"]) if c["date_text"] == "2021")
    card["starts_on"] = "2020-01-01"
    assert refused(good) == [
        f"cards[{index}]: de periode van kaartje {card['id']} (2020-01-01 tot 2021-12-31, year) "
        "volgt niet uit de datumtekst '2021', die 2021-01-01 tot 2021-12-31 geeft (year)"
    ]


@pytest.mark.django_db
def test_a_group_date_follows_the_school_career_in_the_file(good):
    index = next(i for i, c in enumerate(good["cards"]) if c["date_text"] == "groep 3")
    for group_year in good["school_periods"][0]["group_years"]:
        group_year["school_year"] += 1
    question = next(q for q in good["help_questions"] if q["date_text"] == "groep 3")
    problems = refused(good)
    assert len(problems) == 2
    assert problems[0].startswith(f"cards[{index}]: de periode van kaartje")
    assert problems[1].startswith(f"help_questions[0]: de periode van hulpvraag {question['id']}")
    assert all("die 2022-08-01 tot 2023-07-31 geeft (group)" in p for p in problems)


@pytest.mark.django_db
def test_a_period_up_to_now_is_read_on_the_day_the_card_was_saved(story):
    case = story["case"]
    card = story["builder"].card("home", story["parent"], "sinds 2019", "Bij oma", story["child"])
    document = export_case(case)
    entry = next(c for c in document["cards"] if c["id"] == card.pk)
    # Exported long after it was saved: the period still ends on the day it was saved.
    saved = "2023-05-02T10:00:00+00:00"
    entry.update(ends_on="2023-05-02", created_at=saved, updated_at=saved)
    for revision in entry["revisions"]:
        revision["changed_at"] = saved
    assert import_case(json.dumps(document)).case.cards.filter(ends_on="2023-05-02").exists()
    entry["ends_on"] = "2024-05-02"
    assert refused(document)[0].startswith("cards[")


@pytest.mark.django_db
def test_end_before_start_and_school_years_out_of_range(good):
    good["school_periods"][0]["ends_on"] = "2000-01-01"
    good["school_periods"][0]["group_years"][0]["school_year"] = 1900
    good["consents"][0]["valid_until"] = "2000-01-01"
    problems = refused(good)
    assert "school_periods[0].ends_on: Het einde ligt vóór het begin." in problems
    assert (
        "school_periods[0].group_years[0].school_year: "
        "De schooljaren moeten tussen 1990 en 2100 liggen." in problems
    )
    assert "consents[0].valid_until: Het einde ligt vóór het begin." in problems


def _places(document, where=()):
    yield where
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _places(value, (*where, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _places(value, (*where, index))


tricky = ["2021", "2024-02-30", "9999-12-31", "0001-01-01T00:00:00+05:00", "groep 4"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.sampled_from(tricky),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_value_anywhere_is_imported_or_refused_with_a_message(good, data):
    places = [where for where in _places(good) if where]
    where = data.draw(st.sampled_from(places))
    document = copy.deepcopy(good)
    container = document
    for part in where[:-1]:
        container = container[part]
    container[where[-1]] = data.draw(json_values)
    try:
        import_case(json.dumps(document))
    except CaseFileRefused as refusal:
        assert refusal.problems


@pytest.mark.django_db
def test_an_older_file_keeps_each_draft_version_to_its_author(good, manager):
    """A file from before versions recorded who could read them: the history is replayed, so
    a version written as a private draft stays its author's, also for the case manager."""
    card = next(c for c in good["cards"] if c["revisions"])
    author = card["author"]
    card["revisions"] = [
        {**card["revisions"][0], "version": 1, "action": "created",
         "changes": {"text": [None, "GEHEIM CONCEPT"], "is_draft": [None, True],
                     "author": [None, author]}},
        {**card["revisions"][0], "version": 2, "action": "shared",
         "changes": {"text": ["GEHEIM CONCEPT", card["text"]], "is_draft": [True, False]}},
    ]  # fmt: skip
    for revision in card["revisions"]:
        for key in ("draft", "author", "restricted_to"):
            revision.pop(key, None)
    case = import_case(json.dumps(good)).case
    imported = Card.objects.get(case=case, text=card["text"], kind=card["kind"])
    first, second = imported.revisions.order_by("version")
    assert first.draft and not second.draft and first.author_id == imported.author_id


@pytest.mark.django_db
def test_a_history_change_a_card_cannot_have_is_refused(good):
    card = next(c for c in good["cards"] if c["revisions"])
    card["revisions"][0]["changes"] = {"bogus": [1, 2], "restricted_to": [1, 2]}
    problems = refused(good)
    assert len([p for p in problems if "geen wijziging die een kaartje kan hebben" in p]) == 2
