"""The importer's reading rules, each on a small text: units outside the registry, relations, a decision's
articles, two-column tables in a scan, paragraphs of a copy without blank lines."""

import re
from pathlib import Path

import pytest

from conftest import ROOT
from kb.importing import drafts, hocr
from kb.importing.layout import blocks, clean_lines, parts
from kb.importing.lexicon import Lexicon
from kb.importing.ocr import page_text
from kb.model import load

HEADER = """ỦY BAN NHÂN DÂN
{where}

Số: 12/{kind_code}-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

{town}, ngày 5 tháng 4 năm 2023

{kind}

{title}

"""
SIGNATURE = """

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


@pytest.fixture(scope="module")
def base():
    return load(ROOT)


def draft(base, body: str, where="TỈNH QUẢNG TRỊ", town="Quảng Trị", kind="KẾ HOẠCH", title="Về công tác dân vận"):
    code = {"KẾ HOẠCH": "KH", "CHỈ THỊ": "CT", "QUYẾT ĐỊNH": "QĐ"}[kind]
    text = HEADER.format(where=where, kind_code=code, town=town, kind=kind, title=title) + body + SIGNATURE
    [made] = drafts(text, "thu.txt", base)
    return made.meta


def offered(meta: dict) -> dict[str, dict]:
    """The registry entries the draft proposes, by id."""
    return {p["gia_tri"]["id"]: p["gia_tri"] for p in meta["de_xuat"] if "gia_tri" in p}


def test_a_province_outside_the_registry_gets_its_units_proposed(base):
    meta = draft(base, "1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Bắc Giang tuyên truyền.",
                 where="TỈNH BẮC GIANG", town="Bắc Giang")
    new = offered(meta)
    issuer = new[meta["co_quan_ban_hanh"]]
    assert issuer["ten"] == "Ủy ban nhân dân tỉnh Bắc Giang" and issuer["ke_thua"] == "ubnd-tinh-bac-ninh"  # 2025
    [task] = meta["nhiem_vu"]
    assert new[task["chu_tri"][0]]["ten"] == "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang"
    assert new[task["phoi_hop"][0]]["truc_thuoc"] == meta["co_quan_ban_hanh"]


def test_a_district_plan_names_the_district_and_its_communes(base):
    meta = draft(base, "1. Ủy ban nhân dân các xã, thị trấn tổ chức đối thoại với Nhân dân.",
                 where="HUYỆN CAM LỘ", town="Cam Lộ")
    new = offered(meta)
    assert new[meta["co_quan_ban_hanh"]]["ten"] == "Ủy ban nhân dân huyện Cam Lộ"
    [task] = meta["nhiem_vu"]
    communes = new[task["chu_tri"][0]]
    assert communes["tap_the"]["cap"] == ["xa"] and communes["truc_thuoc"] == meta["co_quan_ban_hanh"]


def test_heads_of_several_kinds_are_one_collective_and_no_one_in_particular_is_left_out(base):
    meta = draft(base, "1. Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh và các cơ quan, đơn vị có liên "
                       "quan căn cứ Kế hoạch thực hiện.")
    [task] = meta["nhiem_vu"]
    [lead] = task["chu_tri"]
    assert offered(meta)[lead]["ten"] == "Các sở, ban, ngành cấp tỉnh (Quảng Trị)"


def test_a_decisions_articles_are_parts_with_their_own_anchors(base):
    meta = draft(base, "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch năm 2023.\n\n"
                       "Điều 2. Giao Sở Nội vụ chủ trì, báo cáo trước ngày 15 tháng 12 hằng năm.",
                 kind="QUYẾT ĐỊNH")
    [task] = meta["nhiem_vu"]
    assert task["muc"] == "dieu-2" and task["thoi_han"][0]["loai"] == "hang-nam"


def test_a_document_of_the_base_named_without_its_number_is_found(base):
    meta = draft(base, "Thực hiện Chỉ thị của Ủy ban nhân dân tỉnh Hà Tĩnh về tiếp tục tăng cường và đổi mới "
                       "công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới, "
                       "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n\n1. Phòng Nội vụ chủ trì thực hiện.",
                 where="HUYỆN KỲ ANH", town="Kỳ Anh")
    assert meta["trien_khai"] == ["ha-tinh-chi-thi-ct33"]


def test_a_document_implements_the_one_just_above_it(base):
    # The city's letter forwards the national directive: the letter is implemented, the directive is a basis.
    meta = draft(base, "Thực hiện Công văn số 9465/UBND-KSTTHC ngày 07/12/2021 của Ủy ban nhân dân thành phố về "
                       "triển khai Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ, Sở Nội vụ đề nghị:",
                 where="SỞ NỘI VỤ", town="Hải Phòng", title="V/v triển khai Chỉ thị số 33/CT-TTg")
    assert meta["trien_khai"] == ["hai-phong-cv-9465-2021"] and "ct-33-ttg-2021" in meta["can_cu"]


def test_an_act_the_base_does_not_hold_is_proposed_for_the_registry(base):
    meta = draft(base, "Căn cứ Nghị quyết số 45/2022/NQ-HĐND ngày 08 tháng 12 năm 2022 của Hội đồng nhân dân tỉnh;\n\n"
                       "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                 kind="QUYẾT ĐỊNH")
    cited = offered(meta)[meta["can_cu"][0]]
    assert cited == {"id": "nq-45-2022-nq-hdnd", "so_hieu": "45/2022/NQ-HĐND", "loai": "Nghị quyết", "ngay": "2022-12-08",
                     "co_quan": "Hội đồng nhân dân tỉnh", "trich_yeu": None, "khoi": "nha-nuoc"}
    assert meta["trien_khai"] == []  # a basis, not a directive from above


def test_a_department_alone_in_the_header_is_placed_by_the_text(base):
    text = ("SỞ Y TẾ\n\nKẾ HOẠCH\n\nVề công tác dân vận\n\nThực hiện Công văn số 1260/UBND-NC ngày 28 tháng 4 năm 2023 "
            "của Ủy ban nhân dân tỉnh Kon Tum, Sở Y tế xây dựng Kế hoạch như sau:\n\n1. Các phòng thuộc Sở thực hiện.")
    [made] = drafts(text + SIGNATURE, "thu.txt", base)
    assert made.meta["co_quan_ban_hanh"] == "so-y-te-kon-tum"  # never a place-less 'so-y-te'
    assert "so-y-te" not in offered(made.meta)


def test_a_copy_without_blank_lines_keeps_the_title_apart_from_the_preamble():
    text = ("KẾ HOẠCH\nThực hiện Kế hoạch số 62/KH-UBND của Ủy ban nhân dân thành phố về công tác dân vận\n"
            "Thực hiện Kế hoạch số 62/KH-UBND của Ủy ban nhân dân thành phố, Ủy ban nhân dân quận ban hành Kế hoạch:\n"
            "1. Phòng Nội vụ quận chủ trì, phối hợp với các phòng thực hiện nhiệm vụ được giao trong năm.\n"
            "2. Ủy ban nhân dân các phường tổ chức hội nghị đối thoại với Nhân dân.\n")
    texts = [b.text for b in blocks(clean_lines(text))]
    assert texts[1].endswith("về công tác dân vận") and texts[2].startswith("Thực hiện")


def test_a_letters_subject_line_stands_apart_from_its_number():
    texts = [b.text for b in blocks(clean_lines("| SỞ NỘI VỤ | Độc lập |\n| Số: | Hà Nội |\n| 15/SNV |  |\n"
                                                "| V/v triển khai Chỉ thị |  |\n"))]
    assert "Số: 15/SNV" in texts and "V/v triển khai Chỉ thị" in texts


def _words(*lines, scale=1):
    # Tesseract's image_to_data for lines of (left, top, text) words, 20 px tall, 10 px a letter (times scale).
    out = {k: [] for k in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num")}
    for n, (par, words) in enumerate(lines, 1):
        for left, top, text in words:
            for key, value in zip(out, (text, left, top, 10 * len(text) * scale, 20 * scale, 95, 1, par, n)):
                out[key].append(value)
    return out


def _row(top, par, left_words, right_words):
    # A row of a two-column table: the left cell from x=100, the right one from x=600.
    place = lambda x, words: [(x + 60 * k, top, w) for k, w in enumerate(words)]  # noqa: E731
    return par, place(100, left_words) + place(600, right_words)


def test_a_scans_two_column_header_is_read_column_by_column():
    words = _words(_row(100, 1, ["ỦY", "BAN"], ["CỘNG", "HÒA"]), _row(125, 1, ["TỈNH", "X"], ["Độc", "lập"]),
                   (1, [(600, 150, "Hà"), (660, 150, "Nội")]),  # the date, right column only
                   (2, [(100, 220, w) if k == 0 else (100 + 60 * k, 220, w) for k, w in enumerate(
                       "Thực hiện Chỉ thị số 33 của Thủ tướng Chính phủ về công tác dân vận".split())]))
    lines = page_text(words).split("\n")
    assert lines[:7] == ["ỦY BAN", "TỈNH X", "", "CỘNG HÒA", "Độc lập", "Hà Nội", ""]
    assert lines[7].startswith("Thực hiện Chỉ thị số 33")


def test_a_line_read_surer_at_another_scale_replaces_the_first_reading():
    first = _words((1, [(100, 100, "Thục"), (160, 100, "hiện")]))
    again = _words((1, [(200, 200, "Thực"), (320, 200, "hiện")]), scale=2)  # the same line at twice the scale
    first["conf"] = [40, 40]
    assert page_text(first, [(again, 2.0)]).strip() == "Thực hiện"
    again["conf"] = [30, 30]
    assert page_text(first, [(again, 2.0)]).strip() == "Thục hiện"


def test_tone_marks_read_as_a_line_of_their_own_are_dropped():
    words = _words((1, [(100, 100, "Triển"), (160, 100, "khai")]), (1, [(100, 90, ".^"), (160, 90, "Z")]))
    words["height"][2:] = [6, 6]
    assert page_text(words).strip() == "Triển khai"


# A page as Tesseract writes it in hOCR with lstm_choice_mode=2: each word, then each place of it with the letters
# weighed there and their confidence.
HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' id='page_1' title='bbox 0 0 1000 1400'>
<div class='ocr_carea' id='block_1_1' title="bbox 100 100 400 130"><p class='ocr_par' id='par_1_1' lang='vie' title="bbox 100 100 400 130">
<span class='ocr_line' id='line_1_1' title="bbox 100 100 400 130; baseline 0 -6">
{words}
</span></p></div></div></body></html>"""


