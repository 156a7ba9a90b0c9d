"""Read an editor's file into plain text: .txt, .docx, .pdf with a text layer, scanned .pdf (OCR).

Every refusal is an ImportRefused with a Vietnamese message that names the file; nothing is written.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import ocr

MIN_PAGE_CHARS = 20  # a page with less text than this is read as an image
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


class ImportRefused(Exception):
    """A file the importer cannot or must not read; the message is for the editor."""


@dataclass
class Extracted:
    text: str
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of pages read by OCR


def read(path: Path) -> Extracted:
    """The text of the file, checked to be Vietnamese."""
    if not path.is_file():
        raise ImportRefused(f"{path}: không có tệp này.")
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        known = ", ".join(sorted(_READERS))
        hint = " Tệp Word cũ (.doc): mở bằng Word hoặc LibreOffice rồi lưu thành .docx." if suffix == ".doc" else ""
        raise ImportRefused(f"{path}: không đọc được loại tệp '{suffix or '(không có đuôi)'}'; cần một trong {known}.{hint}")
    extracted = _READERS[suffix](path)
    extracted.text = unicodedata.normalize("NFC", extracted.text)
    if not _WORD.search(extracted.text):
        raise ImportRefused(f"{path}: tệp không có chữ nào để nhập.")
    share = vietnamese_share(extracted.text)
    if share < 0.15:
        raise ImportRefused(f"{path}: văn bản không phải tiếng Việt (chỉ {share:.0%} số từ có chữ cái tiếng Việt); "
                            "kho chỉ nhận văn bản tiếng Việt.")
    return extracted


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


def _pdf(path: Path) -> Extracted:
    pages = pdf_pages(path)
    scanned = [i for i, text in enumerate(pages) if len(text.strip()) < MIN_PAGE_CHARS]
    if scanned:
        pages = _with_ocr(path, pages, scanned)
    return Extracted("\n\n".join(pages), [i + 1 for i in scanned if pages[i].strip()])


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
    # PDFium marks a hyphen that ends a line with U+FFFE; the text holds a hyphen there.
    return page.get_textpage().get_text_range().replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n")


def _with_ocr(path: Path, pages: list[str], scanned: list[int]) -> list[str]:
    # Pages without a text layer, rendered from one opening of the file and read by OCR at each resolution.
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [_ocr(path, i, [ocr.cleaned(pdf[i].render(scale=dpi / 72, grayscale=True).to_pil())
                               for dpi in (ocr.DPI, *ocr.SECOND_READINGS)]) if i in scanned else text
                for i, text in enumerate(pages)]
    finally:
        pdf.close()


def _ocr(path: Path, index: int, images: list) -> str:
    # One page's images read with Tesseract's Vietnamese model, the surer reading of each line kept, its sure
    # misreadings undone.
    import pytesseract
    try:
        words = [pytesseract.image_to_data(image, lang=ocr.LANGUAGE, output_type=pytesseract.Output.DICT)
                 for image in images]
        return ocr.tidy(ocr.page_text(words[0], [(w, dpi / ocr.DPI) for w, dpi in zip(words[1:], ocr.SECOND_READINGS)]))
    except pytesseract.TesseractNotFoundError:
        raise ImportRefused(f"{path}: trang {index + 1} là ảnh quét, cần Tesseract để đọc; chạy 'make browser' "
                            "(cài tesseract-ocr và tesseract-ocr-vie) rồi nhập lại.") from None
    except pytesseract.TesseractError as err:
        raise ImportRefused(f"{path}: Tesseract không đọc được trang {index + 1} ({err.message}); "
                            "kiểm tra gói tesseract-ocr-vie đã cài.") from None


_READERS = {".txt": _txt, ".docx": _docx, ".pdf": _pdf}
