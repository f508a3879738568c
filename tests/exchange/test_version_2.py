"""Case file version 2: questions for help, satisfaction with the help and consent for figures,
and version 1 files that still import."""

import json
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from jsonschema import Draft202012Validator

from rondom.cases.access import access_for
from rondom.cases.models import Case
from rondom.exchange.document import ADDED_IN_2, schema
from rondom.exchange.export import export_case
from rondom.exchange.importer import import_case
from rondom.exchange.validation import FORMATS
from rondom.help.models import (
    HelpQuestion,
    HelpSatisfaction,
    Party,
    QuestionStatus,
    Satisfaction,
    SatisfactionReason,
)
from rondom.timeline.kinds import Domain
from rondom.timeline.models import Card

from ..conftest import coach_with_consent
from .normalise import without_ids
from .test_import_refusals import refused


@pytest.fixture
def good(full_story) -> dict:
    return export_case(full_story["case"])


def _questions(case: Case) -> list[tuple]:
    return [
        (q.domain, q.text, q.child.name if q.child else None, q.raised_by.name, q.date_text,
         q.starts_on, q.ends_on, q.precision, q.date_groups, q.status,
         q.card.text if q.card else None, q.created_by.email, q.created_at, q.updated_at)
        for q in HelpQuestion.objects.filter(case=case).order_by("pk")
    ]  # fmt: skip


def _answers(case: Case) -> list[tuple]:
    return [
        (a.participant.name, a.party, a.satisfaction, [r.reason for r in a.reasons.all()],
         a.remark, a.meeting.held_on if a.meeting else None, a.at_close, a.given_by.email,
         a.given_at)
        for a in HelpSatisfaction.objects.filter(case=case).order_by("given_at", "pk")
    ]  # fmt: skip


def _figures_consents(case: Case) -> list[tuple]:
    return [
        (c.given_by.name, c.recorded_by.email, c.recorded_at, c.withdrawn_at,
         c.withdrawn_by.email if c.withdrawn_by else None)
        for c in case.figures_consents.order_by("pk")
    ]  # fmt: skip


def _answered(case: Case) -> list[tuple]:
    return [
        (card.text, card.question.text)
        for card in Card.objects.filter(case=case, question__isnull=False).order_by("pk")
    ]


@pytest.mark.django_db
def test_the_round_trip_keeps_questions_satisfaction_and_figures_consent_exactly(full_story):
    original = full_story["case"]
    first = export_case(original)
    assert first["version"] == 2
    result = import_case(json.dumps(first), link_accounts=True)
    copy = Case.objects.get(pk=result.case.pk)
    assert (result.version, result.counts["help_questions"]) == (2, 2)
    assert (result.counts["help_satisfactions"], result.counts["figures_consents"]) == (2, 2)

    assert _questions(copy) == _questions(original)
    assert [q[:4] for q in _questions(copy)] == [
        ("social_emotional", "Sam trekt zich terug", "Sam", "Samira"),
        ("parenting", "Hulp bij opvoeden", None, "Inge Bakker"),
    ]
    assert _questions(copy)[0][4:9] == (
        "groep 3",
        date(2021, 8, 1),
        date(2022, 7, 31),
        "group",
        "3",
    )
    assert (
        _answered(copy)
        == _answered(original)
        == [("Speltherapie bij De Boom", "Sam trekt zich terug")]
    )
    assert _answers(copy) == _answers(original)
    parents, school = _answers(copy)
    assert parents[:7] == (
        "Samira", "parents", "satisfied", ["help_fits", "good_teamwork"],
        "Fijn dat school meedenkt", date(2024, 3, 1), False,
    )  # fmt: skip
    assert school[:7] == ("Inge Bakker", "school", "not_satisfied", ["waiting"], "", None, True)
    assert _figures_consents(copy) == _figures_consents(original)
    assert _figures_consents(copy)[0][3] == datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
    # Nothing points back into the original case.
    assert (
        not HelpQuestion.objects.filter(case=copy)
        .exclude(card__case=copy)
        .exclude(card__isnull=True)
    )
    assert not HelpSatisfaction.objects.filter(case=copy, meeting__isnull=False).exclude(
        meeting__case=copy
    )
    second = export_case(copy)
    assert without_ids(second) == without_ids(first)


