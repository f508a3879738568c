import pytest
from django.core.management import CommandError, call_command

from rondom.audit.models import AuditEvent

from .pdf_reading import A3_LANDSCAPE, A4_PORTRAIT, all_text, assert_size, read_pdf


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "size", "words"),
    [
        ("praatplaat", A3_LANDSCAPE, "Tijdlijn rondom Sam"),
        ("blank-timeline", A3_LANDSCAPE, "Tijdlijn rondom het kind"),
        ("blank-cards", A4_PORTRAIT, "Kaartjes voor de tijdlijn"),
        ("blank-agreements", A4_PORTRAIT, "Afsprakenkaart"),
        ("agreements", A4_PORTRAIT, "Gesprek met de RT'er"),
        ("report", A4_PORTRAIT, "Verslag van het overleg"),
        ("family", A4_PORTRAIT, "Onze gegevens in Rondom"),
    ],
)
def test_every_document_from_the_command_line(story, tmp_path, kind, size, words):
    path = tmp_path / "out.pdf"
    call_command(
        "print_document",
        kind,
        "-o",
        str(path),
        f"--case={story['case'].pk}",
        f"--meeting={story['meeting'].pk}",
        f"--participant={story['parent'].pk}",
    )
    pages = read_pdf(path.read_bytes())
    assert_size(pages, size)
    assert words in all_text(pages)
    logged = AuditEvent.objects.filter(case_id=story["case"].pk, reason="command line")
    assert logged.exists() == (not kind.startswith("blank"))


@pytest.mark.django_db
def test_print_command_explains_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="--case"):
        call_command("print_document", "praatplaat", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command(
            "print_document", "blank-timeline", "--born", "morgen", "-o", str(tmp_path / "x.pdf")
        )


@pytest.mark.django_db
def test_a_family_copy_for_someone_holds_only_what_their_consent_covers(story, tmp_path):
    """The copy printed for a participant asks the access policy as they would open the case:
    a consent without agreements leaves the agreements out."""
    from rondom.cases.models import Role

    from ..conftest import coach_with_consent

    coach = coach_with_consent(story, agreements=False)
    person = story["case"].participants.get(user=coach)
    path = tmp_path / "kopie.pdf"
    call_command("print_document", "family", "-o", str(path), f"--case={story['case'].pk}",
                 f"--participant={person.pk}")  # fmt: skip
    text = all_text(read_pdf(path.read_bytes()))
    assert "Speltherapie" in text and "Gesprek met de RT" not in text

    stranger = story["builder"].person("Zonder toestemming", Role.OTHER)
    with pytest.raises(CommandError):
        call_command("print_document", "family", "-o", str(path), f"--case={story['case'].pk}",
                     f"--participant={stranger.pk}")  # fmt: skip
