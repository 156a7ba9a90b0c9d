"""Which words stand side by side in Vietnamese: the two-syllable pairs of a maintained dictionary (Viet74K, from
the underthesea package) and the neighbouring words of the base's own texts. An OCR word that neither of its
neighbours is known beside, and that the model also read another way which one of them is, is read that way.
A comma between two words the base's texts hold side by side often and never with a comma is a speck; a document
number whose kind lost its hyphens is written as the base's texts write that kind."""

import functools
import importlib.util
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_TONES = "\u0300\u0301\u0309\u0303\u0323"
_EDGES = re.compile(r"^(\W*)(.*?)(\W*)$")  # the signs before a word, the word, the signs after it
_DIGIT = re.compile(r"\d")
_KIND = r"[A-ZĐ][A-ZĐa-z]*"  # a part of a document number's kind: 'CT', 'TTg', 'UBND'
OFTEN = 3  # two words the base's texts hold side by side at least this often, and never with a comma between


class Lexicon:
    """Pairs of words known to stand side by side, each word as its letters and its tone (tone placement aside:
    'hoà' and 'hòa' are one word)."""

    def __init__(self, texts: Iterable[str]):
        self.texts = list(texts)

    @functools.cached_property
    def pairs(self) -> set:
        # Made when a scan is first read: text files and Word files never need it.
        return set(_dictionary()).union(*map(_pairs, self.texts))

    @functools.cached_property
    def side_by_side(self) -> tuple[Counter, set]:
        # How often two words of the base's texts stand side by side (no sign between); the pairs with a comma.
        together, commas = Counter(), set()
        for text in self.texts:
            for first, between, second in _side_by_side(text):
                pair = (_key(first.lower()), _key(second.lower()))
                if between == ",":
                    commas.add(pair)
                elif not between:
                    together[pair] += 1
        return together, commas

    @functools.cached_property
    def kinds(self) -> dict[str, str]:
        # The kinds of document numbers in the base's texts written with hyphens ('CT-TTg'), by their letters.
        found: dict[str, set] = {}
        for text in self.texts:
            for kind in re.findall(rf"\d/((?:{_KIND}-)+{_KIND})\b", text):
                found.setdefault(kind.replace("-", ""), set()).add(kind)
        return {letters: kinds.pop() for letters, kinds in found.items() if len(kinds) == 1}

    @classmethod
    def of(cls, model) -> "Lexicon":
        """The dictionary and the base's texts: each document's body and tasks, the registries' names, the numbers
        of its documents and of those they cite."""
        texts = [page.body for page in model.pages.values()]
        texts += [task.summary for page in model.pages.values() for task in page.doc.tasks]
        texts += [unit.name for unit in model.units.values()] + [c.title or "" for c in model.cited.values()]
        texts += [d.number for d in [p.doc for p in model.pages.values()] + list(model.cited.values()) if d.number]
        return cls(texts)

    def knows(self, first: str, second: str) -> bool:
        """Whether the two words are known side by side (the first also as it stands after a sentence's start)."""
        if not first or not second:
            return False
        return any((_key(word), _key(second)) in self.pairs for word in {first, first.lower()})

    def amend(self, words: dict) -> list[tuple[str, str]]:
        """Tesseract's words (hocr.words) amended by what the base's texts hold: numbers, specks, doubtful words;
        what was changed, as in reread."""
        return self.numbers(words) + self.specks(words) + self.reread(words)

    def numbers(self, words: dict) -> list[tuple[str, str]]:
        """Each document number whose kind lost its hyphens ('33/CTTTg'), written as the base's texts write that
        kind ('33/CT-TTg'); what was changed, as in reread."""
        texts, changed = words["text"], []
        for i, text in enumerate(texts):
            number = re.fullmatch(rf"(\W*\d+/)({_KIND})(\W*)", text)
            if number and (kind := self.kinds.get(number[2])):
                texts[i] = number[1] + kind + number[3]
                changed.append((text, texts[i]))
        return changed

    def specks(self, words: dict) -> list[tuple[str, str]]:
        """Each comma ending one of Tesseract's words (hocr.words) before a word in small letters on its line, where
        the base's texts hold the two words side by side at least OFTEN times and never with a comma, dropped as a
        speck ('Thực, hiện'; a real comma stays: 'ban, ngành'); what was changed, as in reread."""
        together, commas = self.side_by_side
        line = list(zip(words["block_num"], words["par_num"], words["line_num"]))
        texts, changed = words["text"], []
        for i, text in enumerate(texts):
            before, word, after = _EDGES.match(text).groups()
            second = _neighbour(texts, line, i, 1)
            pair = (_key(word.lower()), _key(second.lower()))
            if after == "," and second[:1].islower() and not _DIGIT.search(word) and together[pair] >= OFTEN \
                    and pair not in commas:
                texts[i] = before + word
                changed.append((text, f"{word} {second}"))
        return changed

    def reread(self, words: dict) -> list[tuple[str, str]]:
        """Each of Tesseract's words (hocr.words) that neither neighbour is known beside, and that the model read
        just one other way which a neighbour is known beside, read that way (words holding a digit stay); what
        was changed: (the word as read, the words around it as now read)."""
        line = list(zip(words["block_num"], words["par_num"], words["line_num"]))
        texts, changed = words["text"], []
        for i, (text, others) in enumerate(zip(texts, words["others"])):
            if not others or _DIGIT.search(text):
                continue
            before, word, after = _EDGES.match(text).groups()
            left = _neighbour(texts, line, i, -1) if not before else ""
            right = _neighbour(texts, line, i, 1) if not after else ""
            if self.knows(left, word) or self.knows(word, right):
                continue
            known = [o for o in others if (m := _EDGES.match(o)) and (m[1], m[3]) == (before, after)
                     and (self.knows(left, m[2]) or self.knows(m[2], right))]
            if len(known) == 1:
                texts[i] = known[0]
                changed.append((text, " ".join(w for w in (left, known[0], right) if w)))
        return changed


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset:
    # Only the package's word list is read (its code pulls in libraries the importer does not need).
    spec = importlib.util.find_spec("underthesea")
    words = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / "Viet74K.txt"
    return frozenset(_pairs(words.read_text(encoding="utf-8")))


# Each two words that stand side by side on a line, no sign between them.
def _pairs(text: str) -> set:
    return {(_key(first), _key(second)) for first, between, second in _side_by_side(text) if not between}


# Each two neighbouring words on a line of the text, and the signs between them.
def _side_by_side(text: str):
    for line in unicodedata.normalize("NFC", text).split("\n"):
        edges = [_EDGES.match(t).groups() for t in line.split()]
        yield from ((a[1], a[2] + b[0], b[1]) for a, b in zip(edges, edges[1:]) if a[1] and b[1])


# The word as its letters and its tone mark, wherever the mark stands.
def _key(word: str) -> tuple[str, str]:
    letters = unicodedata.normalize("NFD", word)
    tone = "".join(c for c in letters if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES)), tone


# The word next to word i on its line (step -1: before, 1: after) with no sign between them, or ''.
def _neighbour(texts: list[str], line: list, i: int, step: int) -> str:
    k = i + step
    if not 0 <= k < len(texts) or line[k] != line[i]:
        return ""
    before, word, after = _EDGES.match(texts[k]).groups()
    return word if not (after if step < 0 else before) else ""
