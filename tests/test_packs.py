"""Briefing packs in Chromium on the built site: sections picked by clicking on two documents, kept in the
browser, reordered, sent as one link, opened elsewhere, presented with keys and QR codes, printed."""

import io
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, SITE_URL, build, copy_project, serve

CT33, HT = "van-ban/ct-33-ttg-2021/", "van-ban/ha-tinh-chi-thi-ct33/"
PICKED = [(CT33, "Điểm 6"), (CT33, "Điểm 4"), (HT, "Điểm 6")]


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def pick(tab, server, picked=PICKED):
    for address, label in picked:
        if not tab.url.endswith(address):
            tab.goto(server + address)
        tab.get_by_role("button", name=f"Thêm {label} vào tập trình chiếu").first.click()


def sections(tab) -> list[str]:
    """The pack page's sections: their headings, in order."""
    tab.wait_for_selector(".kb-tap-muc")
    return tab.locator(".kb-tap-muc h3").all_inner_texts()


def test_a_pack_is_picked_kept_reordered_and_sent_as_one_link(tab, browser, server, model):
    pick(tab, server)
    tab.reload()
    assert tab.locator(".kb-tap-toggle").inner_text() == "Tập trình chiếu (3)"
    tab.locator(".kb-tap-toggle").click()
    tab.get_by_role("button", name=re.compile("^Đưa lên: Điểm 6 Chỉ thị của Ủy ban nhân dân tỉnh Hà Tĩnh")).click()
    tab.get_by_role("textbox", name=re.compile("^Ghi chú cho Điểm 4")).fill("xem cùng Nghị quyết 76")
    tab.keyboard.press("Tab")
    tab.goto(server + "tap-trinh-chieu/")
    shown = sections(tab)
    assert [re.sub(r"^\d+\. ", "", s) for s in shown] == [
        "Điểm 6 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ",
        "Điểm 6 Chỉ thị của Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Điểm 4 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ"]
    # Each section's text is the published text of the base, paragraph by paragraph.
    text = tab.locator(".kb-tap-muc").nth(2).inner_text()
    for paragraph in model.pages["ct-33-ttg-2021"].sections["muc-4"].text.split("\n"):
        assert paragraph in text
    assert "xem cùng Nghị quyết 76" in text
    link = tab.locator(".kb-tap-link").input_value()
    assert link.startswith(SITE_URL + "tap-trinh-chieu/#") and len(link) < 300
    # Opened on another computer: the same sections in the same order, to read or to keep.
    other = browser.new_context()
    elsewhere = other.new_page()
    elsewhere.goto(link.replace(SITE_URL, server))
    assert sections(elsewhere) == shown
    elsewhere.get_by_role("button", name=re.compile("^Lưu tập này")).click()
    elsewhere.goto(server + "tap-trinh-chieu/")
    assert sections(elsewhere) == shown
    other.close()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_a_pack_is_presented_one_section_a_slide(browser, server, size):
    import zxingcpp
    from PIL import Image
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    tab = context.new_page()
    pick(tab, server)
    tab.goto(server + "tap-trinh-chieu/")
    sections(tab)
    tab.get_by_role("button", name=re.compile("^Trình chiếu tập")).click()
    slide = tab.get_by_role("dialog", name=re.compile("^Trình chiếu"))
    for n, (address, label) in enumerate(PICKED, 1):
        assert f"{n} / 3" in slide.inner_text() and label in slide.inner_text()
        qr = slide.get_by_role("img")
        assert qr.is_visible() and qr.bounding_box()["y"] + qr.bounding_box()["height"] <= size[1] + 1
        found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
        anchor = {"Điểm 6": "muc-6", "Điểm 4": "muc-4"}[label]
        assert found == [f"{SITE_URL}{address}#{anchor}"]
        tab.keyboard.press(["ArrowRight", "PageDown", " "][n - 1])
    assert "3 / 3" in slide.inner_text()  # the last slide stays
    tab.keyboard.press("PageUp")
    assert "2 / 3" in slide.inner_text()
    tab.keyboard.press("Escape")
    assert slide.count() == 0
    context.close()


def test_a_pack_prints_its_sections_with_citations_and_page_numbers(tab, server, tmp_path):
    pick(tab, server)
    tab.goto(server + "tap-trinh-chieu/")
    sections(tab)
    tab.emulate_media(media="print")
    tab.pdf(path=str(tmp_path / "tap.pdf"), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "tap.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert flat.count("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ") >= 2
    assert "Điểm 6 Chỉ thị của Ủy ban nhân dân tỉnh Hà Tĩnh" in flat
    assert "Tổ chức thực hiện tốt Luật tiếp cận thông tin" in flat
    assert "Để trình bày" not in flat  # the handout alone, not the page's instructions
    assert re.search(r"\b1 ?/ ?\d", flat) and not {"Trình chiếu", "Sao chép liên kết", "Tập trình chiếu (3)"} & set(re.findall(r"\w[\w ()0-9]*\w\)?", flat))


def test_a_section_no_longer_in_the_base_is_shown_as_such(tab, server):
    tab.goto(server + "tap-trinh-chieu/#m=van-ban-da-bo:muc-1&m=ct-33-ttg-2021:muc-99&m=ct-33-ttg-2021:muc-6")
    shown = sections(tab)
    assert len(shown) == 3
    gaps = tab.locator(".kb-tap-muc .kb-gap").all_inner_texts()
    assert len(gaps) == 2 and all("không còn trong kho" in g for g in gaps)


def test_a_section_that_moved_is_followed_to_its_new_address(browser, tmp_path):
    project = copy_project(tmp_path / "kho")
    shutil.copy(ROOT / "data/lien-ket.txt", project / "data/lien-ket.txt")
    with open(project / "data/chuyen-huong.yml", "a", encoding="utf-8") as out:
        out.write("- tu: van-ban/ct-33-ttg-2021/#diem-6\n  den: van-ban/ct-33-ttg-2021/#muc-6\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        tab = browser.new_page()
        tab.goto(url + "tap-trinh-chieu/#m=ct-33-ttg-2021:diem-6")
        assert sections(tab) == ["1. Điểm 6 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ"]
        assert "Luật tiếp cận thông tin" in tab.locator(".kb-tap-muc").inner_text()
