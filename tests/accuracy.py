"""How well the importer reads the sources, field by field, against the curated documents of docs/van-ban/.

Each source is imported into a copy of the repository without the documents curated from it (so the
importer cannot lean on them), and its drafts are paired with those documents.
Scanned copies of the sources (printed in Chromium, rasterised) measure how many sentences OCR keeps.
Run as a script to print the tables of CONTRIBUTING.md: python tests/accuracy.py [--scans]
"""

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb.importing import drafts  # noqa: E402
from kb.importing.readers import read  # noqa: E402
from kb.model import load  # noqa: E402
from kb.originals import FOLDER, source_sentences  # noqa: E402
from kb.sources import dotted  # noqa: E402
from kb.text import squash  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("loai", "so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh",
          "nguoi_ky.ho_ten", "nguoi_ky.chuc_vu", "nguoi_ky.tham_quyen")
RELATIONS = ("trien_khai", "can_cu")
ROLES = ("chu_tri", "phoi_hop")
# A face drawn for screens, and one with Times New Roman's metrics, the face Nghị định 30 asks of documents.
SCAN_FONTS = ("DejaVu Sans", "Liberation Serif")


@dataclass
class Score:
    """Counts behind one line of the table."""
    right: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)

    def add(self, proposed: set, expected: set, where: str) -> None:
        self.right += len(proposed & expected)
        self.proposed += len(proposed)
        self.expected += len(expected)
        self.misses += [(where, "thiếu", x) for x in expected - proposed] + [(where, "thừa", x) for x in proposed - expected]

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def agreement(self) -> float:
        """Right over everything either side holds: misses and extras both count against it."""
        union = self.proposed + self.expected - self.right
        return self.right / union if union else 1.0


def measure(seeds: Path) -> dict[str, Score]:
    curated = load(ROOT)
    by_source: dict[str, list] = {}
    for page in curated.pages.values():
        by_source.setdefault(page.doc.original.file if page.doc.original else "", []).append(page)
    scores = {name: Score() for name in ("header", "relations", "tasks", "deadlines", "report_to")}
    for source in sorted(seeds.glob("*.txt")):
        pages = by_source.get(source.name, [])
        with tempfile.TemporaryDirectory() as scratch:
            model = load(_without(Path(scratch), [p.path for p in pages]))
        made = drafts(source.read_text(encoding="utf-8"), source.name, model)
        pairs = [(max(made, key=lambda d: _same_header(d.meta, page.meta.data)), page) for page in pages]
        # Drafts of one file may relate to each other under their provisional ids.
        same = {draft.id: page.doc.id for draft, page in pairs}
        for draft, page in pairs:
            got = {**draft.meta, **{k: [same.get(i, i) for i in draft.meta[k]] for k in RELATIONS}}
            _compare(scores, got, page.meta.data, page.doc.id)
    return scores


def scans(seeds: Path, browser, font: str, folder: Path) -> Score:
    """Sentences of each source that a scan of it, printed in the font, keeps letter for letter once imported."""
    from imported_files import pdf, scanned
    score, model = Score(), load(ROOT)
    for source in sorted(seeds.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        scan = scanned(pdf(text, folder / f"{source.stem}.pdf", browser, font), folder / f"{source.stem}-quet.pdf")
        extracted = read(scan)
        made = drafts(extracted.text, source.name, model, extracted.ocr_pages)
        wanted, lost = sentences_kept(text, "".join(d.markdown for d in made))
        score.add(set(wanted) - set(lost), set(wanted), source.name)
    return score


def sentences_kept(text: str, markdown: str) -> tuple[list[str], list[str]]:
    """The source's sentences, and those the draft does not hold letter for letter (its Markdown marks aside)."""
    wanted = source_sentences(text)
    kept = squash(re.sub(r"\{:? ?#[^}]*\}|^#+ |\\", "", markdown, flags=re.M))
    return wanted, [s for s in wanted if squash(s) not in kept]


def _without(scratch: Path, paths: list[str]) -> Path:
    # A copy of the content without the documents a source was curated into.
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, scratch / name, ignore=shutil.ignore_patterns("lien-ket.txt"))
    for path in paths:
        (scratch / path).unlink()
    return scratch


