"""Turn templates into PDFs, and a long document into parts drawn side by side.

WeasyPrint lays out in pure Python on one core. A praatplaat of hundreds of cards is
therefore cut into parts at a lane boundary when cores are free; helper processes draw the
parts at the same time and the pages are joined afterwards. The helpers live as long as the
server process.
"""

import io
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

import pypdfium2
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from .rendering import html_to_pdf

logger = logging.getLogger(__name__)
_pool: ProcessPoolExecutor | None = None


def static_roots() -> list[str]:
    return [str(folder) for folder in settings.STATICFILES_DIRS]


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context), static_roots())


def draw_in_parts(usable_cores: int, load: float) -> bool:
    """Whether drawing a long document in parts side by side will be faster than in one go.

    Parts pay off when each helper gets a core to itself. On cores that are busy already,
    the helpers compete with the other work and with each other: they take time from the
    other requests, and starting them, sending the HTML over and joining the PDFs come on
    top, so the sheet itself can come out slower as well (with both cores of a machine busy,
    one praatplaat took 5.8 s in parts against 3.2 s in one process). So parts only with at
    least two usable cores and a load over the last minute that leaves more than one of them
    idle. `load` is that 1-minute load average.
    """
    return usable_cores >= 2 and load < usable_cores - 1


def usable_cores() -> int:
    """The cores this process may run on, which can be fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def load_average() -> float:
    """The 1-minute load average; infinite where it cannot be read, so nothing is split."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("inf")


def cores_are_free() -> bool:
    return draw_in_parts(usable_cores(), load_average())


def _helpers() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # "spawn": a fresh interpreter, because forking a threaded server is not safe.
        _pool = ProcessPoolExecutor(settings.PDF_WORKERS, mp_context=get_context("spawn"))
    return _pool


def join_pdfs(parts: list[bytes]) -> bytes:
    joined = pypdfium2.PdfDocument.new()
    for part in parts:
        joined.import_pages(pypdfium2.PdfDocument(part))
    out = io.BytesIO()
    joined.save(out)
    return out.getvalue()


def render_parts(htmls: list[str]) -> bytes:
    """Several HTML documents as one PDF, their pages in order."""
    global _pool
    roots = static_roots()
    if len(htmls) == 1:
        return html_to_pdf(htmls[0], roots)
    if settings.PDF_WORKERS < 2:
        return join_pdfs([html_to_pdf(html, roots) for html in htmls])
    try:
        parts = list(_helpers().map(html_to_pdf, htmls, [roots] * len(htmls)))
    except BrokenProcessPool:
        logger.warning("PDF helper processes stopped; drawing in the server process")
        _pool = None
        parts = [html_to_pdf(html, roots) for html in htmls]
    return join_pdfs(parts)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
