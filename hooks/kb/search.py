"""Search index: small files fetched on demand, so the first search downloads little at any size.

One store file per page (its sections' text, the document's own entry first: what every section inherits) and
one file per token: the pages that contain it, as runs of page numbers or as a bitmap, whichever is shorter (a
few hundred bytes for a word on every fifth page of 5,000), so the sections are found in the stores; the words of
each length, read only to correct a word the index does not hold; the language data (abbreviations,
question words, synonyms). Text is folded (no diacritics, đ → d) with the same rules as the browser side
(docs/assets/tim-kiem.js). For the copy opened from files, where a page cannot fetch, each file is a script.
"""

import base64
import json
import re
import unicodedata
from collections import defaultdict

from . import addresses as at
from .model import Model, Section, reach
from .pages import common as c
from .pages.document import citation
from .text import fold

FOLDER = "search/kb"
TYPO_MIN = 5  # a word the index lacks is corrected by one letter from this length on (tim-kiem.js)
_DATE = re.compile(r"\b(\d{1,2})\s*(?:thang|/)\s*(\d{1,2})\b")


_WORDS = re.compile(r"[a-z]+|[0-9]+")  # letters and digits apart: 'ct33' is 'ct 33', '9465/UBND' is '9465 ubnd'


def tokens(text: str, forms: list[tuple[str, list[str]]] = ()) -> set[str]:
    """Folded words, plus 'd0512' for every day/month ('05 tháng 12', '05/12'); with forms (abbreviations),
    an abbreviation and its full forms stand for each other."""
    folded = fold(text)
    words = _WORDS.findall(folded)
    dates = {f"d{int(d):02d}{int(m):02d}" for d, m in _DATE.findall(folded)}
    return _expand(words, set(words), forms) | dates


def abbreviations(model: Model) -> list[tuple[str, list[str]]]:
    """(abbreviation, [full forms]) folded into words, as the index and the search page compare them."""
    return [(" ".join(_WORDS.findall(fold(a.short))), [" ".join(_WORDS.findall(fold(f))) for f in a.full])
            for a in model.abbreviations]


# The words, with both forms of every abbreviation found in them either way (tim-kiem.js does the same).
def _expand(words: list[str], found: set[str], forms) -> set[str]:
    line = f" {' '.join(words)} "
    for short, fulls in forms:
        if short in found or any(f" {full} " in line for full in fulls):
            found |= {short, *" ".join(fulls).split()}
    return found


def entries(model: Model, documents: list[str], directory_urls: bool = True) -> list[list[list[str]]]:
    """Per page, documents in the given order then units: [location, title, text] of the page itself (and, for a
    document, its kind and number, and how a briefing cites it), then each section as _section keeps it."""
    out = []
    for page in (model.pages[doc_id] for doc_id in documents):
        doc, url = page.doc, at.document(page.doc.id)
        issuer = model.units.get(doc.issuer or "")
        signer = " ".join(x for x in (doc.signer.capacity, doc.signer.position, doc.signer.name) if x)
        issued = doc.issued and f"ban hành ngày {doc.issued:%d/%m/%Y}, năm {doc.issued.year}"
        about = ". ".join(x for x in (c.DOC_KINDS.get(doc.kind or ""), doc.number, doc.title, issuer and issuer.name,
                                      issued, signer, c.STATUSES[doc.status]) if x)
        sections = [_section(s) for s in page.sections.values()]
        # The document's own entry also carries its kind and number alone: typed, they name this document.
        named = " ".join(x for x in (c.DOC_KINDS.get(doc.kind or ""), doc.number) if x)
        out.append([[url, c.title(model, page), about, named, citation(model, page)]] + sections)
    for unit in model.units.values():
        parent = model.units.get(unit.parent or "")
        about = " ".join(x for x in (unit.short_name, c.LEVELS[unit.level], parent and parent.name) if x)
        out.append([[at.unit(unit.id), unit.name, about]])
    address = c.Output("", directory_urls).address  # from the site's root, in the site's URL style
    return [[[address(items[0][0]), *items[0][1:]], *items[1:]] for items in out]


# A section as ['#anchor', label, text (its paragraphs a line each)], then its title only where it is not the
# text's first 90 characters: its length where it starts the text, else itself. Titles are nearly always the start
# of the text, and kept whole they were a fifth of a store. Lengths count UTF-16 units, as tim-kiem.js slices.
def _section(section: Section) -> list:
    title, text = (unicodedata.normalize("NFC", x) for x in (section.title[:90], section.text))
    entry = [f"#{section.anchor}", c.anchor_label(section.anchor), text]
    if not text.startswith(title):
        return entry + [title]
    length = _units(title)
    return entry if length == min(90, _units(text)) else entry + [length]


