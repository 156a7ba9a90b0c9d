"""Units a phrase of a document names, read one after another: units of data/don-vi.yml first; then standard
bodies (data/co-quan.yml), collectives ('các sở, ban, ngành cấp tỉnh', 'UBND các xã, thị trấn') and named
offices ('Phòng …', 'Trung tâm …') that the registry does not hold yet: those become proposed registry entries,
named after the document's province or district.

Positions are those of the text as written: folding keeps one character for one, so the words matched on the
folded text point into the original, whose spelling the proposed names keep.
"""

import re
from dataclasses import dataclass, field

from ..records import Body
from ..text import fold, slug
from .matching import UnitIndex
from . import places
from .places import Place

# What a unit does, not what it is: a name written in small letters ends where one of these starts.
STOPS = [w.split() for w in """chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|tham mưu|tổ chức|xây dựng|theo dõi|căn cứ|
    thường xuyên|triển khai|thực hiện|hướng dẫn|tập trung|định kỳ|báo cáo|kịp thời|chỉ đạo|rà soát|nghiên cứu|gửi|tăng cường|
    quán triệt|bố trí|giải quyết|kiểm tra|đôn đốc|tổng hợp|cập nhật|phân công|nâng cao|hoàn thành|công khai|tiếp nhận|
    tuyên truyền|tiếp tục|quan tâm|đẩy mạnh|giám sát|trực tiếp|nghiêm túc|ban hành|sắp xếp|phát huy|bảo đảm|chấp hành|trình|
    lãnh đạo|là|được|để|về|tại|trong|nhằm|với|của|cho|đến|thì|nêu|này|đã|sẽ|cần|phải|có|theo|khẩn trương|chủ động""".split("|")]
SEPARATORS = {",", ";", "va", "hoac", ":", "."}
HEADS = [h.split() for h in ("thu truong", "nguoi dung dau", "chu tich", "giam doc", "lanh dao", "chanh", "truong ban")]
NAMED = [h.split() for h in ("van phong", "trung tam", "benh vien", "chi cuc", "thanh tra", "cong an", "phong", "ban",
                             "cuc", "bao", "dai", "truong", "hoi", "doi")]
# A collective: 'các' and the kinds of units it gathers, with their levels in the registry.
KINDS = {"to chuc chinh tri xa hoi": ["doan-the"], "doan the": ["doan-the"], "co quan": ["so-nganh", "don-vi-su-nghiep"],
         "don vi": ["don-vi-su-nghiep", "phong-ban"], "benh vien": ["don-vi-su-nghiep"], "trung tam": ["don-vi-su-nghiep"],
         "thi xa": ["huyen"], "thanh pho": ["huyen"], "thi tran": ["xa"], "dac khu": ["xa"], "so": ["so-nganh", "don-vi-su-nghiep"],
         "ban": ["so-nganh"], "nganh": ["so-nganh"], "phong": ["phong-ban"], "truong": ["don-vi-su-nghiep"],
         "to chuc": ["doan-the"], "hoi": ["doan-the"], "huyen": ["huyen"], "quan": ["huyen"], "xa": ["xa"], "phuong": ["xa"]}
PLACES = ("thanh pho", "thi xa", "tinh", "huyen", "quan")
DESCRIBED = ("truong", "benh vien", "trung tam", "don vi", "co quan", "to chuc", "hoi")  # kinds said with what kind
PLACE_KINDS = ("huyen", "quan", "thi xa", "thanh pho", "xa", "phuong", "thi tran", "dac khu")
EXPANSIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc", "VN": "Việt Nam"}
LEVELS = ["tinh", "so-nganh", "huyen", "xa", "don-vi-su-nghiep", "phong-ban", "doan-the", "dang"]


@dataclass
class Context:
    """Where a document stands: its province and district, the registry's unit of its province, its issuer."""
    province: Place | None = None
    district: Place | None = None
    registry_province: str | None = None  # the province's people's committee in the registry, if there
    issuer: str | None = None
    issuer_name: str | None = None  # full name of the issuer: its own offices are named after it

    def settle(self, issuer: str, index: UnitIndex) -> None:
        """The issuer is a registry unit: the document stands where it does (nowhere for a national body)."""
        self.issuer, self.issuer_name = issuer, index.model.units[issuer].name
        self.registry_province = index.home.get(issuer)
        place = index.places.get(self.registry_province or "")
        self.province = places.gazetteer().province(place) if place else None
        self.district = self.district if self.province else None

    @property
    def scope(self) -> str | None:
        """The registry province whose units the document names ('': a province the registry lacks)."""
        return self.registry_province if self.registry_province or self.province is None else ""


