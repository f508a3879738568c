"""Read what a PDF really holds: page sizes, text and the smallest font size used."""

import re
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c

A3_LANDSCAPE = (1190.55, 841.89)
HYPHENATED = re.compile("\u2010\r?\n")
A4_PORTRAIT = (595.28, 841.89)


@dataclass
class Page:
    width: float
    height: float
    text: str
    smallest_font: float | None


def read_pdf(data: bytes) -> list[Page]:
    assert data.startswith(b"%PDF-"), data[:20]
    document = pypdfium2.PdfDocument(data)
    pages = []
    for page in document:
        width, height = page.get_size()
        textpage = page.get_textpage()
        count = textpage.count_chars()
        sizes = [
            pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
            for index in range(count)
            if not textpage.get_text_range(index, 1).isspace()
        ]
        pages.append(Page(width, height, textpage.get_text_range(), min(sizes) if sizes else None))
    return pages


def all_text(pages: list[Page]) -> str:
    """The text of every page, with line breaks folded into spaces.

    A word that WeasyPrint hyphenated at the end of a line (with U+2010) is joined again.
    PDFium reports a hyphen of the text itself where a line was broken as U+FFFE; it is a
    hyphen on paper.
    """
    return " ".join(
        " ".join(HYPHENATED.sub("", page.text).replace("\ufffe", "-").split()) for page in pages
    )


def assert_size(pages: list[Page], size: tuple[float, float]) -> None:
    for page in pages:
        assert abs(page.width - size[0]) < 1 and abs(page.height - size[1]) < 1, (
            page.width,
            page.height,
        )
