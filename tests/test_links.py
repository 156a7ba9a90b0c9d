"""Links for briefings: manifest, short links, copy link and citation, presentation with QR code, print."""

import html
import io
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, build, copy_project, kb, page
from kb.addresses import read_manifest
from kb.links import manifest, published, short_links
from kb.text import squash

CT33 = "van-ban/ct-33-ttg-2021/"


def test_every_manifest_entry_resolves_on_the_built_site(site):
    entries = read_manifest(ROOT)
    assert len(entries) > 200
    for url in entries:
        path, _, anchor = url.partition("#")
        html = site / path / "index.html"
        assert html.exists(), url
        if anchor:
            assert anchor in page(site, path).ids, url


def test_manifest_is_current(model):
    assert list(read_manifest(ROOT)) == manifest(model), "chạy 'make links'"
    assert set(published(model)) <= set(manifest(model))


def with_manifest(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy(ROOT / "data/lien-ket.txt", project / "data/lien-ket.txt")
    return project


def test_removing_an_anchor_a_task_names_is_said_once(tmp_path):
    project = with_manifest(tmp_path)
    doc = project / "docs/van-ban/ha-tinh-chi-thi-ct33.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("{: #muc-7 }", ""), encoding="utf-8")
    result = kb(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [line for line in lines if "muc-7" in line] and len(lines) == 1, lines
    assert "trường 'nhiem_vu[7].muc': toàn văn không có neo '#muc-7'" in lines[0]


def test_a_moved_anchor_follows_its_redirect_on_the_page_and_by_short_link(tmp_path, browser):
    from conftest import serve
    from test_checks import CORPUS, lay_over
    project = with_manifest(tmp_path)
    lay_over(CORPUS / "60-xoa-neo-co-chuyen-huong", project)
    assert build(project, tmp_path / "out").returncode == 0
    with serve(tmp_path / "out") as url:
        tab = browser.new_page()
        for old in ("van-ban/ha-tinh-chi-thi-ct33/#mo-dau", "ha-tinh-chi-thi-ct33/mo-dau/"):
            tab.goto(url + old)
            tab.wait_for_url(re.compile(r"#muc-1$"))
            assert tab.url == url + "van-ban/ha-tinh-chi-thi-ct33/#muc-1"
        tab.close()


def test_renaming_a_document_with_a_redirect_keeps_every_old_address(tmp_path, browser):
    from conftest import serve
    project = with_manifest(tmp_path)
    old, new = "hai-phong-cv-9465-2021", "hai-phong-cong-van-9465-2021"
    text = (project / f"docs/van-ban/{old}.md").read_text(encoding="utf-8")
    (project / f"docs/van-ban/{old}.md").unlink()
    (project / f"docs/van-ban/{new}.md").write_text(text.replace(f"id: {old}", f"id: {new}"), encoding="utf-8")
    redirects = project / "data/chuyen-huong.yml"
    redirects.write_text(redirects.read_text(encoding="utf-8") + f"- tu: van-ban/{old}/\n  den: van-ban/{new}/\n", encoding="utf-8")
    unrecorded = kb(project, "check")
    assert unrecorded.returncode == 1 and "địa chỉ mới chưa ghi vào data/lien-ket.txt" in unrecorded.stdout
    assert old not in unrecorded.stdout  # the old addresses are kept by the redirect: no error about them
    assert kb(project, "links").returncode == 0
    assert kb(project, "check").returncode == 0
    assert build(project, tmp_path / "out").returncode == 0
    with serve(tmp_path / "out") as url:
        tab = browser.new_page()
        tab.goto(url + f"{old}/giao-nhiem-vu/")
        tab.wait_for_url(re.compile(r"#giao-nhiem-vu$"))
        assert tab.url == url + f"van-ban/{new}/#giao-nhiem-vu"
        tab.goto(url + f"van-ban/{old}/")
        tab.wait_for_url(re.compile(new))
        tab.close()


def test_a_declared_redirect_keeps_an_old_address_working(tmp_path):
    project = with_manifest(tmp_path)
    with open(project / "data/lien-ket.txt", "a", encoding="utf-8") as listed:
        listed.write("van-ban/chi-thi-33/\n")
    with open(project / "data/chuyen-huong.yml", "a", encoding="utf-8") as redirects:
        redirects.write("- tu: van-ban/chi-thi-33/\n  den: van-ban/ct-33-ttg-2021/\n")
    assert build(project, tmp_path / "out").returncode == 0
    old = (tmp_path / "out/van-ban/chi-thi-33/index.html").read_text(encoding="utf-8")
    assert "ct-33-ttg-2021/" in old and "refresh" in old


def test_anchors_are_ascii_lower_case_and_numbered(model):
    for p in model.pages.values():
        for anchor in p.sections:
            assert re.fullmatch(r"(muc(-[a-z0-9]+)+|mo-dau|to-chuc-thuc-hien|giao-nhiem-vu)", anchor), anchor


def test_every_short_link_leads_to_its_section(site, model):
    links = [short for p in model.pages.values() for short in short_links(p)]
    assert "ct-33-ttg-2021/6/" in links
    for short in links:
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', (site / short / "index.html").read_text())
        path, _, anchor = urljoin(short, html.unescape(refresh[1])).partition("#")
        assert short.rstrip("/").split("/")[-1] in anchor, short
        assert anchor in page(site, path).ids, short


def test_short_links_land_on_their_sections_in_the_browser(browser, server, model):
    # One short link of each document: every short link is the same page (the test above follows each of them).
    tab = browser.new_page()
    tab.route("**/assets/**", lambda route: route.abort())  # the landing is what is tested, not the styling
    for short in [links[0] for p in model.pages.values() if (links := list(short_links(p)))]:
        tab.goto(server + short + "?q=1")
        tab.wait_for_url(re.compile(r"#"))
        anchor = tab.url.split("#", 1)[1]
        assert short.rstrip("/").split("/")[-1] in anchor and "?q=1" in tab.url
        assert tab.locator(f"[id='{anchor}']").count() == 1
    tab.close()


@pytest.fixture
def ct33(browser, server):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    tab = context.new_page()
    tab.goto(server + CT33 + "?h=d%C3%A2n+v%E1%BA%ADn")  # as a search result opens it: what is copied has no query
    yield tab
    context.close()


def test_the_guide_shows_an_address_that_lands_on_its_section(site):
    guide = page(site, "huong-dan/")
    [example] = [link for link in guide.links if link.startswith("../van-ban/") and "#" in link]
    path, anchor = example.removeprefix("../").split("#")
    assert anchor in page(site, path).ids
    assert f"{path}#{anchor}" in guide.article_text


def test_copy_link_and_citation(ct33, server):
    ct33.get_by_role("button", name="Sao chép liên kết tới Điểm 6").click()
    assert ct33.evaluate("navigator.clipboard.readText()") == f"{server}{CT33}#muc-6"
    ct33.get_by_role("button", name="Sao chép trích dẫn Điểm 6").click()
    assert ct33.evaluate("navigator.clipboard.readText()") == \
        f"Điểm 6 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ ({server}{CT33}#muc-6)"
    assert "Đã sao chép" in ct33.get_by_role("status").inner_text()


def test_copy_link_with_the_keyboard(ct33, server):
    button = ct33.get_by_role("button", name="Sao chép liên kết tới Điểm 2")
    button.focus()
    ct33.keyboard.press("Enter")
    assert ct33.evaluate("navigator.clipboard.readText()") == f"{server}{CT33}#muc-2"


def test_presentation_view_shows_the_section_its_citation_and_a_qr_code_of_its_link(ct33):
    import zxingcpp
    from PIL import Image
    ct33.get_by_role("button", name="Trình chiếu Điểm 6").click()
    dialog = ct33.get_by_role("dialog", name="Trình chiếu Điểm 6")
    text = dialog.inner_text()
    assert "Tổ chức thực hiện tốt Luật tiếp cận thông tin" in text and "7. Chủ động" not in text
    assert "Điểm 6 Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ" in text
    qr = dialog.get_by_role("img")
    qr.wait_for()
    ct33.wait_for_function("document.querySelector('.kb-present img').naturalWidth > 0")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert [d.text for d in decoded] == ["http://127.0.0.1:8000/van-ban/ct-33-ttg-2021/#muc-6"]
    ct33.keyboard.press("Escape")
    assert ct33.locator(".kb-present").count() == 0


@pytest.mark.parametrize("length", [10, 40, 80, 150, 250, 400])  # versions 1 to 15
def test_qr_codes_read_back_at_every_size(browser, server, length):
    import zxingcpp
    from PIL import Image
    tab = browser.new_page(viewport={"width": 900, "height": 900})
    tab.goto(server)
    tab.add_script_tag(url=server + "assets/qr.js")
    text = (f"{server}van-ban/kế-hoạch-đ/" + "x" * length)[:length]
    tab.set_content(f'<img id="q" src="{tab.evaluate("t => kbQrImage(t)", text)}" style="width:800px;image-rendering:pixelated">')
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(tab.locator("#q").screenshot())))] == [text]