def locate(lines: list[str], place: str | None, index: UnitIndex) -> Context:
    """The province and district a document comes from: the places its header lines name ('TỈNH QUẢNG TRỊ',
    'HUYỆN CẨM XUYÊN'), else the place of its date line; and the registry's unit of that province."""
    gazetteer = places.gazetteer()
    named = [p for _, _, p in gazetteer.named(" ".join(lines))]
    district = next((p for p in named if not p.is_province), None)
    province = district.province if district else next((p for p in named if p.is_province), None)
    if province is None and place:
        district = gazetteer.district(place)
        province = district.province if district else gazetteer.province(place)
    if district and not any(p is district for p in named) and not _names(lines, ("huyen", "quan", "thi xa")):
        district = None  # only the date line's town: a provincial body sitting there
    registry = next((uid for uid, name in index.places.items() if province and name and fold(name) == fold(province.name)), None)
    return Context(province, district, registry)


def _names(lines: list[str], kinds) -> bool:
    folded = fold(" ".join(lines))
    return any(re.search(rf"\b{k}\b", folded) for k in kinds)


@dataclass
class Token:
    word: str  # folded; an abbreviation written out gives several tokens on its place
    start: int
    end: int


@dataclass
class Units:
    """The units one document names: registry ids, and proposed entries for the others by provisional id."""
    index: UnitIndex
    context: Context
    bodies: list[tuple[list[str], Body]]  # standard bodies (data/co-quan.yml): folded words, entry; longest first
    proposed: dict[str, dict] = field(default_factory=dict)
    read_from: dict[str, str] = field(default_factory=dict)  # proposed id → the phrase it was read from

    @classmethod
    def of(cls, index: UnitIndex, context: Context) -> "Units":
        bodies = [(index.normalise(b.name).split(), b) for b in index.model.bodies]
        return cls(index, context, sorted(bodies, key=lambda b: -len(b[0])))

    def read(self, text: str) -> tuple[list[str], int, list[str]]:
        """The units named one after another from the start of text: their ids, where the naming ends (a
        position in text), and the pieces read as a unit that no unit could be made of."""
        tokens = tokenize(text, self.index.expansions)
        ids, unknown, i, end = [], [], 0, 0
        while i < len(tokens):
            while i < len(tokens) and tokens[i].word in SEPARATORS - {":", "."}:
                i += 1
            found = self._unit(text, tokens, i) if i < len(tokens) else None
            if found is None:
                break
            n, uid = found
            if uid != "":  # '' : named no one in particular
                (ids if uid else unknown).append(uid or text[tokens[i].start:tokens[i + n - 1].end])
            i, end = i + n, tokens[i + n - 1].end
        return list(dict.fromkeys(ids)), end, unknown

    def find(self, text: str) -> list[str]:
        """Every unit text names, wherever it stands (an addressee list, who receives a report)."""
        tokens, ids, i = tokenize(text, self.index.expansions), [], 0
        while i < len(tokens):
            found = self._unit(text, tokens, i)
            if found and found[1]:
                ids.append(found[1])
            i += found[0] if found else 1
        return list(dict.fromkeys(ids))

    # One unit at token i: (tokens it takes, its id), or None where no unit is named.
    def _unit(self, text: str, tokens: list[Token], i: int) -> tuple[int, str | None] | None:
        head = next((len(h) for h in HEADS if _at(tokens, i, h)), 0)
        if head and (found := self._unit(text, tokens, i + head)):
            return head + found[0], found[1]
        for matcher in (self._collective, self._registry, self._standard, self._council, self._named):
            if found := matcher(text, tokens, i):
                return found
        return None

    def _registry(self, text, tokens, i):
        # The longest name of a registry unit the document can name, commas aside, unless a place follows it
        # ('Sở Nội vụ tỉnh X' is another province's).
        for name, uid in self.index.longest_first(self.context.scope):
            n = _at_loose(tokens, i, [w for w in name.split() if w != ","])
            if n and not any(_at(tokens, i + n, p.split()) for p in PLACES + ("cac",)):
                return n, uid
        return None

    def _collective(self, text, tokens, i):
        # '[Ủy ban nhân dân | Phòng X] các <kinds>, <kinds> … [descriptors] [cấp tỉnh | thuộc Sở …]'.
        owner = 0 if _at(tokens, i, ["cac"]) else (_council_words(tokens, i) or self._body_at(tokens, i)[0])
        # 'Ủy ban nhân dân quận, huyện': places of two kinds are all of them, 'các' or not.
        plural = owner and _council_words(tokens, i) and (kind := _kind_at(tokens, i + owner)) in PLACE_KINDS \
            and _joint(tokens, i + owner + len(kind.split()))
        if not _at(tokens, i + owner, ["cac"]) and not plural:
            return None
        k, levels, heads = i + owner + (0 if plural else 1), [], []
        while kind := _kind_at(tokens, k):
            levels += KINDS[kind]
            k += len(kind.split())
            while kind in DESCRIBED and k < len(tokens) and not _stop(text, tokens, k) and not _kind_at(tokens, k) \
                    and not _related(tokens, k) and tokens[k].word not in SEPARATORS | {"thuoc", "truc"} \
                    and text[tokens[k].start].islower():
                k += 1  # what kind of school, hospital: 'trường trung học phổ thông'
            if not (joint := _joint(tokens, k)):
                break
            if joint > 1:  # the head and 'các' repeated: left out of the name
                heads.append((tokens[k + 1].start, tokens[k + joint].start))
            k += joint
        if not levels:
            return None
        if related := _related(tokens, k):
            return k + related - i, ""  # 'các cơ quan, đơn vị có liên quan': no one in particular
        own_name = self.index.normalise(_short(self.context.issuer_name)).split() if self._department() else []
        end = k + _qualifier(tokens, k, own_name)
        cuts = [tokens[i].start] + [c for cut in heads for c in cut] + [tokens[end - 1].end]
        phrase = "".join(text[a:b] for a, b in zip(cuts[::2], cuts[1::2]))
        if owner and not _council_words(tokens, i):
            levels = ["phong-ban"]  # 'Phòng Tư pháp các huyện': that office in each of them
        elif owner:
            levels = [lv for lv in levels if lv in ("huyen", "xa")] or levels
        own = any(t.word == "so" for t in tokens[k:end]) or phrase.rstrip().endswith("Sở")
        return end - i, self.propose(phrase, sorted(set(levels), key=LEVELS.index), collective=True, own=own)

    def _body_at(self, tokens, i) -> tuple[int, dict | None]:
        return next(((len(w), b) for w, b in self.bodies if _at(tokens, i, w)), (0, None))

    def _standard(self, text, tokens, i):
        n, body = self._body_at(tokens, i)
        if body is None:
            return None
        if body.name == "Báo":  # 'Báo Nghệ An': a place's paper
            name = _capitalised(text, tokens, i + 1)
            if not name:
                return None
            n += name
        n += _place_tail(text, tokens, i + n)
        phrase = text[tokens[i].start:tokens[i + n - 1].end]
        if phrase.isupper():  # a header's capitals: the standard name; the document's place is added as written
            phrase = body.name
        return n, self.propose(phrase, [body.level], belongs=body.belongs, own=body.belongs == "so")

    def _council(self, text, tokens, i):
        # 'Ủy ban nhân dân tỉnh', '… huyện Cẩm Xuyên', '… tỉnh Đắk Lắk': a people's committee by its level and place.
        n = _council_words(tokens, i)
        tail = _place_tail(text, tokens, i + n) if n else 0
        if not tail:
            return None  # 'Ủy ban nhân dân các …' is a collective, and a committee is named with its level
        words = [t.word for t in tokens[i + n:i + n + tail] if t.word not in ("cap", "thuoc")]
        kind = next(p for p in PLACES if words[:len(p.split())] == p.split())
        named = " ".join(words[len(kind.split()):])
        ctx = self.context
        for place, unit in ((ctx.district, self.district_unit), (ctx.province, self.province_unit)):
            if place and (kind in ("tinh", "thanh pho")) == place.is_province and named in ("", fold(place.name)):
                return n + tail, unit()
        found = places.gazetteer().named(text[tokens[i + n].start:tokens[i + n + tail - 1].end], ctx.province)
        if not found:
            return None
        place = found[0][2]
        return n + tail, self.propose(f"Ủy ban nhân dân {place.full}", ["tinh" if place.is_province else "huyen"],
                                      council=True)

    def province_unit(self) -> str | None:
        """The province's people's committee: the registry's, else proposed (with its successor after 2025)."""
        ctx = self.context
        if ctx.registry_province or ctx.province is None:
            return ctx.registry_province
        uid = self.propose(f"Ủy ban nhân dân {ctx.province.full}", ["tinh"], council=True, belongs="tinh")
        if (heir := ctx.province.successor) and "ke_thua" not in self.proposed.get(uid, {"ke_thua": 1}):
            basis = f"Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh ({ctx.province.full} nhập vào {heir.full})"
            # The successor itself, from the registry or proposed beside it: the entry must point at a unit.
            self.proposed[uid] |= {"hieu_luc_den": "2025-06-30", "can_cu_ke_thua": basis,
                                   "ke_thua": self.propose(f"Ủy ban nhân dân {heir.full}", ["tinh"], council=True)}
        return uid

    def district_unit(self) -> str | None:
        """The district's people's committee, under its province's."""
        ctx = self.context
        return self.propose(f"Ủy ban nhân dân {ctx.district.full}", ["huyen"], council=True) if ctx.district else None

    def issuer(self, lines: list[str]) -> str | None:
        """The issuing body from the header's lines ('ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ', 'UBND TỈNH NAM ĐỊNH /
        SỞ TƯ PHÁP', 'THỦ TƯỚNG CHÍNH PHỦ'): the last unit they name, within the places they name. A national
        body stands nowhere; a body's own offices are named after it."""
        text, before = " ".join(lines), set(self.proposed)
        ids, end, _ = self.read(text)
        uid, ctx = (ids or [None])[-1], self.context
        if uid is None or text[end:].strip() or uid not in self.index.model.units and ctx.province is None:
            for new in set(self.proposed) - before:  # 'SỞ Y TẾ' alone: whose, the text may say
                del self.proposed[new], self.read_from[new]
            return None
        if uid in self.index.model.units:
            ctx.settle(uid, self.index)
        else:
            ctx.issuer, ctx.issuer_name = uid, self.proposed[uid]["ten"]
        return uid

    def _named(self, text, tokens, i):
        # 'Phòng Tổ chức cán bộ', 'Phòng Phổ biến, giáo dục pháp luật': a head word and a name begun with a capital;
        # words with a capital go on with it, a word in small letters that says what is done ends it, and so do
        # 'và' or ',' before another unit. Its department named after it ('…, Sở Y tế') belongs to it.
        head = next((h for h in NAMED if _at(tokens, i, h)), None)
        k = i + len(head) if head else i
        if head is None or k >= len(tokens) or not text[tokens[k].start].isupper():
            return None
        while k < len(tokens) and tokens[k].word not in (";", ".", ":"):
            if text[tokens[k].start].islower() and _stop(text, tokens, k):
                break
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if tokens[k].word in (",", "va") and (following is None or _stop(text, tokens, k + 1) or following.word == "cac"
                                                  or any(_at(tokens, k + 1, h) for h in NAMED + [b for b, _ in self.bodies])
                                                  or tokens[k].word == "," and text[following.start].isupper()):
                break
            k += 1
        phrase = text[tokens[i].start:tokens[k - 1].end]
        level = {"phong": "phong-ban", "van": "phong-ban", "doi": "phong-ban", "ban": "so-nganh", "hoi": "doan-the",
                 "cong": "so-nganh", "cuc": "so-nganh", "chi": "so-nganh", "thanh": "phong-ban"}.get(head[0], "don-vi-su-nghiep")
        own = self._department() and head[0] in ("phong", "van", "thanh", "chi")
        if own and (parent := self.index.normalise(_short(self.context.issuer_name)).split()) and \
                _at(tokens, k, [","] + parent):
            k += 1 + len(parent)  # 'Phòng Tổ chức - Hành chính, Sở Y tế'
        return k - i, self.propose(phrase, [level], own=own)

    def _department(self) -> bool:
        # A department's document: its 'Phòng …', 'Văn phòng', 'Thanh tra' are its own offices.
        return bool(self.context.issuer_name and self.context.issuer_name.startswith("Sở"))

    def propose(self, phrase: str, levels: list[str], collective: bool = False, belongs: str | None = None,
                council: bool = False, own: bool = False) -> str:
        """The id of the unit a phrase names: a registry unit with that full name, else a proposed entry."""
        name = self._name(phrase, collective, belongs, own)
        if uid := self.index.exact(name) or self._registered(name, levels, collective, own):
            return uid
        uid = _identifier(name)
        if uid not in self.proposed:
            parent = self._parent(collective, belongs, council, own, levels)
            entry = {"id": uid, "ten": name, "cap": levels[0]}
            entry |= {"truc_thuoc": parent} if parent else {}
            entry |= {"tap_the": {"cap": levels, **({"truc_thuoc": parent} if parent else {})}} if collective else {}
            self.proposed[uid], self.read_from[uid] = entry, " ".join(phrase.split())
        return uid

    def _registered(self, name: str, levels: list[str], collective: bool, own: bool) -> str | None:
        # A registry unit written differently: a collective of the same levels under the same unit; another unit
        # whose name mostly shares its words.
        if collective:
            under = self.context.issuer if own else self.province_unit()
            fits = [u for u in self.index.model.units.values() if u.collective and under
                    and (u.collective.under or u.parent) == under and set(u.collective.levels) & set(levels)]
            words = set(self.index.normalise(name).split())

            def likeness(u):  # the same levels first, then most levels shared, then most words of the name
                shared = set(u.collective.levels) & set(levels)
                return set(u.collective.levels) == set(levels), len(shared), len(words & set(self.index.normalise(u.name).split()))
            return max(fits, key=likeness).id if fits else None
        return self.index.closest(self.index.normalise(name), self.context.scope)

    def _name(self, phrase: str, collective: bool, belongs: str | None, own: bool) -> str:
        # The name as the registry writes it: abbreviations written out, the place or department it belongs to.
        name = _expanded(" ".join(phrase.split()))
        name = name[:1].upper() + name[1:]
        ctx = self.context
        if own and self._department():
            return f"{name[:-2]}{ctx.issuer_name}" if name.endswith("Sở") else f"{name}, {ctx.issuer_name}"
        place = ctx.district if ctx.district and belongs != "tinh" else ctx.province
        if place is None or fold(place.name) in fold(name) or _PLACED.search(name):
            return name
        if collective:
            return f"{name} ({place.name if place.is_province else place.full})"
        if re.search(r"\b(tỉnh|thành phố|huyện|quận|thị xã)$", name):
            return f"{name} {place.name}"
        return f"{name} {place.full}"

    def _parent(self, collective, belongs, council, own, levels) -> str | None:
        ctx = self.context
        if own:
            return ctx.issuer
        if council:
            return self.province_unit() if levels == ["huyen"] else None
        if ctx.district and belongs != "tinh" and not (collective and "huyen" in levels):
            return self.district_unit()
        return self.province_unit()


