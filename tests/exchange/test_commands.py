import json

import pytest
from django.core.management import CommandError, call_command

from rondom.audit.models import AuditEvent
from rondom.cases.models import Case


@pytest.mark.django_db
def test_export_case_and_import_case_on_the_command_line(full_story, tmp_path, capsys):
    path = tmp_path / "case.json"
    call_command("export-case", str(full_story["case"].pk), "-o", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["case"]["title"] == "Familie Test"
    assert AuditEvent.objects.filter(
        case_id=full_story["case"].pk, channel=AuditEvent.Channel.EXPORT
    ).exists()

    call_command("import-case", str(path))
    out = capsys.readouterr().out
    assert "Geïmporteerd als casus" in out
    assert Case.objects.filter(title="Familie Test").count() == 2


@pytest.mark.django_db
def test_import_case_lists_the_problems_and_imports_nothing(full_story, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "rondom-case", "version": 1}', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import-case", str(path))
    message = str(caught.value)
    assert message.startswith("Er is niets geïmporteerd. Problemen in het bestand:")
    assert "het veld cards ontbreekt" in message
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_unknown_case_and_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Er is geen casus 424242"):
        call_command("export-case", "424242", "-o", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import-case", str(tmp_path / "missing.json"))
