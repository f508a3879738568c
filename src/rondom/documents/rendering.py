"""HTML to PDF with WeasyPrint, loading nothing but the app's own static files.

This module does not need Django, so helper processes can import it on their own.
"""

from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

BASE_URL = "https://rondom.invalid/"
STATIC_PREFIX = BASE_URL + "static/"
CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/ from the given folders; refuses the network and everything else,
    so nothing a card text could name is ever fetched."""

    def __init__(self, roots: list[str]):
        super().__init__()
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise URLFetchingError(f"not a static file: {url[:80]}")
        relative = url.removeprefix(STATIC_PREFIX).split("?")[0]
        for root in self.roots:
            path = (root / relative).resolve()
            if path.is_relative_to(root) and path.is_file():
                content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": content_type}
                )
        raise URLFetchingError(f"no such static file: {relative[:80]}")


def html_to_pdf(html: str, static_roots: list[str]) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher(static_roots))
    return document.write_pdf()
