"""In a real chromium: download the praatplaat of the demo case from the timeline page."""

from pathlib import Path

import pytest
from django.core.management import call_command

from rondom.audit.models import AuditEvent
from rondom.demo.cases import PAPER_CASE

from ..documents.pdf_reading import A3_LANDSCAPE, all_text, assert_size, read_pdf
from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_download_the_praatplaat_from_the_timeline(page, live_server):
    call_command("demo")
    log_in(page, live_server.url, "ib@rondom.test")
    page.get_by_role("link", name=PAPER_CASE).click()
    page.get_by_role("link", name="Tijdlijn openen").click()

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Praatplaat (A3-pdf)").click()
    download = waiting.value
    assert download.suggested_filename == "praatplaat-yassin.pdf"
    data = Path(download.path()).read_bytes()

    pages = read_pdf(data)
    assert_size(pages, A3_LANDSCAPE)
    text = all_text(pages)
    assert "Tijdlijn rondom Yassin" in text and "Vertrouwelijk" in text
    assert "Thuisonderwijs (covid)" in text  # the home-schooling period of the paper example
    assert AuditEvent.objects.filter(channel=AuditEvent.Channel.PRINT).count() == 1
