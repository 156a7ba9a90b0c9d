"""How well the importer reads documents, field by field, on a development set and on a held-out set.

Development: the five originals of nguon/ (truth: the documents curated from them in docs/van-ban/, each source
imported into a copy of the base without them) and tests/importer-eval/dev/. Held-out: tests/importer-eval/held-out/,
written before the rules and never used to write them. Each evaluation document is read as a text copy, a Word
file, a text PDF and a scanned PDF (tests/imported_files.py). Run as a script for the tables of CONTRIBUTING.md:
python tests/accuracy.py [--sets dev held-out] [--formats txt docx pdf scan] [--misses]
"""

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from imported_files import FORMATS, cases, render  # noqa: E402
from kb.importing import drafts  # noqa: E402
from kb.importing.lexicon import Lexicon  # noqa: E402
from kb.importing.readers import read  # noqa: E402
from kb.model import load  # noqa: E402
from kb.originals import FOLDER, source_sentences  # noqa: E402
from kb.sources import dotted  # noqa: E402
from kb.text import fold, squash  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests/importer-eval"
SETS = {"dev": EVAL / "dev", "held-out": EVAL / "held-out"}
HEADER = ("loai", "so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh",
          "nguoi_ky.ho_ten", "nguoi_ky.chuc_vu", "nguoi_ky.tham_quyen")
RELATIONS = ("trien_khai", "can_cu")
ROLES = ("chu_tri", "phoi_hop")
METRICS = ("header", "relations", "tasks", "deadlines", "scan")
# A face drawn for screens, and one with Times New Roman's metrics, the face Nghị định 30 asks of documents.
SCAN_FONTS = ("DejaVu Sans", "Liberation Serif")
SCAN_TARGET = 0.95  # share of a scan's sentences that OCR must keep letter for letter (CONTRIBUTING)


@dataclass
class Score:
    """Counts behind one line of the table."""
    right: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)

    def add(self, proposed: set, expected: set, where: str, matched: int = 0) -> None:
        """matched: pairs found alike by another rule than equality, taken out of both sets beforehand."""
        self.right += len(proposed & expected) + matched
        self.proposed += len(proposed) + matched
        self.expected += len(expected) + matched
        self.misses += [(where, "thiếu", x) for x in expected - proposed] + [(where, "thừa", x) for x in proposed - expected]

    def merge(self, other: "Score") -> "Score":
        return Score(self.right + other.right, self.proposed + other.proposed, self.expected + other.expected,
                     self.misses + other.misses)

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


def _scores() -> dict[str, Score]:
    return {name: Score() for name in METRICS}


# The originals of the base: each imported into a copy of the content without the documents curated from it.
def measure_originals() -> dict[str, Score]:
    curated = load(ROOT)
    by_file: dict[str, list] = {}
    for page in curated.pages.values():
        by_file.setdefault(page.doc.original.file if page.doc.original else "", []).append(page)
    scores = _scores()
    for source in sorted((ROOT / FOLDER).glob("*.txt")):
        pages = by_file.get(source.name, [])
        with tempfile.TemporaryDirectory() as scratch:
            model = load(_without(Path(scratch), [p.path for p in pages]))
        made = drafts(source.read_text(encoding="utf-8"), source.name, model)
        pairs = [(max(made, key=lambda d: _same_header(d.meta, page.meta.data)), page) for page in pages]
        same = {draft.id: page.doc.id for draft, page in pairs}  # drafts of one file relate under provisional ids
        for draft, page in pairs:
            got = {**draft.meta, **{k: [same.get(i, i) for i in draft.meta[k]] for k in RELATIONS}}
            _compare(scores, Reading(got, model), _truth_of(page.meta.data), page.doc.id)
    return scores


def _truth_of(meta: dict) -> dict:
    # A curated document's front matter in the form of an evaluation truth.
    return {**{k: dotted(meta, k) for k in HEADER if "." not in k}, "nguoi_ky": meta["nguoi_ky"],
            **{k: meta.get(k, []) for k in RELATIONS},
            "nhiem_vu": [[u, r] for t in meta.get("nhiem_vu", []) for r in ROLES for u in t.get(r, [])],
            "thoi_han": [[d["loai"], str(d.get("ngay") or d.get("thang") or d.get("ngay_thang"))]
                         for t in meta.get("nhiem_vu", []) for d in t.get("thoi_han", [])]}


