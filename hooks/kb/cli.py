"""Command line for editors and CI: check the content, import a raw text, write the schemas."""

import argparse
import json
import sys
from pathlib import Path

from . import changes, checks, cores, originals, site
from .addresses import MANIFEST
from .exports import Export
from .importing import drafts, held
from .importing.lexicon import Lexicon
from .importing.readers import ImportRefused, read, readable
from .model import DOCS_DIR, load
from .links import broken, write_manifest
from .records import Abbreviation, Body, CitedDocument, Document, Redirect, SearchWords, Settings, Unit

SCHEMAS = {"van-ban.schema.json": Document, "don-vi.schema.json": list[Unit],
           "van-ban-trich-dan.schema.json": list[CitedDocument], "chuyen-huong.schema.json": list[Redirect],
           "cau-hinh.schema.json": Settings, "viet-tat.schema.json": list[Abbreviation],
           "tim-kiem.schema.json": SearchWords,
           "co-quan.schema.json": list[Body], "kho.schema.json": Export}


def check(args) -> int:
    try:
        processes = cores.processes()
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    model, problems = site.build(Path(args.root), processes=processes)
    for problem in problems:
        print(problem)
    if not problems:
        for warning in checks.warnings(model):
            print(warning)
    if problems:
        print(f"Có {checks.errors(problems)} lỗi. Sửa các dòng trên rồi chạy lại.", file=sys.stderr)
        return 1
    tasks = sum(len(p.doc.tasks) for p in model.pages.values())
    print(f"Không có lỗi: {len(model.pages)} văn bản, {tasks} nhiệm vụ, {len(model.units)} đơn vị, "
          f"{len(model.cited)} văn bản trích dẫn.")
    return 0


def import_files(args) -> int:
    """Each file in turn, against the base as the files before it left it; 1 if any was refused."""
    return max([import_file(Path(source), Path(args.root), args.output) for source in args.sources])


def import_file(source: Path, root: Path, output: str | None) -> int:
    try:
        readable(source)  # a wrong path is told at once, not after the base is read (seconds at thousands of documents)
        model = load(root)
        extracted = read(source, Lexicon.of(model), lambda done, total: print(
            f"{source.name}: đã đọc bằng OCR {done}/{total} trang quét", file=sys.stderr, flush=True))
    except ImportRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    original = {"duoi": source.suffix.lower(), "sha256": originals.digest(source), "ocr": bool(extracted.ocr_pages)}
    made = drafts(extracted.text, source.name, model, extracted.ocr_pages, original, extracted.reread)
    out = Path(output) if output else root / DOCS_DIR
    paths = {d.id: out / f"{d.id}.md" for d in made}
    kept = root / originals.FOLDER / made[0].meta["ban_goc"]["tep"]
    clashes = [f"{paths[d.id]}: đã có tệp này" for d in made if paths[d.id].exists()]
    if kept.exists() and originals.digest(kept) != original["sha256"]:
        clashes.append(f"{kept}: đã có một bản gốc khác tên này")
    for d in made:
        if found := held(model, d):
            clashes.append(f"{source}: văn bản này đã có trong kho: {found[0].path} ({found[1]})")
    if clashes:
        print("\n".join(clashes) + "\nKhông ghi tệp nào.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(source.read_bytes())
    if original["ocr"]:  # what OCR read, kept beside the scan: the body, corrected from the paper, is compared with it
        (kept.parent / made[0].meta["ban_goc"]["ocr"]).write_text(extracted.text, encoding="utf-8")
    for d in made:
        paths[d.id].write_text(d.markdown, encoding="utf-8")
        print(f"Đã tạo {paths[d.id]}: {len(d.meta['nhiem_vu'])} nhiệm vụ, "
              f"{len(d.meta['de_xuat'])} đề xuất chờ xác nhận, {len(d.meta['ghi_chu_bien_tap'])} ghi chú.")
    print(f"Đã lưu bản gốc vào {kept}.")
    print("Tiếp theo: mở từng tệp, kiểm tra các mục 'de_xuat' (sửa nếu sai, rồi xóa mục), điền trường null "
          "nếu biết, rồi chạy 'make check' và 'make links'.")
    return 0


def schemas(args) -> int:
    from pydantic import TypeAdapter
    out = Path(args.root) / "schemas"
    out.mkdir(exist_ok=True)
    for name, kind in SCHEMAS.items():
        schema = TypeAdapter(kind).json_schema(by_alias=True)
        (out / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Đã ghi {len(SCHEMAS)} lược đồ vào {out}/")
    return 0


def links(args) -> int:
    model = load(Path(args.root))
    if problems := checks.run(model, without=(checks.check_links,)):
        print("\n".join(map(str, problems)) + "\nSửa các lỗi nội dung trước (make check).", file=sys.stderr)
        return 1
    gone = broken(model.manifest or {}, model)
    if gone and not args.allow_removal:
        for url in gone:
            print(f"{MANIFEST}:{model.manifest[url]}: liên kết sẽ hỏng: {url}")
        print("Khai báo chuyển hướng trong data/chuyen-huong.yml, hoặc chạy lại với --cho-phep-xoa.", file=sys.stderr)
        return 1
    print(f"Đã ghi {write_manifest(Path(args.root), model)} địa chỉ vào {MANIFEST}.")
    return 0


def diff(args) -> int:
    root = Path(args.root)
    if args.base and changes.base_ref(root, args.base) is None:
        print(f"Không có '{args.base}' trong lịch sử git (với bản sao nông, tải trước: git fetch origin {args.base}).", file=sys.stderr)
        return 2
    found, commit = changes.against(root, args.base)
    if args.json:
        print(json.dumps(changes.as_json(found, commit), ensure_ascii=False, indent=1))
    else:
        print(changes.markdown(found, commit))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb", description="Kiểm tra và nhập văn bản cho kho.")
    parser.add_argument("--root", default=".", help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra toàn bộ nội dung").set_defaults(run=check)
    imp = sub.add_parser("import", help="tạo bản nháp từ tệp .pdf (kể cả bản quét), .docx hoặc .txt")
    imp.add_argument("sources", nargs="+", metavar="tep")
    imp.add_argument("-o", "--output", help=f"thư mục ghi bản nháp (mặc định: {DOCS_DIR})")
    imp.set_defaults(run=import_files)
    sub.add_parser("schema", help="ghi lược đồ JSON vào schemas/").set_defaults(run=schemas)
    dif = sub.add_parser("diff", help="thay đổi của nội dung so với một phiên bản git (mặc định: chỗ tách khỏi nhánh main)")
    dif.add_argument("--so-voi", dest="base", help="nhánh, thẻ hay commit để so (mặc định: merge-base với main)")
    dif.add_argument("--json", action="store_true", help="in JSON thay vì Markdown")
    dif.set_defaults(run=diff)
    lnk = sub.add_parser("links", help="cập nhật danh sách địa chỉ đã xuất bản (data/lien-ket.txt)")
    lnk.add_argument("--cho-phep-xoa", dest="allow_removal", action="store_true", help="chấp nhận bỏ địa chỉ cũ")
    lnk.set_defaults(run=links)
    args = parser.parse_args(argv)
    return args.run(args)
