"""Find the units of data/don-vi.yml that a phrase of a document names.

A text names units the way its issuer sees them: "Sở Nội vụ", "UBND tỉnh", "các sở, ban, ngành" without
the province. So each unit is also known by its local name (its name without its province's place), and
a phrase is read within the document's province: its units, plus the national ones.
"""

import re
from dataclasses import dataclass

from ..model import Model
from ..records import Unit
from ..text import fold

_PLACE = re.compile(r"(?:tỉnh|thành phố)\s+(.+)$")
_BRACKETS = re.compile(r"\([^)]*\)")
_QUALIFIER = {"thuoc", "cua", "qua", "giup"}  # "… thuộc Ủy ban nhân dân tỉnh": a qualifier, not an addressee
_HEADS = ("thu truong", "nguoi dung dau", "chu tich", "giam doc", "lanh dao")  # the head of a unit stands for it


@dataclass
class Found:
    unit: str
    start: int  # position in the normalised phrase
    end: int


class UnitIndex:
    """Units of the registry by their full and local names, with the places of the provinces."""

    def __init__(self, model: Model):
        self.model = model
        self.expansions = {fold(a.short): normalise_plain(a.full[0]) for a in model.abbreviations}
        self.places = {u.id: place_of(u) for u in model.units.values() if u.level == "tinh" and not u.collective}
        self._folded_places = {uid: f" {normalise_plain(place)} " for uid, place in self.places.items() if place}
        self.home: dict[str, str | None] = {}  # unit → its province unit, None for national units
        self.names: dict[str, set[str]] = {}
        self.local: dict[str, str] = {}
        self.words: dict[str, set[str]] = {}  # words of the local name, for near matches
        for unit in model.units.values():
            province = model.province(unit.id)
            self.home[unit.id] = province.id if province else None
            place = self.places.get(province.id) if province else None
            # "Sở Nội vụ tỉnh Hà Tĩnh" is written "Sở Nội vụ"; "… thuộc Ủy ban nhân dân tỉnh Kiên Giang", "… tỉnh".
            variants = [_BRACKETS.sub(" ", unit.name), local_name(unit, place, True), local_name(unit, place, False)]
            self.names[unit.id] = {n for n in map(self.normalise, variants) if n}
            self.local[unit.id] = self.normalise(variants[1])
            self.words[unit.id] = set(self.local[unit.id].split()) - {",", ";"}
        self._scopes: dict[str | None, list[str]] = {}
        self._longest_first: dict[str | None, list[tuple[str, str]]] = {}
        self._full = {self.normalise(u.name): u.id for u in model.units.values()}

    def normalise(self, text: str) -> str:
        """Folded words separated by single spaces, abbreviations written out."""
        return " ".join(self.expansions.get(w, w) for w in normalise_plain(text).split())

    def place_in(self, text: str) -> str | None:
        """The province whose place the text names most often (a province unit id), if any."""
        folded = " " + normalise_plain(text) + " "
        counts = {uid: folded.count(place) for uid, place in self._folded_places.items()}
        best = max(counts, key=counts.get, default=None)
        return best if best and counts[best] else None

    def exact(self, name: str) -> str | None:
        """The registry unit with exactly this name (a place in brackets too), written out and folded."""
        return self._full.get(self.normalise(name))

    def longest_first(self, province: str | None) -> list[tuple[str, str]]:
        """(name, unit id) of the units a document of this province can name, longest names first."""
        if province not in self._longest_first:
            self._longest_first[province] = sorted(((n, uid) for uid in self.scope(province) for n in self.names[uid]),
                                                   key=lambda p: -len(p[0]))
        return self._longest_first[province]

    def scope(self, province: str | None) -> list[str]:
        """Units a document of this province can name: its own, and national ones (computed once per province);
        '' for a province the registry does not hold: national ones only."""
        if province not in self._scopes:
            # With no province known, a province whose name holds no place stands for the unknown one.
            self._scopes[province] = [uid for uid, home in self.home.items() if home is None or home == province
                                      or (province is None and not self.places.get(home))]
        return self._scopes[province]

    def find(self, phrase: str, province: str | None) -> tuple[list[str], list[str]]:
        """Units named in the phrase (in order) and the parts of it that name no known unit."""
        text = self.normalise(phrase)
        found: list[Found] = []
        for name, uid in self.longest_first(province):
            for m in re.finditer(r"(?<!\S)" + re.escape(name) + r"(?!\S)", text):
                before = text[:m.start()].split()[-1:] or [""]
                overlaps = any(f.start < m.end() and m.start() < f.end for f in found)
                if not overlaps and before[0] not in _QUALIFIER:
                    found.append(Found(uid, m.start(), m.end()))
        found.sort(key=lambda f: f.start)
        rest = []
        for piece in _uncovered(text, found):
            # A piece may be one unit written differently, or a list of them.
            if whole := self.closest(piece, province):
                found.append(Found(whole, len(text), len(text)))
                continue
            for part in re.split(r"\s*[,;]\s*|\s+va\s+", piece):
                if uid := self.closest(part, province):
                    found.append(Found(uid, len(text), len(text)))
                elif len(part.split()) >= 2:
                    rest.append(part)
        return list(dict.fromkeys(f.unit for f in found)), rest

    def closest(self, part: str, province: str | None) -> str | None:
        """The unit whose local name shares most words with a part, when both sides mostly agree."""
        words = set(_strip_head(part).split()) - {",", ";"}
        best, score = None, 0.0
        for uid in self.scope(province):
            name = self.words[uid]
            shared = len(words & name)
            if words and name and shared / len(words) >= 0.75 and shared / len(name) >= 0.75:
                if shared / len(words | name) > score:
                    best, score = uid, shared / len(words | name)
        return best

    def signer_unit(self, body: str, province: str | None) -> str | None:
        """The unit a capacity line names ("TM. Ủy ban nhân dân", "KT. Thủ tướng"): the shortest containing it."""
        words = self.normalise(body).split()
        fits = [u for u in self.scope(province) if _contains(self.local[u].split(), words)
                and not self.model.units[u].collective]
        return min(fits, key=lambda u: len(self.local[u]), default=None)