def measure_cases(folder: Path, formats, browser, scratch: Path) -> dict[str, dict[str, Score]]:
    """Scores by format for the documents of an evaluation set."""
    model = load(ROOT)
    lexicon = Lexicon.of(model)
    out = {kind: _scores() for kind in formats}
    for case in cases(folder):
        for kind in formats:
            path = render(case, kind, scratch, browser)
            extracted = read(path, lexicon)
            made = drafts(extracted.text, path.name, model, extracted.ocr_pages)
            draft = max(made, key=lambda d: _same_header(d.meta, case.truth))
            _compare(out[kind], Reading(draft.meta, model), case.truth, f"{case.name}.{kind}")
            if kind == "scan":
                wanted, lost = sentences_kept("\n\n".join(case.paragraphs()), "".join(d.markdown for d in made))
                out[kind]["scan"].add(set(wanted) - set(lost), set(wanted), case.name)
    return out


@dataclass
class Reading:
    """A draft's front matter and what its proposals add: new units and new cited documents, by provisional id."""
    meta: dict
    model: object

    def __post_init__(self):
        offered = [p.get("gia_tri") or {} for p in self.meta.get("de_xuat", [])]
        self.new_units = {v["id"]: v for v in offered if "cap" in v and "id" in v}
        self.new_cited = {v["id"]: v for v in offered if "so_hieu" in v and "id" in v}

    def unit_name(self, unit_id: str) -> str:
        unit = self.model.units.get(unit_id)
        return unit.name if unit else self.new_units.get(unit_id, {}).get("ten", unit_id)

    def reference(self, doc_id: str) -> str:
        """A cited document as the truth names it: its id in the base, or its number when new."""
        return self.new_cited[doc_id]["so_hieu"] if doc_id in self.new_cited else doc_id


def _compare(scores: dict[str, Score], got: Reading, want: dict, doc: str) -> None:
    fields = {k: (_value(got.meta, k), _value(want, k)) for k in HEADER}
    same = {k for k, (a, b) in fields.items()
            if (_same_unit(got, a, b) if k == "co_quan_ban_hanh" else _same_text(k, a, b))}
    scores["header"].add({(k, a) for k, (a, _) in fields.items() if k not in same},
                         {(k, b) for k, (_, b) in fields.items() if k not in same}, doc, matched=len(same))
    scores["relations"].add({(k, _squashed(got.reference(i))) for k in RELATIONS for i in got.meta.get(k, [])},
                            {(k, _squashed(i)) for k in RELATIONS for i in want.get(k, [])}, doc)
    proposed = {(t, r) for task in got.meta.get("nhiem_vu", []) for r in ROLES for t in task.get(r, [])}
    expected = {tuple(pair) for pair in want.get("nhiem_vu", [])}
    pairs = {(p, e) for p in proposed for e in expected if p[1] == e[1] and _same_unit(got, p[0], e[0])}
    scores["tasks"].add(proposed - {p for p, _ in pairs}, expected - {e for _, e in pairs}, doc,
                        matched=len({e for _, e in pairs}))
    scores["deadlines"].add(_deadlines(got.meta), {tuple(d) for d in want.get("thoi_han", [])}, doc)


def _value(meta: dict, key: str):
    value = dotted(meta, key)
    return None if value is None else str(value)


def _same_text(key: str, said, meant) -> bool:
    if key == "so_hieu":
        return _squashed(said) == _squashed(meant)
    return " ".join(str(said or "").split()) == " ".join(str(meant or "").split())


def _squashed(value) -> str:
    return "".join(str(value or "").split())


def _same_unit(got: Reading, unit_id, meant) -> bool:
    """The draft's unit is the one meant: the same registry id, or a unit named alike (a new unit proposed)."""
    if unit_id is None or meant is None:
        return unit_id == meant
    if unit_id == meant:
        return True
    words, wanted = _words(got.unit_name(unit_id)), _words(got.unit_name(meant) if meant in got.model.units else meant)
    return len(words & wanted) / max(len(words | wanted), 1) >= 0.85


_EXPANSIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc", "vn": "viet nam"}


def _words(name: str) -> set[str]:
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    return set(" ".join(_EXPANSIONS.get(w, w) for w in words).split())