def _hocr_word(left: int, conf: int, places: list[list[tuple[float, str]]]) -> str:
    text = "".join(p[0][1] for p in places)
    choices = "".join("<span class='ocrx_cinfo' id='lstm_choices'>" + "".join(
        f"<span class='ocrx_cinfo' title='x_confs {c}'>{letter}</span>" for c, letter in p) + "</span>" for p in places)
    return (f"<span class='ocrx_word' id='w' title='bbox {left} 100 {left + 30 * len(text)} 130; x_wconf {conf}'>"
            f"{text}<span class='ocrx_cinfo' id='lstm_choices'><span class='ocrx_cinfo' title='x_confs 96'> </span></span>"
            f"{choices}</span>")


def test_a_scans_words_keep_the_other_letters_the_model_weighed():
    words = hocr.words(HOCR.format(words=_hocr_word(100, 84, [[(93.5, "đ"), (0, "d")], [(82.4, "ể"), (72.9, "ề"), (0, "ế")]])
                                   + _hocr_word(200, 96, [[(95, "n")], [(94, "g")], [(90, "h")], [(93, "ị")]])).encode())
    assert words["text"] == ["để", "nghị"]
    assert (words["left"], words["top"], words["width"], words["height"]) == ([100, 200], [100, 100], [60, 120], [30, 30])
    assert words["conf"] == [84, 96] and words["line_num"] == [1, 1]
    assert words["others"] == [["đề"], []]  # a letter given no confidence is no other reading