@pytest.mark.django_db
def test_the_export_is_valid_against_the_version_2_schema(good):
    validator = Draft202012Validator(schema(2), format_checker=FORMATS)
    assert list(validator.iter_errors(good)) == []
    assert len(good["help_questions"]) == len(good["help_satisfactions"]) == 2


def test_the_version_2_schema_knows_every_choice_of_the_models():
    properties = schema(2)["properties"]
    question = properties["help_questions"]["items"]["properties"]
    assert question["domain"]["enum"] == list(Domain.values)
    assert question["status"]["enum"] == list(QuestionStatus.values)
    answer = properties["help_satisfactions"]["items"]["properties"]
    assert answer["party"]["enum"] == list(Party.values)
    assert answer["satisfaction"]["enum"] == list(Satisfaction.values)
    assert answer["reasons"]["items"]["enum"] == list(SatisfactionReason.values)
    assert answer["reasons"]["maxItems"] == len(SatisfactionReason.values)


def test_version_2_is_version_1_with_its_additions_and_nothing_else_changed():
    first, second = schema(1), json.loads(json.dumps(schema(2)))
    for name in ADDED_IN_2:
        del second["properties"][name]
        second["required"].remove(name)
    card = second["properties"]["cards"]["items"]
    del card["properties"]["question"]
    card["required"].remove("question")
    # Notes on cards came later still: optional, and left out of a card without any.
    del card["properties"]["notes"]
    for key in ("$id", "title", "description"):
        del first[key], second[key]
    del first["properties"]["version"], second["properties"]["version"]
    assert second == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("satisfaction", "heel_blij", "'heel_blij' is niet een van: 'satisfied', 'partly', "),
        ("party", "buren", "'buren' is niet een van: 'parents', "),
        ("reasons", ["waiting", "te_duur"], "'te_duur' is niet een van: 'needs_clear', "),
        ("reasons", ["waiting", "waiting"], "bevat dezelfde waarde twee keer"),
        ("mood", "blij", "onbekend veld mood"),
    ],
)
def test_the_schema_refuses_what_satisfaction_cannot_be(good, field, value, message):
    good["help_satisfactions"][1][field] = value
    errors = list(Draft202012Validator(schema(2)).iter_errors(good))
    assert len(errors) == 1 and list(errors[0].absolute_path)[:2] == ["help_satisfactions", 1]
    problems = refused(good)
    assert len(problems) == 1
    where = "help_satisfactions[1]" + ("" if field == "mood" else f".{field}")
    assert problems[0].startswith(f"{where}") and message in problems[0], problems


@pytest.mark.django_db
def test_a_question_whose_stored_interval_was_changed_is_refused_and_named(good):
    index, question = next(
        (i, q) for i, q in enumerate(good["help_questions"]) if q["date_text"] == "sinds 2020"
    )
    assert question["starts_on"] == "2020-01-01"
    import_case(json.dumps(good))  # untampered, it imports

    question["starts_on"] = "2019-01-01"
    # "sinds 2020" runs up to the day the question was saved, and the message gives that day.
    saved = timezone.localdate(datetime.fromisoformat(question["updated_at"]))
    assert question["ends_on"] == saved.isoformat()
    assert refused(good) == [
        f"help_questions[{index}]: de periode van hulpvraag {question['id']} (2019-01-01 tot "
        f"{saved}, period) volgt niet uit de datumtekst 'sinds 2020', die 2020-01-01 tot "
        f"{saved} geeft (period)"
    ]  # named by its place and id, not by its text


@pytest.mark.django_db
def test_a_card_whose_stored_start_was_changed_is_refused_by_its_place_and_id(good):
    index, card = next(
        (i, c) for i, c in enumerate(good["cards"]) if c["text"] == "Speltherapie bij De Boom"
    )
    card["starts_on"] = "2020-06-01"
    problems = refused(good)
    assert problems == [
        f"cards[{index}]: de periode van kaartje {card['id']} (2020-06-01 tot 2021-12-31, year) "
        "volgt niet uit de datumtekst '2021', die 2021-01-01 tot 2021-12-31 geeft (year)"
    ]