def _value(meta: dict, key: str):
    value = dotted(meta, key)
    return None if value is None else str(value)


def _same_header(a: dict, b: dict) -> int:
    return sum(_value(a, k) == _value(b, k) for k in HEADER)


def _compare(scores: dict[str, Score], got: dict, want: dict, doc: str) -> None:
    scores["header"].add({(k, _value(got, k)) for k in HEADER}, {(k, _value(want, k)) for k in HEADER}, doc)
    scores["relations"].add({(k, i) for k in RELATIONS for i in got.get(k, [])},
                            {(k, i) for k in RELATIONS for i in want.get(k, [])}, doc)
    for name, pairs in (("tasks", _pairs(ROLES)), ("report_to", _pairs(("bao_cao_cho",)))):
        scores[name].add(pairs(got), pairs(want), doc)
    scores["deadlines"].add(_deadlines(got), _deadlines(want), doc)


def _pairs(roles):
    # (unit, role) over all tasks of a document: who the document makes do what.
    return lambda meta: {(u, r) for t in meta.get("nhiem_vu", []) for r in roles for u in t.get(r, [])}


def _deadlines(meta: dict) -> set:
    return {(d["loai"], str(d.get("ngay") or d.get("thang") or d.get("ngay_thang")))
            for t in meta.get("nhiem_vu", []) for d in t.get("thoi_han", [])}


def table(scores: dict[str, Score]) -> str:
    rows = [("Trường đầu văn bản (8 trường × văn bản)", "header", "recall", "≥ 95%"),
            ("Quan hệ (trien_khai, can_cu)", "relations", "agreement", "≥ 90%"),
            ("Nhiệm vụ (đơn vị + vai trò): độ phủ", "tasks", "recall", "≥ 80%"),
            ("Nhiệm vụ (đơn vị + vai trò): độ chính xác", "tasks", "precision", "≥ 90%"),
            ("Thời hạn (loại + ngày)", "deadlines", "agreement", "≥ 90%"),
            ("Nơi nhận báo cáo (đơn vị): độ phủ", "report_to", "recall", "—"),
            ("Nơi nhận báo cáo (đơn vị): độ chính xác", "report_to", "precision", "—")]
    lines = ["| Đo | Kết quả | Đúng / đề xuất / mong đợi | Mục tiêu |", "|---|---|---|---|"]
    for label, key, measure_name, target in rows:
        s = scores[key]
        lines.append(f"| {label} | {getattr(s, measure_name):.0%} | {s.right} / {s.proposed} / {s.expected} | {target} |")
    return "\n".join(lines)


def scan_table(scores: dict[str, Score]) -> str:
    lines = ["| Phông chữ của bản in | Câu giữ đúng từng chữ | Giữ / có trong nguồn |", "|---|---|---|"]
    lines += [f"| {font} | {s.recall:.1%} | {s.right} / {s.expected} |" for font, s in scores.items()]
    return "\n".join(lines)


def _main() -> None:
    parser = argparse.ArgumentParser(description="Độ chính xác của bộ nhập trên các văn bản nguồn.")
    parser.add_argument("seeds", nargs="?", type=Path, default=ROOT / FOLDER)
    parser.add_argument("--scans", action="store_true", help="đo cả bản quét (cần Chromium và Tesseract)")
    args = parser.parse_args()
    result = measure(args.seeds)
    print(table(result))
    if args.scans:
        from conftest import chromium
        with chromium() as browser, tempfile.TemporaryDirectory() as folder:
            result.update({font: scans(args.seeds, browser, font, Path(folder)) for font in SCAN_FONTS})
        print("\n" + scan_table({font: result[font] for font in SCAN_FONTS}))
    for name, score in result.items():
        for miss in score.misses:
            print(f"- {name}: {miss}")


if __name__ == "__main__":
    _main()