def test_a_doubtful_word_is_read_the_way_a_neighbour_is_known_beside():
    lexicon = Lexicon(["Sở Nội vụ đề nghị các cơ quan báo cáo hằng năm.", "cơ sở và cơ số"])
    words = _words((1, [(100, 100, "vụ"), (140, 100, "để"), (180, 100, "nghị")]))
    words["others"] = [[], ["đề"], []]
    assert lexicon.reread(words) == [("để", "vụ đề nghị")] and words["text"] == ["vụ", "đề", "nghị"]
    # A word known beside a neighbour stays, though the dictionary knows another reading ('hàng năm').
    words = _words((1, [(100, 100, "và"), (140, 100, "hằng"), (200, 100, "năm.")]))
    words["others"] = [[], ["hàng"], []]
    assert lexicon.reread(words) == [] and words["text"][1] == "hằng"
    # Two readings a neighbour knows: nothing says which, the word stays as read; so do numbers.
    words = _words((1, [(100, 100, "cơ"), (140, 100, "SỞ."), (180, 100, "12")]))
    words["others"] = [[], ["sở.", "số."], ["17"]]
    assert lexicon.reread(words) == [] and words["text"] == ["cơ", "SỞ.", "12"]


def test_a_comma_between_words_the_base_holds_together_and_never_apart_is_a_speck():
    lexicon = Lexicon(["Thực hiện Kế hoạch.", "Thực hiện tốt.", "thực hiện nghiêm.", "các sở, ban, ngành và ban ngành",
                       "ban ngành", "ban ngành", "Cơ quan hành chính", "cơ quan hành chính"])

    def read(*texts):
        words = _words((1, [(100 + 80 * k, 100, t) for k, t in enumerate(texts)]))
        return lexicon.specks(words), words["text"]
    assert read("Thực,", "hiện", "nhiệm", "vụ") == ([("Thực,", "Thực hiện")], ["Thực", "hiện", "nhiệm", "vụ"])
    assert read("sở,", "ban,", "ngành") == ([], ["sở,", "ban,", "ngành"])  # seen with its comma in the base
    assert read("quan,", "hành") == ([], ["quan,", "hành"])  # together twice only: not often enough
    assert read("Thực,", "Hiện") == ([], ["Thực,", "Hiện"])  # a capital after a comma may open a name
    words = _words((1, [(100, 100, "Thực,")]), (1, [(100, 130, "hiện")]))
    assert lexicon.specks(words) == [] and words["text"] == ["Thực,", "hiện"]  # a line's end is left as read