@pytest.mark.django_db
def test_a_question_of_a_family_with_one_child_follows_that_childs_career(good):
    """As on a card: "groep 3" for the whole family is read through the only child's career."""
    question = good["help_questions"][0]
    question["child"] = None
    assert import_case(json.dumps(good)).counts["help_questions"] == 2
    question["date_groups"] = ["4"]
    assert refused(good)[0].startswith("help_questions[0]: de periode van hulpvraag")


@pytest.mark.django_db
def test_only_a_help_card_in_the_questions_domain_answers_it(good):
    index = next(i for i, c in enumerate(good["cards"]) if c["question"] is not None)
    good["cards"][index]["domain"] = "learning"
    expected = f"cards[{index}].question: alleen een hulpkaartje in het gebied van de hulpvraag"
    assert refused(good)[0].startswith(expected)
    good["cards"][index].update(domain="social_emotional", kind="wellbeing")
    assert refused(good)[0].startswith(expected)


@pytest.mark.django_db
def test_references_of_the_new_parts_are_checked(good):
    good["cards"][0]["question"] = 4242
    good["help_questions"][0]["card"] = 4343
    good["help_satisfactions"][0]["meeting"] = 4444
    good["figures_consents"][0]["given_by"] = next(
        p["id"] for p in good["participants"] if p["role"] == "school"
    )
    problems = refused(good)
    assert "cards[0].question: verwijst naar 4242, dat niet in help_questions staat" in problems
    assert "help_questions[0].card: verwijst naar 4343, dat niet in cards staat" in problems
    assert "help_satisfactions[0].meeting: verwijst naar 4444, dat niet in meetings staat" in (
        problems
    )
    assert (
        "figures_consents[0].given_by: toestemming wordt gegeven door een ouder of verzorger"
        in (problems)
    )


@pytest.mark.django_db
def test_a_version_1_file_cannot_carry_version_2_parts(good):
    good["version"] = 1
    problems = refused(good)
    assert "(document): onbekend veld figures_consents, help_questions, help_satisfactions" in (
        problems
    )


def as_version_1(document: dict) -> dict:
    """What the export wrote before version 2."""
    document = json.loads(json.dumps(document))
    document["version"] = 1
    for name in ADDED_IN_2:
        del document[name]
    for card in document["cards"]:
        del card["question"]
    return document


@pytest.mark.django_db
def test_a_version_1_export_imports_as_before_without_questions(good, tmp_path, capsys):
    old = as_version_1(good)
    assert list(Draft202012Validator(schema(1), format_checker=FORMATS).iter_errors(old)) == []
    path = tmp_path / "oud.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    before = set(Case.objects.values_list("pk", flat=True))
    call_command("import_case", str(path), "--link-accounts")
    assert "Geïmporteerd als casus" in capsys.readouterr().out
    copy = Case.objects.exclude(pk__in=before).get()
    assert not copy.help_questions.exists() and not copy.help_satisfactions.exists()
    assert not copy.figures_consents.exists()
    assert not Card.objects.filter(case=copy, question__isnull=False).exists()
    again = export_case(copy)
    assert again["version"] == 2
    assert (again["help_questions"], again["help_satisfactions"]) == ([], [])
    assert without_ids(as_version_1(again)) == without_ids(old)


