"""Reading a file's text: PDF (text layer, else OCR), DOCX, HTML and TXT, page by page.

Every reader returns the pages' texts; `pages_join` turns them into one text with the offset
where each page starts, so a character offset always maps back to its page.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

Progress = Callable[[int, int], None]

OCR_DPI = 300
# A page whose text layer has fewer letters than this is treated as a scanned image.
MIN_LETTERS_PER_PAGE = 10
HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html)", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    text: str
    page_starts: list[int]
    extractor: str
    ocr: bool


def pages_join(pages: list[str], *, extractor: str, ocr: bool = False) -> Reading:
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for page in pages:
        clean = _clean(page)
        if parts:
            parts.append("\n\n")
            offset += 2
        starts.append(offset)
        parts.append(clean)
        offset += len(clean)
    return Reading(text="".join(parts), page_starts=starts or [0], extractor=extractor, ocr=ocr)


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; Windows line ends would shift nothing but look odd.
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def read(data: bytes, *, content_type: str, progress: Progress | None = None) -> Reading:
    """Choose the reader from the checked content type (and HTML sniffed inside text files)."""
    report = progress or (lambda done, total: None)
    if content_type == "application/pdf":
        return read_pdf(data, progress=report)
    if content_type.endswith("wordprocessingml.document"):
        return read_docx(data)
    if HTML_START.match(data[:2048]) or content_type == "text/html":
        return read_html(decode_text(data))
    return read_txt(data)


def read_pdf(data: bytes, *, progress: Progress) -> Reading:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        total = len(pdf)
        pages: list[str] = []
        used_ocr = False
        for index in range(total):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            if sum(ch.isalpha() for ch in text) < MIN_LETTERS_PER_PAGE:
                text = _ocr_page(page)
                used_ocr = True
            pages.append(text)
            progress(index + 1, total)
    finally:
        pdf.close()
    return pages_join(pages, extractor="pdf+ocr" if used_ocr else "pdf", ocr=used_ocr)


def _ocr_page(page: "object") -> str:
    import pytesseract

    image = page.render(scale=OCR_DPI / 72).to_pil()  # type: ignore[attr-defined]
    return str(pytesseract.image_to_string(image, lang="eng"))


def read_docx(data: bytes) -> Reading:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    return pages_join(["\n".join(lines)], extractor="docx")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252, which old EDGAR
    filings use; Latin-1 last, as it decodes any byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_txt(data: bytes) -> Reading:
    # A form feed is the plain-text page break (EDGAR .txt filings use it).
    return pages_join(decode_text(data).split("\f"), extractor="txt")


BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody thead tfoot tr ul page".split()
)
SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pages: list[str] = []
        self.skipping = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag == "pre":
            self.pre += 1
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        style = dict(attrs).get("style") or ""
        if "page-break-before" in style.replace(" ", "") and "always" in style:
            self._page_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data.replace("\xa0", " ")))

    def _page_break(self) -> None:
        self.pages.append("".join(self.parts))
        self.parts = []

    def result(self) -> list[str]:
        self.close()
        return [*self.pages, "".join(self.parts)]


def html_to_text(page: str) -> str:
    lines = [line.strip(" ") for line in page.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def read_html(markup: str) -> Reading:
    parser = _TextParser()
    parser.feed(markup)
    return pages_join([html_to_text(page) for page in parser.result()], extractor="html")
