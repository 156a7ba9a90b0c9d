"""Unit tests of the loader and the model, on small content written here."""

from pathlib import Path

from kb.model import load, parse_sections
from kb.sources import parse_yaml, split_front_matter
from kb.text import fold, sentences, slug

UNITS = """
- id: ubnd-tinh-a
  ten: Ủy ban nhân dân tỉnh A
  cap: tinh
- id: so-noi-vu-a
  ten: Sở Nội vụ tỉnh A
  cap: so-nganh
  truc_thuoc: ubnd-tinh-a
- id: phong-x
  ten: Phòng X
  cap: phong-ban
  truc_thuoc: so-noi-vu-a
- id: cac-so-a
  ten: Các sở tỉnh A
  cap: so-nganh
  tap_the: {cap: [so-nganh], truc_thuoc: ubnd-tinh-a}
"""
DOC = """---
id: kh-a
loai: ke-hoach
so_hieu: 1/KH-UBND
trich_yeu: Kế hoạch A
co_quan_ban_hanh: ubnd-tinh-a
ngay_ban_hanh: 2022-01-05
nguoi_ky: {ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch}
tinh_trang: da-ban-hanh
nguon: a.txt
nhiem_vu:
  - ma: "1"
    muc: muc-1
    noi_dung: Việc một
    chu_tri: [cac-so-a]
---

Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015.

## I. NHIỆM VỤ { #muc-i }

1\\. Việc một theo Kết luận số 114-kl/tw.
{: #muc-1 }

a) Việc nhỏ.
{: #muc-1-a }
"""
CITED = """
- id: kl-114
  so_hieu: 114-KL/TW
  loai: Kết luận
  ngay: 2015-07-14
  co_quan: Ban Bí thư
  trich_yeu: null
  khoi: dang
"""


def project(tmp_path: Path, doc: str = DOC) -> Path:
    (tmp_path / "docs/van-ban").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data/don-vi.yml").write_text(UNITS, encoding="utf-8")
    (tmp_path / "data/van-ban-trich-dan.yml").write_text(CITED, encoding="utf-8")
    (tmp_path / "docs/van-ban/kh-a.md").write_text(doc, encoding="utf-8")
    return tmp_path


def test_fold_handles_d_with_stroke_and_both_normal_forms():
    import unicodedata
    assert fold("Đảng ủy") == "dang uy"
    assert fold(unicodedata.normalize("NFD", "Dân vận khéo")) == fold("Dân vận khéo") == "dan van kheo"
    assert slug("đ) Duy trì") == "d-duy-tri"


def test_sentences_split_at_punctuation():
    assert sentences("Một. Hai; ba:  bốn") == ["Một.", "Hai;", "ba:", "bốn"]


def test_sections_run_to_the_next_anchor_and_keep_lines():
    body = "Mở đầu.\n\n## I. A { #muc-i }\n\nx\n\n1\\. B\n{: #muc-1 }\n\nc\n"
    sections, dupes = parse_sections(body, 10)
    assert list(sections) == ["muc-i", "muc-1"]
    assert sections["muc-i"].title == "I. A" and sections["muc-i"].line == 12
    assert sections["muc-1"].text == "1. B\nc" and not dupes  # a line per paragraph, as the page shows them


def test_duplicate_anchor_is_reported():
    _, dupes = parse_sections("a\n{: #muc-1 }\n\nb\n{: #muc-1 }\n", 1)
    assert dupes == [(4, "muc-1")]


def test_yaml_lines_and_duplicate_keys():
    parsed, problems = parse_yaml("a: 1\nb:\n  - x\n  - y\na: 2\n", "f.yml")
    assert parsed.line(("b", 1)) == 4
    assert [p.message for p in problems] == ["trường 'a' được khai báo hai lần"]


def test_dates_stay_text_for_the_model():
    parsed, _ = parse_yaml("ngay: 2021-02-31\n", "f.yml")
    assert parsed.data == {"ngay": "2021-02-31"}


def test_front_matter_split_and_body_line():
    source, problems = split_front_matter("---\nid: x\n---\n\nBody\n", "x.md")
    assert not problems and source.body == "Body\n" and source.body_line == 5