def test_a_numbers_kind_that_lost_its_hyphens_is_written_as_the_base_writes_it():
    lexicon = Lexicon(["Chỉ thị số 33/CT-TTg", "Kế hoạch 12/KH-UBND và 5/KHU-BND", "Công văn 9465/UBND", "01/QĐ-UBND"])
    words = _words((1, [(100, 100, "số"), (140, 100, "33/CTTTg"), (240, 100, "(12/KHUBND;"), (340, 100, "9465/UBND"),
                        (440, 100, "7/QĐUBND")]))
    words["others"] = [[]] * 5
    assert lexicon.amend(words) == [("33/CTTTg", "33/CT-TTg"), ("7/QĐUBND", "7/QĐ-UBND")]
    # Two kinds with those letters: nothing says which; a kind without hyphens is left as it is.
    assert words["text"] == ["số", "33/CT-TTg", "(12/KHUBND;", "9465/UBND", "7/QĐ-UBND"]


def test_the_draft_of_a_scan_names_the_words_read_by_their_neighbours(base):
    text = HEADER.format(where="TỈNH QUẢNG TRỊ", kind_code="KH", town="Quảng Trị", kind="KẾ HOẠCH", title="Về dân vận")
    text += "I. MỤC ĐÍCH\n\nSở Nội vụ đề nghị các sở báo cáo." + SIGNATURE
    [made] = drafts(text, "quet.pdf", base, [1], None, [("để", "vụ đề nghị"), ("hãng", "báo cáo hằng năm")])
    [proposal] = [p["noi_dung"] for p in made.meta["de_xuat"] if p["truong"] == "noi_dung"]
    assert proposal.endswith('xem trước tiên: "vụ đề nghị" (máy đọc "để").')  # not the words of another document


def test_the_lexicon_holds_the_dictionary_and_the_bases_words_whatever_the_tone_placement(base):
    lexicon = Lexicon.of(base)
    assert lexicon.knows("đề", "nghị") and lexicon.knows("chi", "tiết") and not lexicon.knows("để", "nghị")
    assert lexicon.knows("Uỷ", "ban") and lexicon.knows("Ủy", "ban")  # tone placement aside
    assert lexicon.knows("Đề", "nghị")  # a sentence's first word
    assert Lexicon(["bản Xùa Mường"]).knows("Xùa", "Mường") and not Lexicon(()).knows("Xùa", "Mường")  # a text's pairs
    assert all(lexicon.knows(*re.findall(r"\w+", unit.name)[:2]) for unit in base.units.values())  # the registry's names


def test_numbered_parts_of_a_decision():
    items = parts(blocks(clean_lines("Điều 1. Ban hành.\n\n1. Khoản một.\n\na) Điểm a.\n\nĐiều 2. Thi hành.")))
    assert [p.anchor for p in items] == ["dieu-1", "dieu-1-1", "dieu-1-1-a", "dieu-2"]


def test_the_evaluation_sets_are_kept_apart():
    dev = {p.stem[4:] for p in (ROOT / "tests/importer-eval/dev").glob("*.yml")}
    held = {p.stem[4:] for p in (ROOT / "tests/importer-eval/held-out").glob("*.yml")}
    assert len(held) >= 12 and len(dev) >= 8 and not dev & held
    assert Path(ROOT / "tests/importer-eval/README.md").read_text(encoding="utf-8").count("held-out") >= 1
