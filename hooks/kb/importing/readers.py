"""Read an editor's file into plain text: .txt, .docx, .pdf with a text layer, scanned .pdf (OCR).

Every refusal is an ImportRefused with a Vietnamese message that names the file; nothing is written.
"""

import os
import re
import statistics
import unicodedata
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import cores
from . import hocr, ocr
from .lexicon import Lexicon

MIN_PAGE_CHARS = 20  # a page with less text than this is read as an image
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


class ImportRefused(Exception):
    """A file the importer cannot or must not read; the message is for the editor."""


@dataclass
class Extracted:
    text: str
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of pages read by OCR
    reread: list[tuple[str, str]] = field(default_factory=list)  # OCR words amended by the base (Lexicon.amend)


def read(path: Path, lexicon: Lexicon | None = None, progress: Callable[[int, int], None] | None = None) -> Extracted:
    """The text of the file, checked to be Vietnamese. lexicon: the words a scan's doubtful words are read
    against (Lexicon.of the base; the dictionary alone if None); progress: told (pages read, pages to read) as
    each scanned page is read, a few seconds each."""
    suffix = readable(path)
    extracted = _pdf(path, lexicon or Lexicon(()), progress) if suffix == ".pdf" else _READERS[suffix](path)
    extracted.text = unicodedata.normalize("NFC", extracted.text)
    if not _WORD.search(extracted.text):
        raise ImportRefused(f"{path}: tệp không có chữ nào để nhập.")
    share = vietnamese_share(extracted.text)
    if share < 0.15:
        raise ImportRefused(f"{path}: văn bản không phải tiếng Việt (chỉ {share:.0%} số từ có chữ cái tiếng Việt); "
                            "kho chỉ nhận văn bản tiếng Việt.")
    return extracted


def readable(path: Path) -> str:
    """The file's kind (its suffix, lower case); refuses a file that is not there or of a kind the importer does not
    read, before anything is read."""
    if not path.is_file():
        raise ImportRefused(f"{path}: không có tệp này.")
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        known = ", ".join(sorted(_READERS))
        hint = " Tệp Word cũ (.doc): mở bằng Word hoặc LibreOffice rồi lưu thành .docx." if suffix == ".doc" else ""
        raise ImportRefused(f"{path}: không đọc được loại tệp '{suffix or '(không có đuôi)'}'; cần một trong {known}.{hint}")
    return suffix


def vietnamese_share(text: str) -> float:
    """Share of words written with a letter only Vietnamese uses (about half in any Vietnamese text)."""
    words = _WORD.findall(text)
    return sum(1 for w in words if _VIETNAMESE.search(w)) / max(len(words), 1)


def _txt(path: Path) -> Extracted:
    return Extracted(txt_text(path))


def txt_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise ImportRefused(f"{path}: tệp văn bản không ở bảng mã UTF-8; lưu lại với bảng mã UTF-8.") from None


def _docx(path: Path) -> Extracted:
    return Extracted(docx_text(path))


