"""Proposed tasks: who must do what, by when, reporting to whom, read from the parts that assign work.

A plan assigns work in its 'Tổ chức thực hiện' part; a directive gives numbered points to the addressees its
preamble names ('… yêu cầu các sở, ban, ngành … tập trung thực hiện các nội dung sau:').
"""

import re
from dataclasses import dataclass, field

from ..text import clip, fold
from .layout import Part
from .matching import UnitIndex

_SUBJECT_END = re.compile(
    r"(?:^|\s+)(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|tham mưu|tổ chức|xây dựng|theo dõi|căn cứ|"
    r"thường xuyên|triển khai|thực hiện|hướng dẫn|tập trung|định kỳ|báo cáo|theo chức năng|kịp thời|chỉ đạo|"
    r"rà soát|nghiên cứu|gửi)\b")
_ASSIGN = re.compile(r"^(?:Giao|Yêu cầu|Đề nghị)\s+")
_ADDRESSEES = re.compile(r"\byêu cầu\s+(?P<who>.+?)\s+(?:tập trung|thực hiện|triển khai|tổ chức)\b")
_ALIAS = re.compile(r"\(sau đây gọi(?: tắt)? là\s+([^)]+)\)")
_OPENING = re.compile(r"^(?:(?:Hằng|Hàng) năm|Định kỳ[^,]*|Đồng thời),\s*")
_PARTNERS = re.compile(r"\bphối hợp(?: với)?\s+(?P<who>.+?)(?=\s+(?:tham mưu|thực hiện|triển khai|tổ chức|xây dựng|theo dõi)\b|[;.]|$)")
_BEFORE = re.compile(r"(?:(?P<label>báo cáo (?:0?6|sáu) tháng(?: đầu năm| cuối năm)?|báo cáo năm|báo cáo quý \w+)\s+)?"
                     r"trước ngày (?P<d>\d{1,2})(?:\s+tháng\s+|/)(?P<m>\d{1,2})(?:(?:\s+năm\s+|/)(?P<y>\d{4}))?")
_IN_MONTH = re.compile(r"trong tháng (?P<m>\d{1,2})/(?P<y>\d{4})")
_YEARLY_BEFORE = re.compile(r"(?:hằng|hàng) năm\s*\(\s*$", re.I)
_YEARLY_AFTER = re.compile(r"^\)|^\s+(?:hằng|hàng) năm", re.I)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_GENERIC = re.compile(r"\b(?:lien quan|co tham quyen|dia phuong)\b")  # "… có liên quan": no one unit
_NUMBERING = re.compile(r"^(?:[IVX]+\.|\d{1,2}\.|[a-zđ]\)|[-–])\s+")
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


def read_tasks(items: list[Part], first_body: int, index: UnitIndex, province: str | None) -> Reading:
    reader = _Reader(index, province)
    end = next((i for i, p in enumerate(items) if i >= first_body and (p.recipients or p.text.startswith("Nơi nhận"))),
               len(items))
    numbered = [i for i in range(first_body, end) if items[i].depth is not None]
    start = numbered[0] if numbered else first_body
    # The addressees may be named across paragraphs the layout split at a ';'.
    reader.addressees_from(" ".join(p.text for p in items[first_body:start] if not p.block.caps))
    section = next((i for i in numbered if items[i].depth == 0 and "to chuc thuc hien" in fold(items[i].text)), None)
    region = [p for p in items[section + 1 if section is not None else start:end] if not p.block.caps]
    top = min((p.depth for p in region if p.depth is not None), default=None)
    heading: list[str] = []
    for p in region:
        if p.depth == 0:
            continue
        if section is not None and p.depth == 1:
            heading = reader.unit_heading(p.text)
            if heading:
                continue
        # A directive's points go to its addressees; a plan's sub-points to the unit heading them.
        if section is None:
            default = reader.addressees if p.depth == top and p.depth is not None else []
        else:
            default = heading if p.depth and p.depth > 1 else []
        reader.paragraph(p, default)
    return reader.out