QUALIFIERS = [q.split() for q in ("uy ban nhan dan tinh", "uy ban nhan dan thanh pho", "uy ban nhan dan huyen", "so", "tinh",
                                  "thanh pho", "huyen")]


def _qualifier(tokens: list[Token], k: int, own: list[str]) -> int:
    # What a collective is part of: '(trực) thuộc Sở [Y tế]', 'thuộc và trực thuộc Sở', 'thuộc Ủy ban nhân dân
    # tỉnh', 'cấp tỉnh', 'tỉnh', 'thành phố'; own: the words of the issuer's name.
    lead = k
    while lead < len(tokens) and tokens[lead].word in ("truc", "thuoc", "va", "cap"):
        lead += 1
    found = next((q for q in [own] + QUALIFIERS if q and _at(tokens, lead, q)), None)
    return lead - k + len(found) if found else 0


_PLACED = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã) [A-ZĐ]")  # a name that says its place ('… tỉnh Hà Tĩnh')


def _identifier(name: str) -> str:
    return re.sub(r"uy-ban-nhan-dan", "ubnd", slug(name))[:80].strip("-")


def tokenize(text: str, expansions: dict[str, str]) -> list[Token]:
    """Words of text, folded as the registry's names are; an abbreviation gives the words it stands for, on its
    own place in the text."""
    out = []
    for m in re.finditer(r"\w+|[,;:.]", fold(text)):
        for part in expansions.get(m.group(), m.group()).split():
            out.append(Token(part, m.start(), m.end()))
    return out


