"""Files an editor would bring, made by the tests: from a source text, or from a document of the evaluation sets
(tests/importer-eval/) laid out as Nghị định 30 prescribes: a text copy read the way extraction reads two columns,
a Word file with the header and signature in two-column tables, a PDF with a text layer (printed by Chromium) and
the same PDF scanned (pages as images only, with specks and a slight tilt)."""

import html
import random
import re
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

import yaml

SCAN_DPI = 300  # the resolution archives ask of scans of administrative documents
FACE = "DejaVu Serif"  # a serif face with every Vietnamese letter (Liberation Serif lacks U+1EA0–U+1EF9)
FORMATS = ("txt", "docx", "pdf", "scan")


def paragraphs(text: str) -> list[str]:
    """The source's paragraphs: blank lines apart, hard wraps joined, extraction markup and drawn rules removed."""
    text = re.sub(r"(?m)^\s*#+\s*|\*\*|^\s*_{3,}\s*$", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def pdf(text: str, out: Path, browser, font: str = "DejaVu Sans") -> Path:
    """Print the text to PDF in Chromium (A4, 14 pt as Nghị định 30 asks, a face with every Vietnamese letter), so it has a text layer."""
    return _printed("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text)), out, browser, font)


_printers: dict = {}  # browser → the one tab that prints every file (a new tab for each costs twice the processor time)


def _printed(body: str, out: Path, browser, font: str) -> Path:
    page = _printers.get(browser)
    if page is None or page.is_closed():
        page = _printers[browser] = browser.new_page()
    page.set_content(f"<html lang='vi'><body style='font: 14pt \"{font}\"'>{body}</body></html>")
    page.pdf(path=str(out), format="A4", margin={"top": "2cm", "bottom": "2cm", "left": "2.5cm", "right": "2cm"})
    return out


def scanned(source_pdf: Path, out: Path, noise: bool = False) -> Path:
    """The PDF as a scanner gives it: each page an image, no text layer; with noise, specks and a slight tilt."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(source_pdf))
    images = [page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil() for page in document]
    document.close()
    if noise:
        images = [_noisy(image, k) for k, image in enumerate(images)]
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return out


GRAIN = 18  # standard deviation of the scanner's grain, in grey levels (uniform bytes spread 74)


def _noisy(image, seed: int):
    # A scanner's page: a fraction of a degree off, grey specks, a little blur of the grain.
    from PIL import Image, ImageFilter
    rng = random.Random(seed)
    tilted = image.rotate(rng.choice((-0.4, 0.3, 0.5)), resample=Image.BICUBIC, fillcolor=255, expand=False)
    # Grain drawn from the seed, the same each run: uniform noise narrowed to a spread of 18 grey levels.
    grain = Image.frombytes("L", tilted.size, rng.randbytes(tilted.size[0] * tilted.size[1]))
    grain = grain.point(lambda v: round(128 + (v - 128) * GRAIN / 74))
    noisy = Image.blend(tilted, grain, 0.06)
    pixels = noisy.load()
    for _ in range(tilted.size[0] * tilted.size[1] // 4000):
        pixels[rng.randrange(tilted.size[0]), rng.randrange(tilted.size[1])] = rng.randrange(0, 120)
    return noisy.filter(ImageFilter.SMOOTH)


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


@dataclass
class Case:
    """A document of the evaluation sets: its layout and its truth."""
    name: str
    layout: str  # how its text copy reads the columns: cot, ngang, bang, lien
    left: list[str]  # header, left column: the issuing body, the number, 'V/v …'
    right: list[str]  # header, right column: the motto, place and date
    title: list[str]  # type word and summary, centred
    body: str
    recipients: list[str]  # signature, left column: 'Nơi nhận:'
    signature: list[str]  # signature, right column: capacity, position, name
    truth: dict

    @classmethod
    def read(cls, path: Path) -> "Case":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        head = data["dau"]
        left = head["trai"] + head["so"].split("\n") + ([head["v_v"]] if head.get("v_v") else [])
        right = head["phai"] + [head["dia_danh_ngay"]]
        return cls(path.stem, data["trinh_bay"], left, right, data["ten"], data["than"].strip(),
                   data["ky"]["noi_nhan"], data["ky"]["chu_ky"], data["dung"])

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", self.body) if p.strip()]


def cases(folder: Path) -> list[Case]:
    return [Case.read(p) for p in sorted(folder.glob("*.yml"))]


def text_copy(case: Case) -> str:
    """The document as a text extraction gives it, two-column parts read the way its layout says."""
    dense = case.layout == "lien"
    gap = "\n" if dense else "\n\n"
    blocks = [_columns(case.left, case.right, case.layout), "\n".join(case.title) if case.title else ""]
    blocks += case.paragraphs()
    blocks.append(_columns(case.recipients, case.signature, case.layout))
    return gap.join(b for b in blocks if b) + "\n"


# Two columns as extraction reads them: left then right (cot, lien), row by row (ngang), table rows (bang).
def _columns(left: list[str], right: list[str], layout: str) -> str:
    if layout in ("cot", "lien"):
        return "\n".join(left) + ("\n" if layout == "lien" else "\n\n") + "\n".join(right)
    rows = zip_longest(left, right, fillvalue="")
    if layout == "bang":
        return "\n".join(f"| {a} | {b} |" for a, b in rows)
    return "\n".join(f"{a:<46}{b}".rstrip() for a, b in rows)


def case_docx(case: Case, out: Path) -> Path:
    """A Word file as offices make them: header and signature blocks in borderless two-column tables."""
    import docx as python_docx
    document = python_docx.Document()
    _table(document, case.left, case.right)
    for line in case.title:
        document.add_paragraph(line)
    for p in case.paragraphs():
        for line in p.split("\n"):
            document.add_paragraph(line)
    _table(document, case.recipients, case.signature)
    document.save(str(out))
    return out


def _table(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.text = "\n".join(lines)


def case_pdf(case: Case, out: Path, browser) -> Path:
    """The document printed as it is laid out: header and signature in two-column tables, centred title."""
    def column(lines):
        return "<br>".join(html.escape(line) for line in lines)

    def table(left, right):  # DejaVu Serif at 11 pt is as wide as the 13 pt Times of Nghị định 30's headers
        return (f"<table style='width:100%;border-collapse:collapse;font-size:11pt'><tr><td style='width:40%;"
                f"text-align:center;vertical-align:top'>{column(left)}</td><td style='text-align:center;"
                f"vertical-align:top'>{column(right)}</td></tr></table>")

    body = "".join(f"<p>{column(p.split(chr(10)))}</p>" for p in case.paragraphs())
    title = f"<p style='text-align:center;font-weight:bold'>{column(case.title)}</p>" if case.title else ""
    return _printed(table(case.left, case.right) + title + body + table(case.recipients, case.signature), out, browser, FACE)


def render(case: Case, kind: str, folder: Path, browser) -> Path:
    """The case as a file of one of FORMATS."""
    if kind == "txt":
        out = folder / f"{case.name}.txt"
        out.write_text(text_copy(case), encoding="utf-8")
        return out
    if kind == "docx":
        return case_docx(case, folder / f"{case.name}.docx")
    printed = folder / f"{case.name}.pdf"
    if kind == "pdf" or not printed.exists():  # a scan is made from the PDF printed in this folder, if it is there
        case_pdf(case, printed, browser)
    return printed if kind == "pdf" else scanned(printed, folder / f"{case.name}-quet.pdf", noise=True)
