"""Bad case files are refused whole, with what is wrong and where, in Dutch."""

import json

import pytest

from rondom.cases.models import Case
from rondom.exchange import importer
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
    assert refused({**good, "version": 2}) == [
        "version: Versie 2 van het casusbestand wordt niet ondersteund; deze Rondom leest versie 1."
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        ("Nul\x00byte", "bevat een stuurteken"),
        ("Bel\x07", "bevat een stuurteken"),
        ("half \ud800 teken", "bevat kapotte Unicode"),
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