def _expanded(text: str) -> str:
    return re.sub(r"\b(" + "|".join(EXPANSIONS) + r")\b", lambda m: EXPANSIONS[m[1]], text)


def _at(tokens: list[Token], i: int, wanted: list[str]) -> bool:
    return [t.word for t in tokens[i:i + len(wanted)]] == wanted


def _at_loose(tokens: list[Token], i: int, wanted: list[str]) -> int:
    # How many tokens from i spell wanted, commas in the text skipped; 0 when they do not.
    k = i
    for word in wanted:
        while k < len(tokens) and tokens[k].word == ",":
            k += 1
        if k >= len(tokens) or tokens[k].word != word:
            return 0
        k += 1
    return k - i


def _stop(text: str, tokens: list[Token], k: int) -> bool:
    # Compared as written, marks and all: folded, 'cán bộ' would read as 'cần'.
    written = [text[t.start:t.end].lower() for t in tokens[k:k + 3]]
    return any(written[:len(stop)] == stop for stop in STOPS)


def _short(name: str) -> str:
    # 'Sở Y tế tỉnh Kon Tum' → 'Sở Y tế': the name the document itself uses.
    return re.split(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã)\s+", name)[0]


def _joint(tokens: list[Token], k: int) -> int:
    # Tokens from k that join one more kind to a collective: ', ' or 'và', with the head of those units and 'các'
    # again ('Giám đốc các sở, Thủ trưởng các ban, ngành'); 0 when none follows.
    if not (_at(tokens, k, [","]) or _at(tokens, k, ["va"])):
        return 0
    head = next((len(h) for h in HEADS if _at(tokens, k + 1, h) and _at(tokens, k + 1 + len(h), ["cac"])), -1) + 1
    return 1 + head if _kind_at(tokens, k + 1 + head) else 0


