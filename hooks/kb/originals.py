"""Originals: the files the texts were taken from, kept as received in nguon/, and the body held to them.

Every sentence of an original (its text layer, Word text or plain text; for a scan, the OCR text kept when it
was imported) must be in the document's body, in order, letter for letter once whitespace and Unicode forms
are evened out. A sentence an editorial note quotes is an artefact declared (a stamp, a handwritten
signature) and may be left out. A scan's body is corrected by hand from the paper, so its differences are a
list to confirm, not errors.
"""

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import markup
from .importing.layout import columns
from .importing.readers import docx_text, pdf_pages, txt_text
from .records import Original
from .sources import stamp
from .text import squash

FOLDER = "nguon"
CACHE = Path(".cache") / FOLDER  # text read from PDF and Word originals, by their hash (they are slow to read)
KINDS = {".pdf": "PDF", ".docx": "Word (.docx)", ".txt": "văn bản thô (.txt)"}
_EXTRACTION = re.compile(r"(?m)^\s*#+\s*|\*\*|^\s*-\s+|_{3,}")  # Markdown a text extraction may carry
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
_SENTENCE_END = re.compile(r"(?<=[.;:!?…])[ \t]+|(?<=[.;:!?…])\n")


def digest(path: Path) -> str:
    """The file's SHA-256; hashed again only when its stamp changed (a preview server checks every original at
    every save)."""
    now = stamp(path.stat())
    if now is None or _digests.get(path, (None,))[0] != now:
        found = hashlib.sha256(path.read_bytes()).hexdigest()
        if now is None:
            return found
        _digests[path] = now, found
    return _digests[path][1]


_digests: dict[Path, tuple[tuple, str]] = {}  # file → its stamp and SHA-256 when last hashed


def kind(original: Original) -> str:
    """'PDF (bản quét)', 'Word (.docx)', … as the page names the file."""
    name = KINDS.get(Path(original.file).suffix.lower(), Path(original.file).suffix.lstrip(".").upper())
    return f"{name} (bản quét)" if original.ocr else name


def size(root: Path, original: Original) -> str | None:
    """'245 KB', as the page says how large the download is."""
    path = root / FOLDER / original.file
    if not path.is_file():
        return None
    n = path.stat().st_size
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"


def files(root: Path, held) -> dict[str, bytes]:
    """Path in the site → content of every original the documents name (their OCR text too)."""
    names = {n for o in held if o for n in (o.file, o.ocr) if n}
    return {f"{FOLDER}/{n}": (root / FOLDER / n).read_bytes() for n in sorted(names) if (root / FOLDER / n).is_file()}


def text(root: Path, original: Original) -> str:
    """The text the body is held to: the original's (or its OCR text), the document's own lines only, its
    two-column header and signature tables read down each column as the importer and a reader read them."""
    folder = root / FOLDER
    if original.ocr:
        whole = txt_text(folder / original.ocr)
    elif Path(original.file).suffix.lower() == ".txt":
        whole = txt_text(folder / original.file)
    else:
        whole = _cached(root, folder / original.file, original.sha256)
    if original.lines:
        first, last = original.lines
        whole = "\n".join(whole.split("\n")[first - 1:last])
    return unicodedata.normalize("NFC", "\n".join(columns(whole.split("\n"))))