def _deadlines(meta: dict) -> set:
    return {(d["loai"], str(d.get("ngay") or d.get("thang") or d.get("ngay_thang")))
            for t in meta.get("nhiem_vu", []) for d in t.get("thoi_han", [])}


def sentences_kept(text: str, markdown: str) -> tuple[list[str], list[str]]:
    """The source's sentences, and those the draft does not hold letter for letter (its Markdown marks aside)."""
    wanted = source_sentences(text)
    kept = squash(re.sub(r"\{:? ?#[^}]*\}|^#+ |\\", "", markdown, flags=re.M))
    return wanted, [s for s in wanted if squash(s) not in kept]


def scans(browser, font: str, folder: Path) -> Score:
    """Sentences of each original that a scan of it, printed in the font, keeps letter for letter once imported."""
    from imported_files import pdf, scanned
    score, model = Score(), load(ROOT)
    lexicon = Lexicon.of(model)
    for source in sorted((ROOT / FOLDER).glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        scan = scanned(pdf(text, folder / f"{source.stem}.pdf", browser, font), folder / f"{source.stem}-quet.pdf")
        extracted = read(scan, lexicon)
        made = drafts(extracted.text, source.name, model, extracted.ocr_pages)
        wanted, lost = sentences_kept(text, "".join(d.markdown for d in made))
        score.add(set(wanted) - set(lost), set(wanted), source.name)
    return score


def _without(scratch: Path, paths: list[str]) -> Path:
    # A copy of the content without the documents a source was curated into.
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, scratch / name, ignore=shutil.ignore_patterns("lien-ket.txt"))
    for path in paths:
        (scratch / path).unlink()
    return scratch


def _same_header(a: dict, b: dict) -> int:
    return sum(_value(a, k) == _value(b, k) for k in HEADER)


ROWS = [("Trường đầu văn bản (8 trường)", "header", "recall", 0.90), ("Quan hệ: độ phủ", "relations", "recall", 0.85),
        ("Nhiệm vụ (đơn vị + vai trò): độ phủ", "tasks", "recall", 0.75),
        ("Nhiệm vụ (đơn vị + vai trò): độ chính xác", "tasks", "precision", 0.85),
        ("Thời hạn (loại + ngày)", "deadlines", "agreement", 0.85), ("Câu giữ đúng từng chữ (bản quét)", "scan", "recall", 0.93)]


def table(columns: dict[str, dict[str, Score]]) -> str:
    """One row per measure, one column per set and format; the target last."""
    lines = ["| Đo | " + " | ".join(columns) + " | Mục tiêu |", "|---" * (len(columns) + 2) + "|"]
    for label, key, measure, target in ROWS:
        cells = [f"{getattr(s[key], measure):.0%} ({s[key].right}/{s[key].expected if measure != 'precision' else s[key].proposed})"
                 if s[key].expected or s[key].proposed else "—" for s in columns.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | ≥ {target:.0%} |")
    return "\n".join(lines)


def together(by_format: dict[str, dict[str, Score]]) -> dict[str, Score]:
    """Every format of a set added up."""
    out = _scores()
    for scores in by_format.values():
        out = {k: out[k].merge(scores[k]) for k in METRICS}
    return out


def evaluate(sets, formats, browser, folder: Path) -> dict[str, dict[str, dict[str, Score]]]:
    return {name: measure_cases(SETS[name], formats, browser, folder) for name in sets}


def _main() -> None:
    parser = argparse.ArgumentParser(description="Độ chính xác của bộ nhập trên bộ phát triển và bộ giữ riêng.")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=list(FORMATS))
    parser.add_argument("--misses", action="store_true", help="in các chỗ sai (chỉ nên xem ở bộ phát triển)")
    args = parser.parse_args()
    from conftest import chromium
    columns = {"Năm bản gốc (phát triển, .txt)": measure_originals()}
    with chromium() as browser, tempfile.TemporaryDirectory() as folder:
        found = evaluate(args.sets, args.formats, browser, Path(folder))
    for name, by_format in found.items():
        columns |= {f"{name} {kind}": scores for kind, scores in by_format.items()}
        columns[f"{name}: cả {len(by_format)} dạng"] = together(by_format)
    print(table(columns))
    if args.misses:
        for column, scores in columns.items():
            if "held-out" in column:
                continue
            for name, score in scores.items():
                for miss in score.misses:
                    print(f"- {column} {name}: {miss}")


if __name__ == "__main__":
    _main()
