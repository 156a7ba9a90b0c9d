"""Every sentence of every original reaches its published page (whitespace and declared artefacts aside), the
check holds each body to its original, and the original is offered on the page with its hash."""

import hashlib
import re

from conftest import ORIGINALS, ROOT, copy_project, full_text, kb, page
from kb import originals


def test_every_sentence_of_every_original_reaches_its_built_page(site, model):
    held = [p for p in model.pages.values() if p.doc.original]
    assert len(held) == len(model.pages) >= 6  # every document of the base keeps its original
    for doc in held:
        wanted = originals.source_sentences(originals.text(ROOT, doc.doc.original))
        missing = originals.compare(full_text(site, doc.doc.id), 1, [n.text for n in doc.doc.notes], wanted)
        assert len(wanted) > 10 and not missing, (doc.doc.id, [m.sentence for m in missing][:3])


def test_artefacts_are_not_in_the_text_but_in_a_note(site):
    ct33, kg = full_text(site, "ct-33-ttg-2021"), full_text(site, "kien-giang-ke-hoach-ct33-2024")
    assert "Handwritten" not in ct33 and "(3b).235" not in ct33 and "VĂN PHÒNG UBND TP. HÀ NỘI" not in ct33
    assert "rgul" not in kg and "ckbich" not in kg
    # Each dropped artefact is quoted in an editorial note instead.
    notes = page(site, "van-ban/ct-33-ttg-2021/").article_text
    assert "Phần được lược bỏ" in notes and "VĂN PHÒNG UBND TP. HÀ NỘI" in notes and "(Handwritten signature)" in notes


SENTENCE = "Giao Sở Nội vụ theo dõi, đôn đốc, hướng dẫn, thanh tra, kiểm tra việc thực hiện"


def test_a_changed_sentence_fails_the_check_at_its_line_quoting_both(tmp_path):
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    text = doc.read_text(encoding="utf-8")
    assert SENTENCE in text
    doc.write_text(text.replace(SENTENCE, SENTENCE.replace("theo dõi", "giám sát")), encoding="utf-8")
    result = kb(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stdout.splitlines() if "bản gốc" in line]
    number = next(n for n, l in enumerate(doc.read_text(encoding="utf-8").split("\n"), 1) if "giám sát, đôn đốc" in l)
    # The original's line (a page of the source ends after "hướng"), and what the body says instead.
    assert line.startswith(f"docs/van-ban/ha-tinh-chi-thi-ct33.md:{number}: toàn văn thiếu câu "
                           "'Giao Sở Nội vụ theo dõi, đôn đốc, hướng' của bản gốc nguon/ha-tinh-chi-thi-ct33.txt")
    assert "câu gần nhất trong toàn văn: 'Giao Sở Nội vụ giám sát, đôn đốc, hướng'" in line


def test_a_part_left_out_and_quoted_in_a_note_passes(tmp_path):
    project = copy_project(tmp_path)
    doc = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    text = doc.read_text(encoding="utf-8")
    sentence = re.search(re.escape(SENTENCE) + r"[^.]*\./\.", text)[0]  # to the end of the text, "./."
    cut = text.replace(sentence, "").replace("ghi_chu_bien_tap:\n", "ghi_chu_bien_tap:\n  - loai: luoc-bo\n"
                                             f"    noi_dung: 'Câu bị lược khi thử: \"{sentence}\"'\n", 1)
    doc.write_text(cut, encoding="utf-8")
    assert kb(project, "check").returncode == 0
    doc.write_text(text.replace(sentence, ""), encoding="utf-8")  # the same cut, undeclared
    assert kb(project, "check").returncode == 1


def test_the_original_is_offered_on_its_page_and_its_hash_matches(site, model):
    for doc_id, held in model.pages.items():
        parsed = page(site, f"van-ban/{doc_id}/")
        [link] = [link for link in parsed.links if "/nguon/" in link]
        file = (site / f"van-ban/{doc_id}" / link).resolve()
        assert hashlib.sha256(file.read_bytes()).hexdigest() == held.doc.original.sha256
        assert file.read_bytes() == (ORIGINALS / held.doc.original.file).read_bytes()
        assert re.search(r"Tải bản gốc \(văn bản thô \(\.txt\), \d+ KB", " ".join(parsed.article_text.split())), doc_id


def test_the_export_lists_each_original(site, model):
    import json
    exported = json.loads((site / "du-lieu/kho.json").read_text(encoding="utf-8"))
    for doc in exported["van_ban"]:
        assert doc["ban_goc"]["sha256"] == model.pages[doc["id"]].doc.original.sha256
        assert doc["dia_chi_ban_goc"].endswith(f"nguon/{doc['ban_goc']['tep']}")