def _related(tokens: list[Token], k: int) -> int:
    # '(có) liên quan' at k: how many tokens it takes.
    return next((len(w) for w in (["co", "lien", "quan"], ["lien", "quan"]) if _at(tokens, k, w)), 0)


def _kind_at(tokens: list[Token], k: int) -> str | None:
    return next((kind for kind in KINDS if _at(tokens, k, kind.split())), None)


def _council_words(tokens: list[Token], i: int) -> int:
    return 4 if _at(tokens, i, ["uy", "ban", "nhan", "dan"]) else 0


def _place_tail(text: str, tokens: list[Token], k: int) -> int:
    # 'tỉnh', 'cấp tỉnh', 'thuộc tỉnh', 'tỉnh Quảng Trị', 'huyện Cẩm Xuyên': where a unit belongs. A place's name
    # is the longest run of words after the kind that the gazetteer knows; else the words with a capital.
    n = 1 if tokens[k:k + 1] and tokens[k].word in ("cap", "thuoc") else 0
    kind = next((p for p in PLACES if _at(tokens, k + n, p.split())), None)
    if kind is None:
        return 0
    start, n = k + n, n + len(kind.split())
    last = min(k + n + 4, len(tokens)) - 1
    named = places.gazetteer().named(text[tokens[start].start:tokens[last].end])
    if named and named[0][0] == 0:
        end = tokens[start].start + named[0][1]
        return n + sum(1 for t in tokens[k + n:last + 1] if t.end <= end)
    while k + n < len(tokens) and text[tokens[k + n].start].isupper() and n < 7 \
            and not text[tokens[k + n].start:tokens[k + n].end].isupper():  # a word in capitals: a header's next line
        n += 1
    return n


def _capitalised(text: str, tokens: list[Token], i: int) -> int:
    # Words written with a capital from token i: a place's name ('Nghệ An').
    n = 0
    while i + n < len(tokens) and text[tokens[i + n].start].isupper() and n < 4:
        n += 1
    return n