def printed(tab, url: str, pdf: Path) -> list[str]:
    """The text of each A4 page a browser prints of a page of the site."""
    tab.goto(url)
    tab.emulate_media(media="print")
    tab.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.parametrize("address", ["doi-chieu/ct-33-ttg-2021/", "don-vi/bo-noi-vu/"])
def test_wide_tables_print_on_landscape_pages_without_addresses(browser, server, address, tmp_path):
    import pypdfium2
    text = "".join(printed(browser.new_page(), server + address + "?fbclid=chia-se", tmp_path / "in.pdf"))
    assert f"Bản in của trang {server}{address}\n" in text  # without the query the page was opened with
    sizes = [page.get_size() for page in pypdfium2.PdfDocument(str(tmp_path / "in.pdf"))]
    assert any(width > height for width, height in sizes), sizes
    assert [line for line in text.splitlines() if "://" in line] == [line for line in text.splitlines() if "Bản in của trang" in line]


def test_every_document_prints_as_a_clean_official_text(browser, server, model, tmp_path):
    from kb import originals
    tab = browser.new_page()
    for doc_id, entry in model.pages.items():
        doc = entry.doc
        pages = printed(tab, f"{server}van-ban/{doc_id}/", tmp_path / f"{doc_id}.pdf")
        wanted = originals.source_sentences(originals.text(ROOT, doc.original))
        # The official text opens the print, each sentence as the source has it: no address put after a link.
        assert squash(wanted[0]) in squash(pages[0]), f"{doc_id}: {pages[0][:300]}"
        official, records = "".join(pages).split("Thông tin văn bản", 1)  # the records follow the text
        missing = originals.compare(squash(official), 1, [n.text for n in doc.notes], wanted)
        assert not missing, f"{doc_id}: {[m.sentence for m in missing][:3]}"
        # The page's address once, under the title; no other address, control or navigation on paper.
        addresses = [line for line in "".join(pages).splitlines() if "://" in line]
        assert len(addresses) == 1 and "Bản in của trang" in addresses[0], (doc_id, addresses[:3])
        assert not {"Trang chủ", "trình chiếu", "Liên kết ngắn tới từng mục", "CSV"} & set(re.findall(r"\w[\w ]*\w", "".join(pages)))
        assert "Nhiệm vụ" in records