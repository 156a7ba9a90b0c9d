"""Deterministic synthetic corpus in the knowledge base's real format, for the benchmark.

N documents: Chỉ thị 33/CT-TTg at the root, a plan for each of ~60 provinces below it, and
department plans below each provincial plan (three levels), with units, collectives, tasks,
deadlines, parent tasks and citations. Bodies are made of sentences of the real documents.
"""

import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from kb import markup  # noqa: E402
PROVINCES = 60
DEPARTMENTS = ["noi-vu", "y-te", "giao-duc", "tai-chinh", "xay-dung", "tu-phap", "cong-thuong", "nong-nghiep"]


def sentences() -> list[str]:
    # The real bodies, split into sentences, as the material for synthetic ones.
    out = []
    for file in sorted((ROOT / "docs/van-ban").glob("*.md")):
        body = file.read_text(encoding="utf-8").split("---\n", 2)[2]
        text = re.sub(r"\{:?[^}]*\}|^#+ |\\", "", body, flags=re.M)
        out += [s for s in re.split(r"(?<=[.;])\s+", re.sub(r"\s+", " ", text)) if len(s) > 40]
    return out


def units() -> list[dict]:
    out = []
    for k in range(1, PROVINCES + 1):
        tinh = f"ubnd-tinh-{k}"
        out.append({"id": tinh, "ten": f"Ủy ban nhân dân tỉnh Thử nghiệm {k}", "ten_ngan": f"UBND tỉnh {k}", "cap": "tinh"})
        out += [{"id": f"so-{d}-tinh-{k}", "ten": f"Sở {d.replace('-', ' ').title()} tỉnh Thử nghiệm {k}", "cap": "so-nganh",
                 "truc_thuoc": tinh} for d in DEPARTMENTS]
        out.append({"id": f"cac-so-nganh-tinh-{k}", "ten": f"Các sở, ban, ngành tỉnh Thử nghiệm {k}", "cap": "so-nganh",
                    "truc_thuoc": tinh, "tap_the": {"cap": ["so-nganh", "don-vi-su-nghiep"], "truc_thuoc": tinh}})
        out.append({"id": f"cac-don-vi-so-{k}", "ten": f"Các đơn vị trực thuộc sở, tỉnh Thử nghiệm {k}", "cap": "don-vi-su-nghiep",
                    "truc_thuoc": tinh, "tap_the": {"cap": ["phong-ban", "don-vi-su-nghiep"], "truc_thuoc": tinh}})
    return out


def document(rng, pool, kept: Path, doc_id, number, issuer, parent, parent_codes, leads, report_to, day) -> str:
    """A plan's file, its original (the text of its body) written to kept."""
    parts, tasks = [], []
    parts.append(f"Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; {rng.choice(pool)}\n{{: #mo-dau }}")
    parts.append("## I. MỤC ĐÍCH, YÊU CẦU { #muc-i }")
    parts += [f"{n}\\. {' '.join(rng.sample(pool, 2))}\n{{: #muc-i-{n} }}" for n in (1, 2)]
    parts.append("## II. NỘI DUNG THỰC HIỆN { #muc-ii }")
    for n, code in enumerate(parent_codes, start=1):
        parts.append(f"{n}\\. {' '.join(rng.sample(pool, rng.randint(2, 4)))}\n{{: #muc-ii-{n} }}")
        for letter in "ab"[: rng.randint(0, 2)]:
            parts.append(f"{letter}) {rng.choice(pool)}\n{{: #muc-ii-{n}-{letter} }}")
        tasks.append({"ma": f"ii-{n}", "muc": f"muc-ii-{n}", "noi_dung": rng.choice(pool)[:120], "chu_tri": leads,
                      "thuc_hien": [f"{parent}/{code}"]})
    parts.append("## III. TỔ CHỨC THỰC HIỆN { #muc-iii }")
    parts.append(f"1\\. {rng.choice(pool)} Báo cáo trước ngày {day:02d} tháng 11 hằng năm.\n{{: #muc-iii-1 }}")
    tasks.append({"ma": "iii-1", "muc": "muc-iii-1", "noi_dung": "Báo cáo kết quả thực hiện hằng năm", "chu_tri": leads,
                  "bao_cao_cho": report_to, "thoi_han": [{"loai": "hang-nam", "ngay_thang": f"{day:02d}/11",
                                                          "nguyen_van": f"trước ngày {day:02d} tháng 11 hằng năm"}],
                  "thuc_hien": [f"{parent}/{'8' if parent == 'ct-33-ttg-2021' else 'iii-1'}"]})
    original = "\n\n".join(" ".join(lines) for _, lines in markup.paragraphs("\n\n".join(parts))) + "\n"
    kept.write_text(original, encoding="utf-8")
    meta = {"id": doc_id, "loai": "ke-hoach", "so_hieu": number, "trich_yeu": "Triển khai thực hiện Chỉ thị số 33/CT-TTg",
            "co_quan_ban_hanh": issuer, "ngay_ban_hanh": "2022-03-15", "nguoi_ky": {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Phó Chủ tịch"},
            "tinh_trang": "da-ban-hanh", "trien_khai": [parent], "can_cu": [parent, "nq-76-nq-cp-2021"], "nguon": "tong-hop",
            "ban_goc": {"tep": kept.name, "sha256": hashlib.sha256(original.encode()).hexdigest()}, "nhiem_vu": tasks}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(parts) + "\n"


def generate(dest: Path, n: int, seed: int = 33) -> Path:
    """A project folder with n documents, ready for `mkdocs build`."""
    rng, pool = random.Random(seed), sentences()
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "van-ban"))
    for name in ("mkdocs.yml", "data/van-ban-trich-dan.yml", "data/cau-hinh.yml"):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, dest / name)
    registry = yaml.safe_load((ROOT / "data/don-vi.yml").read_text(encoding="utf-8")) + units()
    (dest / "data/don-vi.yml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    docs = dest / "docs/van-ban"
    docs.mkdir()
    (dest / "nguon").mkdir()
    shutil.copy(ROOT / "docs/van-ban/ct-33-ttg-2021.md", docs)
    shutil.copy(ROOT / "nguon/hai-phong-cv-9465-2021.txt", dest / "nguon")
    provinces = min(PROVINCES, n - 1)
    for k in range(1, provinces + 1):
        (docs / f"kh-tinh-{k}.md").write_text(document(
            rng, pool, dest / "nguon" / f"kh-tinh-{k}.txt", f"kh-tinh-{k}", f"{k}/KH-UBND", f"ubnd-tinh-{k}", "ct-33-ttg-2021", [str(i) for i in range(1, 8)],
            [f"cac-so-nganh-tinh-{k}"], [f"ubnd-tinh-{k}"], 30), encoding="utf-8")
    for j in range(n - 1 - provinces):
        k, dept = j % provinces + 1, DEPARTMENTS[(j // provinces) % len(DEPARTMENTS)]
        doc_id = f"kh-so-{dept}-tinh-{k}-{j}"
        (docs / f"{doc_id}.md").write_text(document(
            rng, pool, dest / "nguon" / f"{doc_id}.txt", doc_id, f"{j + 100}/KH-S{dept[:2].upper()}", f"so-{dept}-tinh-{k}", f"kh-tinh-{k}",
            [f"ii-{i}" for i in range(1, rng.randint(4, 8))], [f"cac-don-vi-so-{k}"], [f"so-{dept}-tinh-{k}"], 20), encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