# A version 1 file as the export wrote it, by hand: one child with a school career, a parent
# and the school, three cards (one dated by group), a closed meeting and a consent.
VERSION_1 = {
    "format": "rondom-case",
    "version": 1,
    "exported_at": "2025-02-03T10:00:00+01:00",
    "scope": "full",
    "case": {"id": 7, "title": "Familie Oud", "is_anonymous": False,
             "created_at": "2024-09-02T08:15:00+02:00", "closed_at": None, "filed_in": "",
             "version": 1},
    "children": [{"id": 3, "name": "Noor", "date_of_birth": "2016-04-12", "version": 1}],
    "participants": [
        {"id": 11, "name": "Mo", "role": "parents", "letter": "M", "colour": "#1f77b4",
         "organisation": "", "function": "", "is_case_manager": False, "account": None,
         "version": 1},
        {"id": 12, "name": "Juf Ans", "role": "school", "letter": "A", "colour": "#ff7f0e",
         "organisation": "De Vlieger", "function": "ib", "is_case_manager": True,
         "account": "ans@vlieger.test", "version": 1},
    ],
    "school_periods": [
        {"id": 5, "child": 3, "kind": "school", "name": "De Vlieger",
         "start_text": "augustus 2020", "end_text": "", "starts_on": "2020-08-01",
         "ends_on": None, "note": "", "version": 1,
         "group_years": [{"school_year": 2020, "group": "1"}, {"school_year": 2021, "group": "2"},
                         {"school_year": 2022, "group": "3"}]},
    ],
    "cards": [
        {"id": 21, "child": 3, "kind": "help", "author": 11, "text": "Logopedie",
         "text_less_well": "", "provider": "Praktijk Taal", "with_whom": "", "aspect": "",
         "rating": "good", "domain": "learning", "date_text": "groep 2",
         "starts_on": "2021-08-01", "ends_on": "2022-07-31", "precision": "group",
         "date_groups": ["2"], "is_draft": False, "restricted_to": [],
         "restriction_reason": "", "version": 1, "created_at": "2024-09-10T09:00:00+02:00",
         "updated_at": "2024-09-10T09:00:00+02:00", "deleted_at": None,
         "revisions": [{"version": 1, "action": "created", "changed_by": "ans@vlieger.test",
                        "changed_at": "2024-09-10T09:00:00+02:00",
                        "changes": {"text": [None, "Logopedie"]}, "draft": False,
                        "author": 11, "restricted_to": None}]},
        {"id": 22, "child": None, "kind": "life_event", "author": 12, "text": "Verhuisd",
         "text_less_well": "", "provider": "", "with_whom": "", "aspect": "", "rating": "",
         "domain": "", "date_text": "maart 2019", "starts_on": "2019-03-01",
         "ends_on": "2019-03-31", "precision": "month", "date_groups": [], "is_draft": False,
         "restricted_to": [], "restriction_reason": "", "version": 1,
         "created_at": "2024-09-10T09:05:00+02:00", "updated_at": "2024-09-10T09:05:00+02:00",
         "deleted_at": None, "revisions": []},
        {"id": 23, "child": 3, "kind": "wellbeing", "author": 12, "text": "Nog open",
         "text_less_well": "", "provider": "", "with_whom": "", "aspect": "", "rating": "",
         "domain": "", "date_text": "", "starts_on": None, "ends_on": None, "precision": "none",
         "date_groups": [], "is_draft": False, "restricted_to": [], "restriction_reason": "",
         "version": 1, "created_at": "2024-09-10T09:06:00+02:00",
         "updated_at": "2024-09-10T09:06:00+02:00", "deleted_at": None, "revisions": []},
    ],
    "card_links": [],
    "card_hidings": [],
    "meetings": [
        {"id": 31, "held_on": "2024-10-01", "goal": "inform", "goal_text": "",
         "next_meeting_on": None, "filed_in": "", "created_by": "ans@vlieger.test",
         "closed_at": None, "version": 1, "frozen": None,
         "attendances": [{"participant": 11, "guest_name": "", "guest_role": "",
                          "present": True}],
         "notes": [{"step": 1, "text": "Kennismaken", "version": 1, "updated_by": None,
                    "updated_at": "2024-10-01T10:00:00+02:00"}],
         "factors": [], "key_moments": [{"card": 21, "note": ""}],
         "agreements": [{"id": 41, "what": "Oefenen thuis", "owner": 11,
                         "due_on": "2024-11-01", "status": "open", "status_set_by": None,
                         "status_set_at": None, "version": 1}]},
    ],
    "consents": [
        {"given_by": 11, "participant": 12, "organisation": None, "timeline": True,
         "meetings": True, "agreements": True, "purpose": "samen kijken",
         "valid_from": "2024-09-01", "valid_until": "2025-09-01", "recorded_by": None,
         "recorded_at": "2024-09-02T08:20:00+02:00", "withdrawn_at": None,
         "withdrawn_by": None},
    ],
}  # fmt: skip


