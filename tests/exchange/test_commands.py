import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rondom.accounts.models import User
from rondom.audit.models import AuditEvent
from rondom.cases.models import Case
from rondom.exchange.export import export_case


@pytest.mark.django_db
def test_export_case_and_import_case_on_the_command_line(full_story, tmp_path, capsys):
    path = tmp_path / "case.json"
    call_command("export_case", str(full_story["case"].pk), "-o", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["case"]["title"] == "Familie Test"
    assert AuditEvent.objects.filter(
        case_id=full_story["case"].pk, channel=AuditEvent.Channel.EXPORT
    ).exists()

    call_command("import_case", str(path))
    out = capsys.readouterr().out
    assert "Geïmporteerd als casus" in out
    assert Case.objects.filter(title="Familie Test").count() == 2


@pytest.mark.django_db
def test_import_case_lists_the_problems_and_imports_nothing(full_story, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "rondom-case", "version": 1}', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_case", str(path))
    message = str(caught.value)
    assert message.startswith("Er is niets geïmporteerd. Problemen in het bestand:")
    assert "het veld cards ontbreekt" in message
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_unknown_case_and_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Er is geen casus 424242"):
        call_command("export_case", "424242", "-o", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import_case", str(tmp_path / "missing.json"))


def write_case(story, tmp_path, **accounts) -> Path:
    """The story's case as a file, with participants' accounts set by participant name."""
    document = export_case(story["case"])
    for participant in document["participants"]:
        participant["account"] = accounts.get(participant["name"], participant["account"])
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def imported_case(before: set[int]) -> Case:
    return Case.objects.exclude(pk__in=before).get()


@pytest.mark.django_db
def test_without_link_accounts_nobody_is_linked_and_the_command_says_who_could_be(
    story, tmp_path, capsys, manager, parent_user
):
    before = set(Case.objects.values_list("pk", flat=True))
    call_command("import_case", str(write_case(story, tmp_path)))
    out = capsys.readouterr().out
    case = imported_case(before)
    assert not case.participants.filter(user__isnull=False).exists()
    assert "niet gekoppeld" in out and "--link-accounts" in out
    assert f"  - {manager.email}: Inge Bakker (school)" in out
    assert f"  - {parent_user.email}: Samira (ouders)" in out


@pytest.mark.django_db
def test_with_link_accounts_they_are_linked_and_named(
    story, tmp_path, capsys, manager, parent_user
):
    before = set(Case.objects.values_list("pk", flat=True))
    call_command("import_case", str(write_case(story, tmp_path)), "--link-accounts")
    out = capsys.readouterr().out
    case = imported_case(before)
    assert {p.user for p in case.participants.all()} == {manager, parent_user}
    assert "Gekoppeld aan hun bestaande accounts" in out
    assert f"  - {parent_user.email}: Samira (ouders)" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accounts", "problem"),
    [
        (
            {"Inge Bakker": "ouder@home.test", "Samira": None},
            "participants[0].account: ouder@home.test is hier het account van een ouder en past "
            "niet bij de rol school",
        ),
        (
            {"Samira": "outsider@else.test"},
            "participants[1].account: outsider@else.test is hier het account van een professional "
            "en past niet bij de rol ouders",
        ),
    ],
)
def test_an_account_of_the_wrong_kind_is_refused_and_nothing_imported(
    story, tmp_path, outsider, accounts, problem
):
    cases = Case.objects.count()
    for flags in ([], ["--link-accounts"]):
        with pytest.raises(CommandError) as caught:
            call_command("import_case", str(write_case(story, tmp_path, **accounts)), *flags)
        assert f"  - {problem}" in str(caught.value)
    assert Case.objects.count() == cases


@pytest.mark.django_db
def test_a_site_admin_is_never_linked(story, tmp_path, capsys):
    admin = User.objects.create_superuser("beheer@rondom.test", "secret-pass-1")
    before = set(Case.objects.values_list("pk", flat=True))
    path = write_case(story, tmp_path, **{"Samira": admin.email})
    call_command("import_case", str(path), "--link-accounts")
    out = capsys.readouterr().out
    case = imported_case(before)
    assert not case.participants.filter(user=admin).exists()
    assert "accounts van sitebeheerders" in out and admin.email in out


@pytest.mark.django_db
def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(70 * 1024 * 1024)
    with pytest.raises(CommandError, match="groter dan 5 MB"):
        call_command("import_case", str(path))


@pytest.mark.django_db
def test_an_account_stored_with_capitals_is_still_matched(story, tmp_path):
    """An address can be stored with capitals (an account added in the admin); the check on
    the account's kind must not miss it."""
    User.objects.filter(email="outsider@else.test").delete()
    User.objects.create(email="Buiten@Else.test", kind=User.Kind.PROFESSIONAL)
    with pytest.raises(CommandError, match="past niet bij de rol ouders"):
        call_command("import_case", str(write_case(story, tmp_path, Samira="buiten@else.test")))