class _Reader:
    def __init__(self, index: UnitIndex, province: str | None):
        self.index, self.province = index, province
        self.addressees: list[str] = []
        self.aliases: dict[str, list[str]] = {}
        self.out = Reading()
        self.spare = 0  # anchors given to unnumbered paragraphs
        self.last: Proposed | None = None

    def addressees_from(self, text: str) -> None:
        m = _ADDRESSEES.search(text)
        if not m:
            return
        who = m["who"]
        units, _ = self.index.find(_ALIAS.sub(" ", who), self.province)
        self.addressees = self.addressees or units
        for alias in _ALIAS.findall(who):
            self.aliases[self.index.normalise(alias)] = units

    def unit_heading(self, text: str) -> list[str]:
        """'1. Sở Nội vụ': a numbered line that is only a unit name heads the points below it."""
        name = re.sub(r"^\S+\s+", "", text).rstrip(":")
        if len(name) > 120 or name.endswith("."):
            return []
        units, rest = self.index.find(name, self.province)
        return units if units and not rest else []

    def paragraph(self, p: Part, default: list[str]) -> None:
        self.last = None
        for sentence in _SENTENCE.split(_NUMBERING.sub("", p.text)):
            leads, partners = self.assignee(sentence)
            if leads or (default and self.last is None):
                self.last = self.new(p, sentence, leads or default, partners)
            if self.last:
                self.details(self.last, sentence)

    def assignee(self, sentence: str) -> tuple[list[str], list[str]]:
        """Units the sentence makes responsible (its subject) and those it asks to co-operate."""
        explicit = _ASSIGN.match(sentence)
        text = _OPENING.sub("", sentence[explicit.end():] if explicit else sentence)
        colon, end = text.find(":"), _SUBJECT_END.search(text)
        subjects = ([text[:colon]] if 0 < colon < 200 else []) + ([text[:end.start()]] if end else [])
        for subject in subjects:
            if len(subject) > 250:
                continue
            folded = self.index.normalise(subject)
            leads = [u for alias, units in self.aliases.items() if alias in folded for u in units]
            found, rest = self.index.find(subject, self.province)
            rest = [r for r in rest if not _GENERIC.search(r) and not any(a in r or r in a for a in self.aliases)]
            # Without 'Giao …' the whole subject must be units: otherwise it is a sentence about something else.
            if not (leads or found) or (rest and not explicit):
                continue
            self.out.unknown_units += [(subject, r) for r in rest]
            partners = []
            if m := _PARTNERS.search(text):
                partners, other = self.index.find(m["who"], self.province)
                self.out.unknown_units += [(m["who"], r) for r in other if not _GENERIC.search(r)]
            leads = list(dict.fromkeys(leads + found))
            return leads, [u for u in partners if u not in leads]
        return [], []

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
            units, _ = self.index.find(via[1], self.province)
            task.via = units[0] if units else None
        plain = re.sub(r"\([^)]*\)?", " ", sentence)
        tail = plain[plain.find("báo cáo") + len("báo cáo"):]
        main, _, purpose = tail.partition(" để ")
        units, _ = self.index.find(main, self.province)
        task.report_to += [u for u in units if u not in task.leads + task.report_to and u != task.via]
        # "… gửi báo cáo về A … để tổng hợp, báo cáo B": A gathers the reports for B.
        if task.report_to and "báo cáo" in purpose:
            above, _ = self.index.find(purpose[purpose.find("báo cáo") + 7:], self.province)
            if above:
                relay = Proposed(f"{task.code}-tong-hop", task.anchor, summary(purpose.strip(" .;")), sentence,
                                 task.report_to[:1], report_to=above)
                self.out.tasks.append(relay)


def deadlines(sentence: str) -> list[dict]:
    """Deadlines in the forms of the schema: yearly 'trước ngày 25 tháng 11', once with a year, a month."""
    out = []
    for m in _BEFORE.finditer(sentence):
        start, end = m.start(), m.end()
        if before := _YEARLY_BEFORE.search(sentence[:start]):
            start = before.start()
        if after := _YEARLY_AFTER.search(sentence[end:]):
            end += after.end()
        wording = sentence[start:end]
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if m["y"]:
            item = {"loai": "mot-lan", "ngay": f"{m['y']}-{month:02d}-{day:02d}"}
        else:
            item = {"loai": "hang-nam", "ngay_thang": f"{day:02d}/{month:02d}"}
            if m["label"]:
                item["bao_cao"] = m["label"]
        out.append(item | {"nguyen_van": wording})
    for m in _IN_MONTH.finditer(sentence):
        if 1 <= int(m["m"]) <= 12:
            out.append({"loai": "trong-thang", "thang": f"{m['y']}-{int(m['m']):02d}", "nguyen_van": m.group(0)})
    return out


def summary(sentence: str) -> str:
    """The sentence without its number, cut at a word boundary: a starting point for the editor's summary."""
    return clip(_NUMBERING.sub("", " ".join(sentence.split())).rstrip(" ;."), SUMMARY_CHARS)
