"""Text helpers shared by the importer, the model and the tests."""

import re
import unicodedata

# Markers that open a numbered part of a Vietnamese administrative text.
ROMAN = re.compile(r"^(?P<num>[IVX]+)\.\s")
ARTICLE = re.compile(r"^Điều (?P<num>\d{1,3})\.\s")  # a decision's articles: Điều 1., Điều 2.
ARABIC = re.compile(r"^(?P<num>\d{1,2})\.\s")
LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s")
DASH = re.compile(r"^[-–]\s")

_MARKS = re.compile("[\u0300-\u036f]")  # the combining marks the search page removes too (tim-kiem.js)


def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics removed, đ → d (it has no decomposition)."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))).lower()


def marked(text: str) -> bool:
    """Carries a tone or vowel mark ('đ' has none)."""
    return bool(_MARKS.search(unicodedata.normalize("NFD", text)))


def clip(text: str, chars: int) -> str:
    """Whitespace collapsed and, past the limit, cut at a word boundary with ' …'."""
    text = " ".join(text.split())
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + " …"


def slug(text: str) -> str:
    """ASCII anchor part: folded, non-alphanumerics collapsed to '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def squash(text: str) -> str:
    """Text with every whitespace removed: hard wraps in sources are artefacts."""
    return "".join(unicodedata.normalize("NFC", text).split())


def sentences(text: str) -> list[str]:
    """Split plain text into sentences at . ; : ! ? followed by whitespace."""
    parts = re.split(r"(?<=[.;:!?…])\s+", re.sub(r"\s+", " ", text).strip())
    return [p for p in parts if re.search(r"\w", p)]