# A length as a JavaScript string counts it.
def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def language(model: Model) -> dict:
    """Abbreviations, question words and synonyms, folded as the search compares them."""
    words = model.search_words
    return {"viet_tat": abbreviations(model), "hoi": [_folded(q) for q in words.question],
            "dong_nghia": [[_folded(w) for w in group] for group in words.synonyms]}


def _folded(phrase: str) -> str:
    return " ".join(w if w == "…" else " ".join(_WORDS.findall(fold(w))) for w in phrase.split())


# The documents from the top down (by how many stand above each): stores are numbered so, and search puts the
# higher first between equals.
def _documents(model: Model) -> list[str]:
    return sorted(model.pages, key=lambda i: len(reach([i], lambda d: [u for u in model.pages[d].doc.implements if u in model.pages])))


def files(model: Model, directory_urls: bool = True) -> dict[str, str]:
    """Path in the site → text of every index file. Without directory addresses (the copy opened from files, where
    a page cannot fetch) each file is a script handing its data to kbSearchData(path, data)."""
    found = _json_files(model, directory_urls)
    if directory_urls:
        return found
    return {path.removesuffix(".json") + ".js": f"kbSearchData({json.dumps(path.removeprefix(FOLDER + '/'))},{text});\n"
            for path, text in found.items()}


def _json_files(model: Model, directory_urls: bool) -> dict[str, str]:
    documents = _documents(model)  # the stores' order, once
    pages, forms = entries(model, documents, directory_urls), abbreviations(model)
    postings: dict[str, list[int]] = defaultdict(list)  # token → the pages holding it, in order
    for p, items in enumerate(pages):
        for token in set().union(*(tokens(title + " " + text, forms) for _, title, text, *_ in items)):
            postings[token].append(p)
    # NFC, so that one character of stored text is one character of its folded form in the browser.
    out = {f"{FOLDER}/p/{p}.json": unicodedata.normalize("NFC", json.dumps(items, ensure_ascii=False, separators=(",", ":")))
           for p, items in enumerate(pages)}
    for token, where in postings.items():
        out[f"{FOLDER}/t/{token}.json"] = json.dumps(_listing(where), separators=(",", ":"))
    out[f"{FOLDER}/meta.json"] = json.dumps({"pages": len(pages)})
    # For briefing packs (assets/tap.js): which store holds each document, and where moved addresses lead now.
    stores = {at.document(doc_id): p for p, doc_id in enumerate(documents)}
    out[f"{FOLDER}/trang.json"] = json.dumps({"trang": stores, "chuyen": model.redirects}, ensure_ascii=False, separators=(",", ":"))
    out[f"{FOLDER}/ngon-ngu.json"] = json.dumps(language(model), ensure_ascii=False, separators=(",", ":"))
    by_length: dict[int, list[str]] = defaultdict(list)
    for token in postings:
        if len(token) >= TYPO_MIN - 1 and token.isalpha():
            by_length[len(token)].append(token)
    out |= {f"{FOLDER}/v/{n}.json": json.dumps(sorted(words), separators=(",", ":")) for n, words in by_length.items()}
    return out


def _listing(pages: list[int]) -> dict[str, str]:
    # {"l": "0-120|122"}: runs of page numbers; {"b": "…"}: base64 of a bitmap, bit p of byte p // 8 for page p.
    runs, bits = _runs(pages), bytearray(pages[-1] // 8 + 1)
    for p in pages:
        bits[p >> 3] |= 1 << (p & 7)
    bitmap = base64.b64encode(bits).decode()
    return {"b": bitmap} if len(bitmap) < len(runs) else {"l": runs}


def listed(file: dict) -> list[int]:
    """The page numbers of a token file, as tim-kiem.js reads them."""
    if "b" in file:
        bits = base64.b64decode(file["b"])
        return [p for p in range(len(bits) * 8) if bits[p >> 3] >> (p & 7) & 1]
    runs = [part.partition("-") for part in file["l"].split("|")]
    return [p for first, _, last in runs for p in range(int(first), int(last or first) + 1)]


def _runs(pages: list[int]) -> str:
    """Sorted page numbers as runs: [0, 1, 2, 5] → '0-2|5'."""
    out, start = [], 0
    for i in range(1, len(pages) + 1):
        if i == len(pages) or pages[i] != pages[i - 1] + 1:
            out.append(f"{pages[start]}-{pages[i - 1]}" if i - 1 > start else str(pages[start]))
            start = i
    return "|".join(out)