def test_model_relations(tmp_path):
    model = load(project(tmp_path))
    assert not model.problems
    assert model.members["cac-so-a"] == {"so-noi-vu-a"}
    assignment = model.assignments["so-noi-vu-a"][0]
    assert (assignment.task.code, assignment.role, assignment.via) == ("1", "chu_tri", "cac-so-a")
    assert "phong-x" not in model.assignments
    # Cited in the preamble and, case aside, in point 1.
    assert [(p.doc.id, s and s.anchor) for p, s in model.citations["kl-114"]] == [("kh-a", None), ("kh-a", "muc-1")]
    assert model.task("kh-a/1")[1].summary == "Việc một" and model.task("kh-a/9") is None
    assert model.province("phong-x").id == "ubnd-tinh-a"
    assert model.level_of(model.pages["kh-a"]) == "tinh"


def test_schema_error_names_the_line(tmp_path):
    model = load(project(tmp_path, DOC.replace("ngay_ban_hanh: 2022-01-05", "ngay_ban_hanh: 05/01/2022")))
    assert [str(p) for p in model.problems] == [
        "docs/van-ban/kh-a.md:7: trường 'ngay_ban_hanh': cần ngày dạng YYYY-MM-DD, nhận được '05/01/2022'"]


def test_yaml_values_match_pyyaml_for_every_kind_of_node():
    import yaml
    from kb.sources import _Loader
    text = ("a: &base {x: 1, y: [true, no, ~, 0x1f, 1.5, '07']}\nb:\n  <<: *base\n  z: !!str 12\n"
            "2021: năm\nc: [*base, {d: e}]\nf: !!set {g, h}\n")
    parsed, problems = parse_yaml(text, "f.yml")
    assert not problems and parsed.data == yaml.load(text, Loader=_Loader)
    plain, _ = parse_yaml("a: {x: [1, 'hai', null]}\n", "f.yml")  # the fast path: same value, lines kept
    assert plain.data == {"a": {"x": [1, "hai", None]}} and plain.line(("a", "x", 2)) == 1


def test_yaml_alias_inside_itself_is_an_error_not_a_crash():
    parsed, problems = parse_yaml("a: 1\nb: &x [1, *x]\n", "f.yml", offset=1)
    assert parsed is None and [str(p) for p in problems] == [
        "f.yml:3: YAML không đọc được: tham chiếu '*tên' trỏ vào chính phần chứa nó"]


def test_citations_found_after_numbers_and_words_of_prose(tmp_path):
    model = load(project(tmp_path))
    text = "Theo 12 điểm của Kết luận 114-KL/TW, kết luận số 114-KL/TW và a114-KL/TW; năm 2021."
    found = [(text[s:e], target) for s, e, target in model.citations_in(text)]
    assert [target for _, target in found] == ["kl-114", "kl-114"]


def test_links_from_a_generated_page_are_relative_to_where_it_is_published():
    from kb.pages.common import Output
    assert Output("van-ban/x/").page("don-vi/u", "muc-1") == "../../don-vi/u/#muc-1"
    assert Output("van-ban/x.html", directory_urls=False).page("don-vi/u") == "../don-vi/u.html"
    assert Output("").file("lich/tat-ca.ics") == "lich/tat-ca.ics"
    out = Output("don-vi/")
    marker = out.keep("<table></table>")
    assert out.restore(f"<h2>A</h2>\n<p>{marker.strip()}</p>") == "<h2>A</h2>\n<table></table>"


def test_long_provinces_are_split_by_issuer_in_the_navigation(tmp_path):
    import sys
    from kb.pages import navigation
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate
    model = load(generate(tmp_path / "kho", 800))  # ~13 department plans in some provinces
    nav = navigation.documents(model)

    def paths(entries):
        for entry in entries:
            value = next(iter(entry.values()))
            yield from paths(value) if isinstance(value, list) else [value]

    groups = [next(iter(g.values())) for level in nav for g in next(iter(level.values())) if isinstance(next(iter(g.values())), list)]
    assert all(len(g) <= navigation.NAV_LIMIT for g in groups)
    assert any(len(g) < len(list(paths(g))) for g in groups)  # some province got a level by issuer
    assert sorted(paths(nav)) == sorted(f"van-ban/{d}.md" for d in model.pages)
