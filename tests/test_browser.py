"""Works everywhere cadres are: every page type in headless Chromium — no other host, no errors,
accessible in light and dark, usable on a 375 px phone and by keyboard, offline from file://."""

import re
import subprocess
import sys
from datetime import datetime
from urllib.parse import urlsplit

import pytest

from conftest import ENV, ROOT, TODAY, results

PAGE_TYPES = {
    "trang-chu": "",
    "van-ban": "van-ban/ct-33-ttg-2021/",
    "du-thao": "van-ban/kien-giang-ke-hoach-ct33-2024/",
    "don-vi": "don-vi/so-noi-vu-ha-tinh/",
    "danh-sach-don-vi": "don-vi/",
    "doi-chieu": "doi-chieu/ct-33-ttg-2021/",
    "lich": "lich-bao-cao/",
    "he-thong": "he-thong/",
    "trich-dan": "van-ban-trich-dan/cv-1260-ubnd-nc-kon-tum-2023/",
    "404": "khong-co-trang-nay/",
    "tim-kiem": "?q=dan+van",
    "theo-ngay": "theo-ngay/",
    "tap-trinh-chieu": "tap-trinh-chieu/#t=T%E1%BA%ADp&m=ct-33-ttg-2021:muc-6&m=ha-tinh-chi-thi-ct33:muc-4:ghi+ch%C3%BA",
}


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anh-chup")
    print(f"\nẢnh chụp các loại trang: {folder}")
    return folder


def visit(browser, server, name, **context):
    """Open a page type in a new browsing context, recording every request, failed response and console error."""
    ctx = browser.new_context(**context)
    tab = ctx.new_page()
    seen = {"requests": [], "failed": [], "errors": []}
    tab.on("request", lambda r: seen["requests"].append(r.url))
    tab.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    tab.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    tab.on("pageerror", lambda e: seen["errors"].append(str(e)))
    go(tab, server, name)
    return ctx, tab, seen