def normalise_plain(text: str) -> str:
    """Folded words and list separators (',' ';'), one space apart."""
    return " ".join(re.sub(r"[^\w,;]+", " ", re.sub(r"\s*([,;])\s*", r" \1 ", fold(text))).split())


def place_of(province: Unit) -> str | None:
    """'Ủy ban nhân dân tỉnh Hà Tĩnh' → 'Hà Tĩnh'; None when the name holds no place."""
    m = _PLACE.search(_BRACKETS.sub("", province.name).strip())
    return m[1] if m else None


def local_name(unit: Unit, place: str | None, drop_kind: bool) -> str:
    """The name without brackets and without its province's place (and the word 'tỉnh' before it)."""
    name = _BRACKETS.sub(" ", unit.name)
    if place:
        kind = r"(?:tỉnh\s+|thành phố\s+)?" if drop_kind else ""
        name = re.sub(r"\s*\b" + kind + re.escape(place) + r"\b", " ", name)
    return name


def _uncovered(text: str, found: list[Found]) -> list[str]:
    # The parts between matches, without the separators around them, that are long enough to name a unit.
    pieces, last = [], 0
    for f in found:
        pieces.append(text[last:f.start])
        last = f.end
    pieces.append(text[last:])
    trimmed = (re.sub(r"^(?:[,;]|va|hoac|\s)+|(?:[,;]|va|hoac|\s)+$", "", p) for p in pieces)
    return [p for p in trimmed if len(p.split()) >= 2]


def _strip_head(part: str) -> str:
    for head in _HEADS:
        if part.startswith(head + " "):
            return part[len(head) + 1:]
    return part


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))
