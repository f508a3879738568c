"""Turn templates into PDFs, and a long document into parts drawn side by side.

WeasyPrint lays out in pure Python on one core. A praatplaat of hundreds of cards is
therefore cut into parts at a lane boundary; helper processes draw the parts at the same
time and the pages are joined afterwards. The helpers live as long as the server process.
"""

import io
import logging
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