def go(tab, server, name):
    """Open a page type in tab on the day the site was built (pages work dates out again for the reader's day)."""
    tab.clock.set_fixed_time(datetime.fromisoformat(TODAY).replace(hour=9))
    tab.goto(server + PAGE_TYPES[name])
    tab.wait_for_load_state("networkidle")
    if name == "tim-kiem":
        tab.keyboard.press("/")
        tab.locator("input.md-search__input").fill("dân vận")
        tab.locator(".md-search-result__item").first.wait_for()


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab for each way of looking at the site (palette, phone), taken from page type to page type where
    nothing is recorded: a page opened in a tab that has shown the site before costs Chromium about a third of
    the processor time of a new tab."""
    opened = {}

    def tab(**context):
        key = repr(sorted(context.items()))
        if key not in opened:
            opened[key] = browser.new_context(**context).new_page()
        return opened[key]
    yield tab
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_request_to_another_host_no_error(browser, server, name, shots):
    ctx, tab, seen = visit(browser, server, name, viewport={"width": 1366, "height": 900})
    tab.screenshot(path=str(shots / f"{name}-may-tinh.png"))
    host = urlsplit(server).netloc
    foreign = [u for u in seen["requests"] if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
    assert not foreign
    expected = [f"404 {server}{PAGE_TYPES[name]}"] if name == "404" else []
    assert seen["failed"] == expected
    assert not [e for e in seen["errors"] if not (name == "404" and "404" in e)]
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violation(tabs, server, name, scheme):
    from axe_playwright_python.sync_playwright import Axe
    tab = tabs(color_scheme=scheme)
    go(tab, server, name)
    violations = [v for v in Axe().run(tab).response["violations"] if v["impact"] in ("serious", "critical")]
    report = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} — {v['nodes'][0]['target']}" for v in violations]
    print(f"axe {name} {scheme}: {len(violations)} serious/critical", report)
    assert not report


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_phone_width_does_not_overflow(tabs, server, name, shots):
    tab = tabs(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    go(tab, server, name)
    width, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    tab.screenshot(path=str(shots / f"{name}-dien-thoai.png"), full_page=False)
    assert width <= inner
    # Wide tables scroll inside their own container, not the page.
    assert tab.evaluate("""[...document.querySelectorAll('.md-typeset table')].every(t =>
        t.closest('.md-typeset__scrollwrap') || t.getBoundingClientRect().right <= window.innerWidth + 1)""")
    size = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p, .md-content li') || document.body).fontSize)")
    assert size >= 14


def test_vietnamese_renders_with_system_fonts(browser, server, shots):
    ctx, tab, seen = visit(browser, server, "du-thao")
    assert not [u for u in seen["requests"] if re.search(r"\.(woff2?|ttf|otf)(\?|$)", u)]
    family = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.startswith('"Segoe UI"') and "Noto Sans" in family
    text = tab.locator("article").inner_text()
    assert all(word in text for word in ("Đảng", "ưu tiên", "thường xuyên"))
    tab.locator("#muc-ii-4").scroll_into_view_if_needed()
    tab.screenshot(path=str(shots / "phong-chu-tieng-viet.png"))
    ctx.close()


def test_keyboard_reaches_navigation_copy_link_and_search(browser, server):
    ctx, tab, _ = visit(browser, server, "van-ban")
    reached = set()
    for _ in range(400):
        tab.keyboard.press("Tab")
        reached.add(tab.evaluate("""(() => { const e = document.activeElement;
            return e.closest('.md-nav') ? 'nav' : e.classList.contains('kb-action') ? 'copy' : e.tagName })()"""))
        if {"nav", "copy"} <= reached:
            break
    assert {"nav", "copy"} <= reached
    tab.keyboard.press("Escape")
    tab.locator("body").focus()
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.matches('input.md-search__input')")
    ctx.close()


def test_not_found_page_offers_search_and_home(browser, server):
    ctx, tab, _ = visit(browser, server, "404")
    text = tab.locator("article").inner_text()
    assert "Không tìm thấy trang" in text and "Về trang chủ" in text and "Tìm kiếm trong kho" in text
    tab.get_by_text("Tìm kiếm trong kho").click()
    assert tab.locator("input.md-search__input").is_visible()
    ctx.close()


def test_offline_bundle_opens_from_file(browser, tmp_path):
    out = tmp_path / "offline"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", "mkdocs-offline.yml", "-d", str(out)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    ctx = browser.new_context()
    tab = ctx.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    foreign = []
    tab.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    tab.goto((out / "index.html").as_uri())
    # Search answers from the files, and its hit opens the section.
    found, _ = results(tab, "luat tiep can thong tin")
    assert found and found[0].startswith("van-ban/"), found
    section = next(r for r in found if "#" in r)
    tab.locator(f".md-search-result a[href*='#{section.split('#')[1]}']").first.click()
    tab.wait_for_url(re.compile(re.escape(section.split("/#")[0].removesuffix("/")) + r"\.html.*#" + section.split("#")[1] + "$"))
    assert tab.locator(f"#{section.split('#')[1]}").is_visible()
    # A briefing pack sent as a link shows its sections' text from the files.
    tab.goto((out / "tap-trinh-chieu.html").as_uri() + "#m=ct-33-ttg-2021:muc-6")
    assert "Luật tiếp cận thông tin" in tab.locator(".kb-tap-muc").first.inner_text()
    tab.goto((out / "index.html").as_uri())
    tab.get_by_role("link", name="Chỉ thị 33/CT-TTg").first.click()
    tab.wait_for_url(re.compile(r"van-ban/ct-33-ttg-2021\.html"))
    assert tab.locator("table").first.is_visible() and tab.locator("#muc-6").count() == 1
    tab.get_by_role("link", name="Thủ tướng Chính phủ").first.click()
    tab.wait_for_url(re.compile(r"don-vi/thu-tuong-chinh-phu\.html"))
    assert "Nhiệm vụ" in tab.locator("article").inner_text()
    tab.goto((out / "ct-33-ttg-2021/6/index.html").as_uri())
    tab.wait_for_url(re.compile(r"ct-33-ttg-2021\.html#muc-6$"))
    assert not errors and not foreign, (errors, foreign)
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["lich", "don-vi", "doi-chieu"])
def test_tables_read_as_cards_on_a_phone(browser, server, name, scheme, shots):
    ctx, tab, _ = visit(browser, server, name, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                        color_scheme=scheme)
    tab.screenshot(path=str(shots / f"{name}-the-{scheme}.png"), full_page=True)
    found = tab.evaluate("""() => {
        const within = e => { const r = e.getBoundingClientRect(); return !r.width || (r.left >= -1 && r.right <= innerWidth + 1); };
        const cells = [...document.querySelectorAll('.kb-cards tr:not([hidden]) td')];  // rows passed since the build are left out
        return {
            cells: cells.length,
            wide: [...document.querySelectorAll('article *')].filter(e => !within(e)).map(e => e.tagName + '.' + e.className),
            clipped: cells.filter(td => !td.getClientRects().length || td.scrollWidth > td.clientWidth + 1
                                        || !td.innerText.includes(td.textContent.trim().split(/\\s+/)[0])).length,
            labelled: cells.filter(td => getComputedStyle(td, '::before').content.includes(td.dataset.label)).length,
            headers: [...document.querySelectorAll('.kb-cards thead')].filter(h => h.getClientRects().length).length,
        };
    }""")
    assert found["cells"] > 10
    assert found["wide"] == []
    assert found["clipped"] == 0 and found["labelled"] == found["cells"] and found["headers"] == 0
    # Print keeps the tables as tables.
    tab.emulate_media(media="print")
    assert tab.evaluate("getComputedStyle(document.querySelector('.kb-cards td')).display") == "table-cell"
    ctx.close()


def test_table_filter_works_on_cards(browser, server):
    ctx, tab, _ = visit(browser, server, "lich", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    shown = "[...document.querySelectorAll('.kb-cards tbody tr')].filter(r => r.getClientRects().length).length"
    before = tab.evaluate(shown)
    word = tab.evaluate("document.querySelector('.kb-cards tbody tr td:nth-child(6)').textContent.trim().split(' ').pop()")
    tab.locator(".kb-filter input").first.fill(word)
    after = tab.evaluate(shown)
    assert 0 < after < before
    ctx.close()