def docx_text(path: Path) -> str:
    """The text of a Word file: paragraphs, and header tables (issuer | motto, number | date) cell by cell."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise ImportRefused(f"{path}: không mở được tệp Word .docx ({err}).") from None
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            # Read column by column, left column first.
            for column in range(len(item.columns)):
                lines += [cell.text for cell in item.column_cells(column)] + [""]
        else:
            lines += [item.text, ""]
    return "\n".join(lines)


def _pdf(path: Path, lexicon: Lexicon, progress) -> Extracted:
    pages = pdf_pages(path)
    scanned = [i for i, text in enumerate(pages) if len(text.strip()) < MIN_PAGE_CHARS]
    if scanned:
        pages, reread = _with_ocr(path, pages, scanned, lexicon, progress)
        return Extracted("\n\n".join(pages), [i + 1 for i in scanned if pages[i].strip()], reread)
    return Extracted("\n\n".join(pages))


def pdf_pages(path: Path) -> list[str]:
    """The text layer of each page of a PDF (empty for a scanned page), read by PDFium."""
    import pypdfium2
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as err:
        if "password" in str(err).lower():
            raise ImportRefused(f"{path}: tệp PDF có mật khẩu; xin bản không đặt mật khẩu rồi nhập lại.") from None
        raise ImportRefused(f"{path}: không đọc được tệp PDF: tệp hỏng, hoặc không có trang nào ({err}).") from None
    try:
        pages = [_page_text(document[i]) for i in range(len(document))]
    finally:
        document.close()
    if not pages:
        raise ImportRefused(f"{path}: tệp PDF không có trang nào.")
    return pages


def _page_text(page) -> str:
    # The text layer's letters put back in lines by where they stand, and two-column tables read column by
    # column, as a scan's words are (ocr.page_text): PDFium's own order breaks a line at every letter that a
    # table cell draws on its own. A text layer says nothing of paragraphs: no blank line is added.
    textpage, height = page.get_textpage(), page.get_height()
    letters = []
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1).replace("\ufffe", "-")  # PDFium's mark for a hyphen ending a line
        if char not in ("\r", "\n", ""):
            left, bottom, right, top = textpage.get_charbox(i, loose=True)  # the font's height, the advance width
            letters.append((char, left, height - top, right, height - bottom))
    return "\n".join(line for line in ocr.page_text(_words(letters)).split("\n") if line)


SPACE = 0.15  # a gap between two letters this share of the line's height or wider is a space


def _words(letters: list[tuple[str, float, float, float, float]]) -> dict:
    # Letters (char, left, top, right, bottom; boxes as tall as the font) as Tesseract's image_to_data gives
    # words: lines found from the letters by their middle, each space put in the line nearest it; each line cut
    # into words at spaces and at gaps wider than a space (a layer drawn letter by letter holds no spaces).
    def middle(g):
        return (g[2] + g[4]) / 2
    solid = [g for g in letters if not g[0].isspace()]
    tall = statistics.median([g[4] - g[2] for g in solid] or [1])
    lines: list[list] = []
    for letter in sorted(solid, key=middle):
        if lines and middle(letter) - lines[-1][0] < tall / 2:
            lines[-1][1].append(letter)
        else:
            lines.append([middle(letter), [letter]])
    for space in (g for g in letters if g[0].isspace()):
        if lines:
            min(lines, key=lambda line: abs(line[0] - middle(space)))[1].append(space)
    words = {k: [] for k in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num")}
    for n, (_, row) in enumerate(lines, 1):
        row.sort(key=lambda g: g[1] - (SPACE * tall if g[0].isspace() else 0))  # a space stands where the next word starts
        word: list = []
        for letter in row + [(" ", float("inf"), 0, 0, 0)]:
            if word and (letter[0].isspace() or letter[1] - word[-1][3] > SPACE * tall):
                left, top, bottom = word[0][1], min(g[2] for g in word), max(g[4] for g in word)
                for key, value in zip(words, ("".join(g[0] for g in word), round(left), round(top),
                                              round(word[-1][3] - left), round(bottom - top), 100, 1, 1, n)):
                    words[key].append(value)
                word = []
            if not letter[0].isspace():
                word.append(letter)
    return words


def _with_ocr(path: Path, pages: list[str], scanned: list[int], lexicon: Lexicon, progress) -> tuple[list[str], list]:
    # Pages without a text layer, rendered from one opening of the file and read by OCR at each resolution, one
    # Tesseract thread per reading (Tesseract's own threads give the same words, more slowly: measured in
    # CONTRIBUTING). The next page is rendered and queued while this one is read, so no core waits on the slower
    # reading; the images of two pages at most are held.
    import pypdfium2
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        with ThreadPoolExecutor(cores.available()) as pool:
            queued, read = deque(), {}
            for n, i in enumerate(scanned, 1):
                # PDFium renders in this thread only (it is not safe across threads); Tesseract reads in the pool.
                queued.append((i, [pool.submit(_words_of, pdf[i].render(scale=dpi / 72, grayscale=True).to_pil())
                                   for dpi in (ocr.DPI, *ocr.SECOND_READINGS)]))
                while len(queued) > 1 or queued and n == len(scanned):  # the page before, or the last ones
                    index, readings = queued.popleft()
                    read[index] = _ocr(path, index, lexicon, readings)
                    if progress:
                        progress(len(read), len(scanned))
            texts = [read[i][0] if i in read else text for i, text in enumerate(pages)]
            return texts, [c for i in scanned for c in read[i][1]]
    finally:
        pdf.close()


def _ocr(path: Path, index: int, lexicon: Lexicon, readings: list[Future]) -> tuple[str, list]:
    # One page's readings by Tesseract's Vietnamese model, amended by the base's texts (Lexicon.amend), the surer
    # reading of each line kept, its sure misreadings undone; and the words changed that it kept.
    import pytesseract
    try:
        words = [reading.result() for reading in readings]
        changed = [c for reading in words for c in lexicon.amend(reading)]
        text = ocr.tidy(ocr.page_text(words[0], [(w, dpi / ocr.DPI) for w, dpi in zip(words[1:], ocr.SECOND_READINGS)]))
        return text, [c for c in dict.fromkeys(changed) if c[1] in text]
    except pytesseract.TesseractNotFoundError:
        raise ImportRefused(f"{path}: trang {index + 1} là ảnh quét, cần Tesseract để đọc; chạy 'make browser' "
                            "(cài tesseract-ocr và tesseract-ocr-vie) rồi nhập lại.") from None
    except pytesseract.TesseractError as err:
        raise ImportRefused(f"{path}: Tesseract không đọc được trang {index + 1} ({err.message}); "
                            "kiểm tra gói tesseract-ocr-vie đã cài.") from None


# Tesseract's words in one page image, cleaned of the scanner's specks, with their places, confidence and other
# spellings.
def _words_of(image) -> dict:
    import pytesseract
    return hocr.words(pytesseract.image_to_pdf_or_hocr(ocr.cleaned(image), lang=ocr.LANGUAGE, extension="hocr",
                                                       config=hocr.CONFIG))


_READERS = {".txt": _txt, ".docx": _docx, ".pdf": _pdf}
