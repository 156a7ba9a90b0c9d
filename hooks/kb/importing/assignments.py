"""Proposed tasks: who must do what, by when, reporting to whom, read from the parts that assign work.

A plan assigns work in its 'Tổ chức thực hiện' part; a directive gives numbered points to the addressees its
preamble names ('… yêu cầu các sở, ban, ngành … tập trung thực hiện các nội dung sau:').
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from ..text import clip, fold
from .layout import Part, is_heading
from .units import Units

_ASSIGN = re.compile(r"^(?:Giao|Yêu cầu|Đề nghị)\s+")
_ADDRESSEES = re.compile(r"\byêu cầu\s+(?P<who>.+?)\s+(?:tập trung|thực hiện|triển khai|tổ chức)\b")
_ALIAS = re.compile(r"\(sau đây gọi(?: tắt)? là\s+([^)]+)\)")
_OPENING = re.compile(r"^(?:(?:Hằng|Hàng) năm|Định kỳ[^,]*|Đồng thời),\s*")
_PARTNERS = re.compile(r"\bphối hợp(?: với)?\s+")
_RESPONSIBLE = re.compile(r"(?:có|chịu) trách nhiệm(?: thực hiện)?(?: các| những)?(?: nhiệm vụ| nội dung)?(?: sau)?\s*:?"
                          r"|(?:có nhiệm vụ|thực hiện(?: các| những)? (?:nhiệm vụ|nội dung)(?: sau)?)\s*:?|:")
# What a unit does: a sentence naming units then one of these gives them the work.
_DOES = re.compile(r"(?:" + "|".join(sorted(("chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "tham mưu", "tổ chức",
    "xây dựng", "theo dõi", "căn cứ", "thường xuyên", "triển khai", "thực hiện", "hướng dẫn", "tập trung", "định kỳ",
    "báo cáo", "kịp thời", "chỉ đạo", "rà soát", "nghiên cứu", "gửi", "tăng cường", "quán triệt", "bố trí", "giải quyết",
    "kiểm tra", "đôn đốc", "tổng hợp", "cập nhật", "phân công", "nâng cao", "hoàn thành", "công khai", "tiếp nhận",
    "tuyên truyền", "tiếp tục", "quan tâm", "đẩy mạnh", "giám sát", "trực tiếp", "nghiêm túc", "ban hành", "sắp xếp",
    "phát huy", "bảo đảm", "chấp hành", "trình", "lãnh đạo", "cử", "thông tin", "phổ biến", "đề xuất", "vận động",
    "khẩn trương", "chủ động"), key=len, reverse=True)) + r")\b", re.I)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_NUMBERING = re.compile(r"^(?:[IVX]+\.|Điều \d{1,3}\.|\d{1,2}\.|[a-zđ]\)|[-–])\s+")
SUMMARY_CHARS = 200


@dataclass
class Proposed:
    """A task read from one sentence, with the sentence it came from."""
    code: str
    anchor: str
    summary: str
    sentence: str
    leads: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    report_to: list[str] = field(default_factory=list)
    via: str | None = None
    deadlines: list[dict] = field(default_factory=list)

    def front_matter(self) -> dict:
        task = {"ma": self.code, "muc": self.anchor, "noi_dung": self.summary, "chu_tri": self.leads}
        for key, value in (("phoi_hop", self.partners), ("bao_cao_cho", self.report_to), ("bao_cao_qua", self.via),
                           ("thoi_han", self.deadlines)):
            if value:
                task[key] = value
        return task


@dataclass
class Reading:
    """What the assignment parts yield: tasks, and unit names the registry does not know."""
    tasks: list[Proposed] = field(default_factory=list)
    unknown_units: list[tuple[str, str]] = field(default_factory=list)  # (phrase as written, part matching no unit)


def read_tasks(items: list[Part], first_body: int, units: Units) -> Reading:
    reader = _Reader(units)
    end = next((i for i, p in enumerate(items) if i >= first_body and (p.recipients or p.text.startswith("Nơi nhận"))),
               len(items))
    numbered = [i for i in range(first_body, end) if items[i].depth is not None]
    start = numbered[0] if numbered else first_body
    # The addressees may be named across paragraphs the layout split at a ';'.
    reader.addressees_from(" ".join(p.text for p in items[first_body:start] if not p.block.caps))
    section = next((i for i in numbered if items[i].depth == 0 and "to chuc thuc hien" in fold(items[i].text)), None)
    region = [p for p in items[section + 1 if section is not None else start:end] if not p.block.caps]
    top = min((p.depth for p in region if p.depth is not None), default=None)
    heading, under = [], None  # units a numbered line names alone ('1. Sở Nội vụ:'), and that line's depth
    for p in region:
        if p.depth == 0 and is_heading(p.text):
            continue  # 'II. NỘI DUNG': a decision's articles, by contrast, give the work themselves
        if p.depth is not None and under is not None and p.depth <= under:
            heading, under = [], None
        if p.depth is not None and (named := reader.unit_heading(p.text)):
            heading, under = named, p.depth
            continue
        # The points below a unit's heading are its work; a directive's other points go to its addressees.
        if heading:
            default = heading
        elif section is None:
            default = reader.addressees if p.depth == top and p.depth is not None else []
        else:
            default = []
        reader.paragraph(p, default)
    return reader.out


class _Reader:
    def __init__(self, units: Units):
        self.units = units
        self.scope = units.context.scope
        self.addressees: list[str] = []
        self.aliases: dict[str, list[str]] = {}  # '(sau đây gọi là cơ quan, đơn vị)': the addressees by that name
        self.out = Reading()
        self.spare = 0  # anchors given to unnumbered paragraphs
        self.last: Proposed | None = None

    def addressees_from(self, text: str) -> None:
        if m := _ADDRESSEES.search(text):
            self.addressees = self.addressees or self.units.find(_ALIAS.sub(" ", m["who"]))
            for alias in _ALIAS.findall(m["who"]):
                self.aliases[fold(alias).strip(" ,")] = self.addressees

    def unit_heading(self, text: str) -> list[str]:
        """'1. Sở Nội vụ', '1. Thủ trưởng các sở, ban, ngành có trách nhiệm:': a numbered line that only names
        units (and says they are responsible for what follows) heads the points below it."""
        name = _NUMBERING.sub("", text).strip()
        if len(name) > 160 or name.endswith((".", ";")):
            return []
        ids, end, _ = self.units.read(name)
        rest = name[end:].strip(" ,;")
        return ids if ids and (not rest or _RESPONSIBLE.fullmatch(rest)) else []

    def paragraph(self, p: Part, default: list[str]) -> None:
        self.last = None
        for sentence in _SENTENCE.split(_NUMBERING.sub("", p.text)):
            leads, partners, named = self.assignee(sentence)
            if named or (default and self.last is None):
                self.last = self.new(p, sentence, leads or ([] if named else default), partners)
            if self.last:
                self.details(self.last, sentence)

    def assignee(self, sentence: str) -> tuple[list[str], list[str], bool]:
        """Units the sentence makes responsible (its subject), those it asks to co-operate, and whether it gives
        work to someone ('Giao …', 'Đề nghị …', or units followed by what they do)."""
        explicit = _ASSIGN.match(sentence)
        text = _OPENING.sub("", sentence[explicit.end():] if explicit else sentence)
        alias = next((a for a in self.aliases if fold(text).removeprefix("cac ").startswith(a)), None)
        if alias is not None:
            leads, end = self.aliases[alias], fold(text).index(alias) + len(alias)
        else:
            leads, end, _ = self.units.read(text)
        rest = re.sub(r"^\s*\([^)]*\)", "", text[end:]).lstrip(" ,:")  # '(cơ quan thường trực)' after the unit
        if not leads or not (explicit or _DOES.match(rest)):
            if explicit:  # work given to something no unit could be read from: proposed, the phrase quoted
                who = _DOES.split(text, maxsplit=1)[0].strip(" ,")
                self.out.unknown_units.append((sentence, who))
            return [], [], bool(explicit)
        partners = []
        if m := _PARTNERS.search(rest):
            partners = self.units.read(rest[m.end():])[0]
        return leads, [u for u in partners if u not in leads], True

    def new(self, p: Part, sentence: str, leads: list[str], partners: list[str]) -> Proposed:
        if p.anchor is None:
            self.spare += 1
            p.anchor = f"giao-viec-{self.spare}"
        base = p.anchor.removeprefix("muc-")
        same = sum(1 for t in self.out.tasks if t.anchor == p.anchor)
        task = Proposed(f"{base}-{same + 1}" if same else base, p.anchor, summary(sentence), sentence, leads, partners)
        self.out.tasks.append(task)
        return task

    def details(self, task: Proposed, sentence: str) -> None:
        """Deadlines and who receives the report, from any sentence of the task."""
        task.deadlines += deadlines(sentence)
        if "báo cáo" not in sentence:
            return
        via = re.search(r"\(qua ([^)]+)\)", sentence)
        if via and not task.via:
            task.via = next(iter(self.units.read(via[1])[0]), None)
        plain = re.sub(r"\([^)]*\)?", " ", sentence)
        tail = plain[plain.find("báo cáo") + len("báo cáo"):]
        main, _, purpose = tail.partition(" để ")
        units = self.units.find(main)
        task.report_to += [u for u in units if u not in task.leads + task.report_to and u != task.via]
        # "… gửi báo cáo về A … để tổng hợp, báo cáo B": A gathers the reports for B.
        if task.report_to and "báo cáo" in purpose:
            above = self.units.find(purpose[purpose.find("báo cáo") + 7:])
            if above:
                relay = Proposed(f"{task.code}-tong-hop", task.anchor, summary(purpose.strip(" .;")), sentence,
                                 task.report_to[:1], report_to=above)
                self.out.tasks.append(relay)


def deadlines(sentence: str) -> list[dict]:
    """Deadlines in the forms of the schema: once with a year; within a month or a quarter of a year; yearly,
    every six months, every quarter or every month with a day ('hằng quý, trước ngày 20 tháng cuối quý'). How
    often is said before the date ('định kỳ 6 tháng (trước ngày 15/6)') or after it ('trước ngày 5/12 hằng năm')."""
    out, last = [], 0
    for m in _WHEN.finditer(sentence):
        before, after = sentence[last:m.start()], sentence[m.end():m.end() + 20]
        said = _every(before)
        label = _LABEL.search(before)
        item = _deadline(m, said or _every(after.split(",")[0]) or ("hang-thang" if m["monthly"] else None), label)
        if item is None:
            continue
        opening = label or (_EVERY_WORDS.search(before) if said else None)
        tail = _YEARLY_AFTER.match(after)
        wording = sentence[last + opening.start() if opening else m.start():m.end() + (tail.end() if tail else 0)]
        # 'trước ngày 20/6 và trước ngày 20/12': the next occurrence of a six-monthly date, not a deadline of its own.
        if said or not _repeat(out, item):
            out.append(item | {"nguyen_van": wording.strip(" ,;")})
        last = m.end()
    return out


_WHEN = re.compile(r"(?P<cuoi_quy>trước ngày (?P<qd>\d{1,2}) (?:của )?tháng cuối (?:mỗi )?quý)"
                   r"|(?P<truoc>(?:trước|chậm nhất(?: là)?(?: vào)?) ngày (?P<d>\d{1,2})(?:\s+tháng\s+|/)(?P<m>\d{1,2})"
                   r"(?:(?:\s+năm\s+|/)(?P<y>\d{4}))?)"
                   r"|(?P<monthly>trước ngày (?P<md>\d{1,2})(?= tháng sau|\s*[,;.)]|\s+hằng tháng|\s+hàng tháng|$))"
                   r"|(?P<thang>trong tháng (?P<im>\d{1,2})(?:(?:/|\s+năm\s+)(?P<iy>\d{4}))?)"
                   r"|(?P<quy>(?:trong )?[Qq]uý (?P<q>IV|I{1,3}|[1-4])(?:(?: năm |/)(?P<qy>\d{4}))?)")
_EVERY_WORDS = re.compile(r"(?:định kỳ\s*)?(?:(?:6|sáu) tháng(?: một lần)?|hằng quý|hàng quý|mỗi quý|hằng tháng|hàng tháng|hằng năm|hàng năm)"
                          r"(?!.*(?:6|sáu) tháng|.*hằng|.*hàng)", re.I)
_LABEL = re.compile(r"báo cáo (?:kết quả )?((?:0?6|sáu) tháng(?: đầu năm| cuối năm)?|năm|quý \w+)\s*\(?$")
_YEARLY_AFTER = re.compile(r"\)?\s*(?:hằng|hàng) năm|\)", re.I)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


# How often a deadline comes, from the words nearest it: 'định kỳ 6 tháng', 'hằng quý', 'hằng tháng', 'hằng năm'.
def _every(text: str) -> str | None:
    found = _EVERY_WORDS.search(text)
    if not found:
        return None
    words = fold(found.group())
    if "6 thang" in words or "sau thang" in words:
        return None if "dau nam" in fold(text[found.end():found.end() + 12]) else "sau-thang"
    return {"quy": "hang-quy", "thang": "hang-thang", "nam": "hang-nam"}[words.split()[-1]]


def _deadline(m: re.Match, every: str | None, label: re.Match | None) -> dict | None:
    # One date as the schema writes it; None when it is not a date of the calendar.
    if m["cuoi_quy"]:
        return _day(int(m["qd"]), 3, {"loai": "hang-quy"})
    if m["monthly"]:
        return _day(int(m["md"]), 1, {"loai": "hang-thang"}) if every == "hang-thang" else None
    if m["thang"]:
        month = int(m["im"])
        if not 1 <= month <= 12:
            return None
        if m["iy"]:
            return {"loai": "trong-thang", "thang": f"{m['iy']}-{month:02d}"}
        return _day(calendar.monthrange(2023, month)[1], month, {"loai": "hang-nam"}) if every == "hang-nam" else None
    if m["quy"]:
        quarter = _QUARTERS.get(m["q"]) or int(m["q"])
        if not m["qy"]:
            return None
        month = 3 * quarter
        return {"loai": "mot-lan", "ngay": f"{m['qy']}-{month:02d}-{calendar.monthrange(int(m['qy']), month)[1]:02d}"}
    day, month = int(m["d"]), int(m["m"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if m["y"]:
        return {"loai": "mot-lan", "ngay": f"{m['y']}-{month:02d}-{day:02d}"}
    kind = every if every in ("sau-thang", "hang-quy", "hang-thang") else "hang-nam"
    item = _day(day, month, {"loai": kind})
    if item and label and kind == "hang-nam":
        item["bao_cao"] = f"báo cáo {label[1]}"
    return item


def _day(day: int, month: int, item: dict) -> dict | None:
    # 'DD/MM', a day every year has.
    try:
        date(2023, month, day)
    except ValueError:
        return None
    return item | {"ngay_thang": f"{day:02d}/{month:02d}"}


def _repeat(found: list[dict], item: dict) -> bool:
    # The same six-monthly (or quarterly) deadline said again at its next occurrence.
    step = {"sau-thang": 6, "hang-quy": 3}
    for other in found:
        if other["loai"] in step and item.get("ngay_thang") and other["ngay_thang"][:2] == item["ngay_thang"][:2]:
            months = (int(item["ngay_thang"][3:]) - int(other["ngay_thang"][3:])) % 12
            if months and months % step[other["loai"]] == 0:
                return True
    return False


def summary(sentence: str) -> str:
    """The sentence without its number, cut at a word boundary: a starting point for the editor's summary."""
    return clip(_NUMBERING.sub("", " ".join(sentence.split())).rstrip(" ;."), SUMMARY_CHARS)
