"""Files an editor would bring, made by the tests from a source text: a PDF with a text layer (printed by
Chromium), the same PDF scanned (pages as images only) and a Word file."""

import html
import re
from pathlib import Path

SCAN_DPI = 300  # the resolution archives ask of scans of administrative documents


def paragraphs(text: str) -> list[str]:
    """The source's paragraphs: blank lines apart, hard wraps joined, extraction markup and drawn rules removed."""
    text = re.sub(r"(?m)^\s*#+\s*|\*\*|^\s*_{3,}\s*$", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def pdf(text: str, out: Path, browser, font: str = "DejaVu Sans") -> Path:
    """Print the text to PDF in Chromium (A4, 14 pt as Nghị định 30 asks, a face with every Vietnamese letter), so it has a text layer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    page = browser.new_page()
    page.set_content(f"<html lang='vi'><body style='font: 14pt \"{font}\"'>{body}</body></html>")
    page.pdf(path=str(out), format="A4", margin={"top": "2cm", "bottom": "2cm", "left": "2.5cm", "right": "2cm"})
    page.close()
    return out


def scanned(source_pdf: Path, out: Path) -> Path:
    """The PDF as a scanner gives it: each page an image, no text layer."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(source_pdf))
    images = [page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil() for page in document]
    document.close()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return out


def docx(text: str, out: Path, header: tuple[str, str] | None = None) -> Path:
    """A Word file of the text; the header (left, right), as ministries lay it out, in a two-column table."""
    import docx as python_docx
    document = python_docx.Document()
    if header:
        table = document.add_table(rows=1, cols=2)
        for cell, value in zip(table.rows[0].cells, header):
            cell.text = value
    for p in paragraphs(text):
        document.add_paragraph(p)
    document.save(str(out))
    return out
