"""Turn a template into a PDF with WeasyPrint, from the same stylesheets as the screen.

Only the app's own static files can be loaded while rendering: no network, and nothing a
card text could point at.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

BASE_URL = "https://rondom.invalid/"
STATIC_PREFIX = BASE_URL + "static/"
CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise URLFetchingError(f"not a static file: {url[:80]}")
        relative = url.removeprefix(STATIC_PREFIX).split("?")[0]
        path = finders.find(relative)
        if path is None or ".." in relative:
            raise URLFetchingError(f"no such static file: {relative[:80]}")
        with open(path, "rb") as handle:
            body = handle.read()
        suffix = relative[relative.rfind(".") :]
        content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