@pytest.mark.django_db
def test_a_version_1_file_written_by_hand_imports(tmp_path, capsys):
    assert (
        list(Draft202012Validator(schema(1), format_checker=FORMATS).iter_errors(VERSION_1)) == []
    )
    path = tmp_path / "casus-v1.json"
    path.write_text(json.dumps(VERSION_1, indent=1), encoding="utf-8")
    call_command("import_case", str(path))
    out = capsys.readouterr().out
    case = Case.objects.get(title="Familie Oud")
    assert f"Geïmporteerd als casus {case.pk}: 1 children, 2 participants" in out
    assert "0 help_questions, 0 help_satisfactions, 0 figures_consents" in out
    cards = {card.text: card for card in case.cards.all()}
    assert (cards["Logopedie"].starts_on, cards["Logopedie"].precision) == (
        date(2021, 8, 1),
        "group",
    )
    assert cards["Logopedie"].question is None
    assert (cards["Verhuisd"].child, cards["Nog open"].starts_on) == (None, None)
    [meeting] = case.meetings.all()
    assert meeting.agreements.get().what == "Oefenen thuis"
    assert case.consents.get().purpose == "samen kijken"
    assert not case.help_questions.exists()


@pytest.mark.django_db
def test_a_hand_written_version_1_file_with_a_moved_group_is_refused(tmp_path):
    document = json.loads(json.dumps(VERSION_1))
    document["cards"][0]["starts_on"] = "2020-08-01"
    problems = refused(document)
    assert problems == [
        "cards[0]: de periode van kaartje 21 (2020-08-01 tot 2022-07-31, group) volgt niet uit "
        "de datumtekst 'groep 2', die 2021-08-01 tot 2022-07-31 geeft (group)"
    ]


@pytest.mark.django_db
def test_a_participants_copy_names_no_card_or_meeting_it_leaves_out(full_story, manager):
    coach = coach_with_consent(full_story, meetings=False, agreements=False)
    case = full_story["case"]
    copy = export_case(case, access_for(coach, case))
    card_ids = {card["id"] for card in copy["cards"]}
    assert copy["meetings"] == []
    assert [a["meeting"] for a in copy["help_satisfactions"]] == [None, None]
    shown_on = [q["card"] for q in copy["help_questions"]]
    assert all(card is None or card in card_ids for card in shown_on)
    assert [card["question"] for card in copy["cards"] if card["question"]] == [
        copy["help_questions"][0]["id"]
    ]
    # Accounts are named only for the reader, as everywhere in a participant's copy.
    named = [q["created_by"] for q in copy["help_questions"]]
    named += [a["recorded_by"] for a in copy["help_satisfactions"]]
    named += [c[key] for c in copy["figures_consents"] for key in ("recorded_by", "withdrawn_by")]
    assert set(named) == {None}
    full = export_case(case)
    assert {q["created_by"] for q in full["help_questions"]} == {manager.email}


@pytest.mark.django_db
def test_a_question_shown_on_a_card_kept_from_the_reader_names_no_card(full_story):
    coach = coach_with_consent(full_story)
    case = full_story["case"]
    question = HelpQuestion.objects.get(case=case, text="Sam trekt zich terug")
    kept = Card.objects.get(case=case, text="Alleen voor de school")
    question.card = kept
    question.save()
    copy = export_case(case, access_for(coach, case))
    assert kept.pk not in {card["id"] for card in copy["cards"]}
    assert next(q for q in copy["help_questions"] if q["id"] == question.pk)["card"] is None
    full = export_case(case)
    assert next(q for q in full["help_questions"] if q["id"] == question.pk)["card"] == kept.pk