# PDF and Word text, read once per file content.
def _cached(root: Path, path: Path, sha256: str) -> str:
    cached = root / CACHE / f"{sha256}.txt"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    read = "\n".join(pdf_pages(path)) if path.suffix.lower() == ".pdf" else docx_text(path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(read, encoding="utf-8")
    except OSError:
        pass  # a read-only checkout reads again next time
    return read


def source_sentences(original_text: str) -> list[str]:
    """The sentences of an original, paragraph by paragraph (blank lines apart), the Markdown of its extraction
    left out; a sentence keeps its line breaks, so that a line of it can stand on its own."""
    out = []
    for paragraph in re.split(r"\n\s*\n", original_text):
        paragraph = "\n".join(_EXTRACTION.sub(" ", line).strip() for line in paragraph.split("\n"))
        out += [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if re.search(r"\w", s)]
    return out


@dataclass
class Missing:
    """A sentence of the original the body does not hold: where it should be, and the closest the body has."""
    sentence: str
    line: int
    closest: str | None
    elsewhere: bool  # in the body, but not in the original's order


def compare(body: str, body_line: int, notes: list[str], wanted: list[str]) -> list[Missing]:
    """The original's sentences missing from the body (declared artefacts aside), in order."""
    shown, lines = _shown(body, body_line)
    quoted = [_loose(n) for n in notes]
    fragments = [q for n in notes for q in _QUOTED.findall(n)]
    out, at, words = [], 0, None
    for sentence in wanted:
        tight = squash(sentence)
        found = shown.find(tight, at)
        if found >= 0:
            at = found + len(tight)
            continue
        if _declared(sentence, quoted, fragments, shown[at:]):
            continue  # an artefact an editorial note declares
        line = lines[min(at, len(lines) - 1)] if lines else body_line
        words = words or " ".join(" ".join(p) for _, p in markup.paragraphs(body)).split()
        out.append(Missing(" ".join(sentence.split()), line, _closest(sentence, words, at), shown.find(tight) >= 0))
    return out


def _closest(sentence: str, words: list[str], at: int, cutoff: float = 0.6) -> str | None:
    # The run of the body's words, as many as the sentence has, that reads most like it: near where the
    # sentence should stand (at: characters of the body without whitespace), else anywhere.
    n, seen, start = len(sentence.split()), 0, 0
    for start, word in enumerate(words):
        seen += len(word)
        if seen > at:
            break
    near = range(max(start - n, 0), min(start + 2 * n + 20, len(words)))
    return _best(sentence, words, near, cutoff) or _best(sentence, words, range(len(words)), cutoff)


def _best(sentence: str, words: list[str], starts: range, cutoff: float) -> str | None:
    n, best = len(sentence.split()), None
    wanted = " ".join(sentence.split())
    for i in starts:
        window = " ".join(words[i:i + n])
        match = difflib.SequenceMatcher(None, wanted, window, autojunk=False)
        if match.real_quick_ratio() > cutoff and match.quick_ratio() > cutoff and match.ratio() > cutoff:
            best, cutoff = window, match.ratio()
    return best


# The body's shown text without whitespace, and for each of its characters the body line it comes from.
def _shown(body: str, body_line: int) -> tuple[str, list[int]]:
    text, lines = [], []
    for n, paragraph in markup.paragraphs(body):
        for k, line in enumerate(paragraph):
            tight = squash(line)
            text.append(tight)
            lines += [body_line + n + k] * len(tight)
    return "".join(text), lines


def _loose(text: str) -> str:
    # For quotes in notes: line breaks written ' / ', table cells apart by dashes or tabs.
    return re.sub(r"[\s/–|]+", "", unicodedata.normalize("NFC", text))


def _declared(sentence: str, quoted: list[str], fragments: list[str], shown: str) -> bool:
    # Quoted whole by a note, or in the body once the fragments the notes quote are taken out; a sentence
    # running over several lines (a stamp's table, then the text) may be declared line by line.
    if any(_loose(sentence) in q for q in quoted) or _without_fragments(sentence, fragments, shown):
        return True
    pieces = [line for line in sentence.split("\n") if line.strip()]
    return len(pieces) > 1 and all(squash(p) in shown or _declared(p, quoted, fragments, shown) for p in pieces)


def _without_fragments(sentence: str, fragments: list[str], shown: str) -> bool:
    # A sentence that is in the body once the fragments the notes quote ('235' stuck to a line) are taken out.
    cut = squash(sentence)
    for fragment in fragments:
        cut = cut.replace(squash(fragment), "") if squash(fragment) in cut else cut
    return cut != squash(sentence) and cut in shown
