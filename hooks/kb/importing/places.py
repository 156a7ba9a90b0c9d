"""Vietnam's provinces and districts, from a maintained dataset (the vietnamadminunits package): the 63 provinces
and their districts before 1 July 2025, the 34 provinces after, and which old provinces each new one took in.

Only the package's data files are read (its code pulls in geometry libraries the importer does not need).
"""

import functools
import importlib.util
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..text import fold

MERGED = date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: the 34 provinces, and no districts, from this day
PROVINCE_WORDS = ("tỉnh", "thành phố")
DISTRICT_WORDS = ("huyện", "quận", "thị xã", "thành phố")


@dataclass(frozen=True)
class Place:
    """A province or a district, as a document names it ('tỉnh Quảng Trị', 'huyện Cẩm Xuyên')."""
    kind: str  # 'tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã'
    name: str  # 'Quảng Trị'
    province: "Place | None" = None  # of a district
    successor: "Place | None" = None  # a province merged into another on 1 July 2025: the other
    current: bool = True  # a province of the 34 (districts ended on 1 July 2025)

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def is_province(self) -> bool:
        return self.province is None


@functools.lru_cache(maxsize=1)
def gazetteer() -> "Gazetteer":
    spec = importlib.util.find_spec("vietnamadminunits")
    folder = Path(spec.submodule_search_locations[0]) / "data"
    return Gazetteer(*(json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))
                       for n in ("parser_legacy", "parser_from_2025", "converter_2025")))


class Gazetteer:
    """Places by folded name; a name shared by a province and a district of it ('thành phố Hà Tĩnh') is both."""

    def __init__(self, legacy: dict, current: dict, converter: dict):
        now = {key: value for key, value in current["DICT_PROVINCE"].items()}
        merged_into = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
        self.provinces: dict[str, list[Place]] = {}
        self.districts: dict[str, list[Place]] = {}
        for key, value in legacy["DICT_PROVINCE"].items():
            new = merged_into.get(key)
            successor = Place(_kind(now[new]["province"]), now[new]["provinceShort"]) if new and new != key else None
            province = Place(_kind(value["province"]), value["provinceShort"], None, successor, key in now)
            self._add(self.provinces, province)
            for district in legacy["DICT_PROVINCE_DISTRICT"].get(key, {}).values():
                short = re.sub(r"\s*\(.*\)$", "", district["districtShort"])  # 'Kỳ Anh (Huyện)': the dataset's own tag
                self._add(self.districts, Place(district["districtType"].lower(), short, province, None, False))
        for key, value in now.items():
            if key not in legacy["DICT_PROVINCE"]:
                self._add(self.provinces, Place(_kind(value["province"]), value["provinceShort"]))

    @staticmethod
    def _add(table: dict, place: Place) -> None:
        table.setdefault(fold(place.name), []).append(place)

    def province(self, name: str) -> Place | None:
        found = self.provinces.get(fold(name))
        return found[0] if found else None

    def district(self, name: str, province: Place | None = None) -> Place | None:
        found = [d for d in self.districts.get(fold(name), ()) if province is None or d.province.name == province.name]
        return found[0] if len(found) == 1 or (found and province) else None

    def named(self, text: str, province: Place | None = None) -> list[tuple[int, int, Place]]:
        """Places a text names with their kind word ('tỉnh Nghệ An', 'huyện Kỳ Anh'), as (start, end, place):
        positions in the folded text. Districts are looked for in the province given, when it is known."""
        folded, out = fold(text), []
        for m in _NAMED.finditer(folded):
            kind, words = _KINDS[m["kind"]], m["name"].split()
            for n in range(min(len(words), 4), 0, -1):  # the longest run of words that is a place
                name = " ".join(words[:n])
                end = m.start("name") + len(name)
                place = (self._of_kind(self.provinces.get(name, ()), kind) if kind in PROVINCE_WORDS else None) \
                    or (self._in(self.districts.get(name, ()), kind, province) if kind in DISTRICT_WORDS else None)
                if place:
                    out.append((m.start(), end, place))
                    break
        return out

    @staticmethod
    def _of_kind(places, kind: str) -> Place | None:
        return next((p for p in places if p.kind == kind), None)

    @staticmethod
    def _in(places, kind: str, province: Place | None) -> Place | None:
        fitting = [p for p in places if p.kind == kind and (province is None or p.province.name == province.name)]
        return fitting[0] if len(fitting) == 1 or (fitting and province) else None


_NAMED = re.compile(r"\b(?P<kind>tinh|thanh pho|huyen|quan|thi xa)\s+(?P<name>[a-z]+(?:[ -][a-z]+){0,3})")
_KINDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "huyen": "huyện", "quan": "quận", "thi xa": "thị xã"}


def _kind(full_name: str) -> str:
    # 'Tỉnh Quảng Trị' → 'tỉnh', 'Thành phố Hà Nội' → 'thành phố'.
    return "thành phố" if full_name.lower().startswith("thành phố") else "tỉnh"
