"""Vietnamese search in Material's own search panel, in headless Chromium on the built site."""

import re
import statistics
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import results
from search_eval import SETS, measure

from kb.search import tokens
from kb.text import fold, squash

CT33, HT, HP = "van-ban/ct-33-ttg-2021/", "van-ban/ha-tinh-chi-thi-ct33/", "van-ban/hai-phong-cv-9465-2021/"
KG, KT, P0 = "van-ban/kien-giang-ke-hoach-ct33-2024/", "van-ban/kon-tum-so-y-te-ke-hoach-ct33/", "van-ban/tinh-chua-xac-dinh-ke-hoach-ct33/"

# Query → addresses any one of which must be among the first three results (written from the sources).
QUERIES = {
    "dan van kheo": [CT33 + "#muc-3", HT + "#muc-3", P0 + "#muc-ii-3"],
    "Dân vận khéo": [CT33 + "#muc-3", HT + "#muc-3", P0 + "#muc-ii-3"],
    "đảng": [CT33],
    "dang": [CT33],
    "Đảng ủy Khối": [HT + "#to-chuc-thuc-hien"],
    "tiep cong dan": [CT33 + "#muc-6", HT + "#muc-6", KG + "#muc-ii-6", P0 + "#muc-ii-4-dd", KT + "#muc-ii-4-g3"],
    "33/CT-TTg": [CT33],
    "33/ct-ttg": [CT33],
    "CT 33": [CT33],
    "chi thi 33": [CT33],
    "9465": [HP],
    "Nguyễn Lưu Trung": [KG],
    "nguyen luu trung": [KG],
    "so noi vu ha tinh": ["don-vi/so-noi-vu-ha-tinh/"],
    "Phạm Bình Minh": [CT33],
    "15/12": [CT33 + "#muc-8"],
    "truoc ngay 05/12": [HT + "#to-chuc-thuc-hien"],
    "25/11": [P0 + "#muc-iii-2", P0 + "#muc-iii-3"],
    "18/5": [KT + "#muc-iii-1"],
    "28 thang 11": [KT + "#muc-iii-1"],
    "thang 12/2021": [HP, HP + "#giao-nhiem-vu"],
    '"nghe dân nói"': [CT33 + "#muc-5", HT + "#muc-5", KG + "#muc-ii-5", P0 + "#muc-ii-5", KT + "#muc-ii-5"],
    "Luật tiếp cận thông tin": [CT33 + "#muc-6", HT + "#muc-6", KG + "#muc-ii-6"],
    "luat tiep can thong tin": [CT33 + "#muc-6", HT + "#muc-6", KG + "#muc-ii-6"],
    "Nghị quyết 76/NQ-CP": [CT33 + "#muc-4", P0 + "#muc-ii-4-a", KT + "#muc-ii-4-g1", KG + "#muc-ii-4"],
    "Đề án 06": [KG + "#muc-ii-4"],
    "lĩnh vực giáo dục": [KT + "#muc-ii-6"],
    "Sở Y tế Kon Tum": ["don-vi/so-y-te-kon-tum/", KT],
    "kien giang 2024": [KG],
    "du thao": [KG],
    "Hai Phong": [HP, "don-vi/ubnd-tp-hai-phong/"],
    "Mặt trận Tổ quốc": [CT33 + "#muc-7", HT + "#muc-7", KG + "#muc-ii-7", P0 + "#muc-ii-6"],
    "Quyết định 3809": [P0 + "#muc-ii-4-a"],
    "Lâm Hải Giang": [P0],
    "vo van thanh": [KT],
    "COVID-19": [CT33 + "#muc-1", CT33 + "#muc-2"],
    "ct33": [CT33],
    "kh39": [KG],
    "9465ubnd": [HP],
    "BNV": [KG],
}

ABBREVIATIONS = [("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("BNV", "Bộ Nội vụ"), ("TTg", "Thủ tướng")]


def test_folding_and_tokens():
    assert fold("Đảng ủy") == "dang uy" and fold("ơ ư Ơ Ư") == "o u o u"
    nfd = unicodedata.normalize("NFD", "Dân vận khéo")
    assert tokens(nfd) == tokens("Dân vận khéo") == tokens("dan van kheo") == {"dan", "van", "kheo"}
    assert tokens("33/CT-TTg") == tokens("CT 33/ct ttg") == {"33", "ct", "ttg"}
    assert "d0512" in tokens("trước ngày 05 tháng 12") and "d0512" in tokens("05/12") and "d1805" in tokens("18/5")


def test_browser_folding_matches_the_index(browser, server):
    tab = browser.new_page()
    tab.goto(server)
    tab.add_script_tag(url=server + "assets/tim-kiem.js")
    for text in ["Đảng ủy Khối", unicodedata.normalize("NFD", "Dân vận khéo"), "33/CT-TTg ngày 26/11/2021", "trước ngày 05 tháng 12"]:
        assert set(tab.evaluate("t => tokens(fold(t))", text)) == tokens(text), text
    assert tab.evaluate("fold('Đ' + 'ư')") == "du"
    tab.close()


def test_a_word_on_every_fifth_page_of_five_thousand_fits_in_a_small_file():
    # The first search downloads each word's file: its size must not follow the base's.
    import json
    from kb.search import _listing, listed
    spread, run = list(range(0, 5000, 5)), list(range(300, 4000))
    assert listed(_listing(spread)) == spread and listed(_listing(run)) == run
    assert len(json.dumps(_listing(spread))) < 1000 and "l" in _listing(run)  # a bitmap; runs where shorter


def test_browser_reads_the_pages_of_a_word_as_the_index_writes_them(browser, server):
    import random
    from kb.search import _listing
    tab = browser.new_page()
    tab.goto(server)
    tab.add_script_tag(url=server + "assets/tim-kiem.js")
    rng = random.Random(7)
    for pages in [[0], [0, 1, 2, 5], list(range(40, 90)), sorted(rng.sample(range(3000), 400))]:
        file = _listing(pages)
        assert sorted(map(int, tab.evaluate("f => Object.keys(listing(f))", file))) == pages, file
    tab.close()


def test_browser_reads_a_section_as_the_index_keeps_it(browser, server, model):
    from kb.model import Section
    from kb.pages.common import anchor_label
    from kb.search import _section
    long = "Tuyên truyền 🇻🇳 " + "sâu rộng " * 20
    made = [Section("muc-1", long[:40], long, 1), Section("muc-2", long, long, 1), Section("muc-3", "Khác hẳn", long, 1),
            Section("muc-4", "Ngắn", "Ngắn", 1)]
    sections = [s for page in model.pages.values() for s in page.sections.values()] + made
    tab = browser.new_page()
    tab.goto(server)
    tab.add_script_tag(url=server + "assets/tim-kiem.js")
    read = tab.evaluate("kept => kept.map(k => section(k, 'van-ban/x/'))", [_section(s) for s in sections])
    for s, (location, title, text) in zip(sections, read):
        assert location == f"van-ban/x/#{s.anchor}" and text == s.text
        label, full = anchor_label(s.anchor), s.title[:90]
        own = re.split(r"[ .]", label)[-1]  # a number the label says is not said again
        shown = full[len(own) + 2:] if full.startswith((f"{own}. ", f"{own}) ")) else full
        assert title == f"{label}: {shown}", s.anchor
    assert len({len(_section(s)) for s in made}) == 2  # titles kept as lengths and as text
    tab.close()


def test_a_result_does_not_repeat_the_number_its_label_says(browser, server):
    from kb.model import Section
    from kb.search import _section
    made = {"muc-3": "3. Tiếp tục thực hiện tốt phong trào", "muc-ii-1-a": "a) Rà soát thủ tục",
            "muc-ii": "II. NHIỆM VỤ, GIẢI PHÁP", "muc-4": "3. Số của nguồn khác nhãn", "muc-5": "5.000 hộ dân được thăm",
            "mo-dau": "Trong những năm qua"}
    tab = browser.new_page()
    tab.goto(server)
    tab.add_script_tag(url=server + "assets/tim-kiem.js")
    kept = [_section(Section(anchor, text, text, 1)) for anchor, text in made.items()]
    titles = tab.evaluate("kept => kept.map(k => section(k, 'van-ban/x/')[1])", kept)
    assert titles == ["điểm 3: Tiếp tục thực hiện tốt phong trào", "mục II.1.a: Rà soát thủ tục", "mục II: NHIỆM VỤ, GIẢI PHÁP",
                      "điểm 4: 3. Số của nguồn khác nhãn", "điểm 5: 5.000 hộ dân được thăm", "phần mở đầu: Trong những năm qua"]
    tab.close()


def test_a_word_file_the_network_lost_is_said_and_asked_for_again(browser, server):
    tab = _losing_once(browser, server, "kheo")
    found = results(tab, "kheo")[0]  # the next search reads the file, and says nothing of the network
    assert set(found[:3]) & set(QUERIES["dan van kheo"]) and "" not in found
    assert "Mạng chập chờn" not in tab.locator(".md-search-result").inner_text()
    tab.close()


def test_the_line_saying_the_network_failed_searches_again(browser, server):
    tab = _losing_once(browser, server, "kheo")
    tab.locator(".md-search-result__item").first.locator("a").click()
    tab.wait_for_url("**?q=kheo*")
    tab.wait_for_function("(list => list && list.children.length > 0)(document.querySelector('.md-search-result__list'))")
    assert tab.locator("input.md-search__input").input_value() == "kheo"
    first = tab.locator(".md-search-result__item").first
    assert "Mạng chập chờn" not in first.inner_text() and "/van-ban/" in first.locator("a").first.get_attribute("href")
    tab.close()


def test_the_words_of_data_lost_at_start_are_asked_for_again(browser, server):
    tab = browser.new_page()
    tab.goto(server)
    expected = results(tab, "CCHC")[0]  # only data/viet-tat.yml says what it stands for
    tab.close()
    tab = browser.new_page()
    lost = _dropping_once(tab, "**/ngon-ngu.json")
    tab.goto(server)
    found = results(tab, "CCHC")[0]
    again = found if found == expected else results(tab, "CCHC")[0]
    assert lost and expected and found in (expected, [""]) and again == expected, (found, again)
    tab.close()


def test_the_count_above_the_results_leaves_the_network_line_out(browser, server):
    # The documents found for the other words of the query, then the same query with one word's file lost.
    tab = browser.new_page()
    tab.goto(server)
    said = tab.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
    found = results(tab, "quy che dan chu")[0]
    whole = _count(tab)
    tab.close()
    tab = _losing_once(browser, server, "kheo", "quy che dan chu kheo")
    assert found and _count(tab) == _documents(tab, said) == whole != said["search.result.none"]
    tab.close()
    tab = _losing_once(browser, server, "kheo")
    assert _count(tab) == said["search.result.none"] and _documents(tab, said) == said["search.result.none"]
    tab.close()


# What the panel says above the list, and what it would say (in Material's words, said) of the groups listed but
# the network line.
def _count(tab) -> str:
    return tab.locator(".md-search-result__meta").inner_text().strip()


def _documents(tab, said: dict) -> str:
    groups = tab.eval_on_selector_all(".md-search-result__list > .md-search-result__item",
                                      "items => items.filter(i => !i.querySelector('a').search.startsWith('?q=')).length")
    by_number = {0: said["search.result.none"], 1: said["search.result.one"]}
    return by_number.get(groups, said["search.result.other"].replace("#", str(groups)))


# A tab whose network drops a word's file once, searched for that word (or a query holding it): the panel says
# so first.
def _losing_once(browser, server, word, query=None):
    tab = browser.new_page()
    lost = _dropping_once(tab, f"**/t/{word}.json")
    tab.goto(server)
    found = results(tab, query or word)[0]
    assert lost and found[0] == "" and (query or found == [""])  # the word alone finds nothing but the line
    notice = tab.locator(".md-search-result__item").first
    href = notice.locator("a").get_attribute("href")
    assert "Mạng chập chờn" in notice.inner_text() and parse_qs(urlsplit(href).query)["q"] == [query or word]
    return tab


# The tab's network drops the first request for the files matching pattern; the list says when it has.
def _dropping_once(tab, pattern: str) -> list:
    lost = []
    tab.route(pattern, lambda route: route.continue_() if lost else (lost.append(1), route.abort()))
    return lost


@pytest.fixture(scope="module")
def panel(browser, server):
    tab = browser.new_page()
    tab.goto(server)
    tab.keyboard.press("/")
    yield tab
    tab.close()


run = results


def test_query_set_recall_and_latency(panel):
    ranks, times, misses = [], [], []
    for query, expected in QUERIES.items():
        results, elapsed = run(panel, query)
        times.append(elapsed)
        rank = next((i + 1 for i, r in enumerate(results) if r in expected), None)
        ranks.append(rank)
        if not rank or rank > 3:
            misses.append(f"{query!r}: {results[:4]}")
    recall = sum(1 for r in ranks if r and r <= 3) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    print(f"\n{len(QUERIES)} truy vấn: recall@3 = {recall:.0%}, MRR = {mrr:.2f}, "
          f"độ trễ trung vị {statistics.median(times):.0f} ms, lớn nhất {max(times):.0f} ms")
    print("\n".join(misses))
    assert len(QUERIES) >= 30
    assert not misses  # every one of these still answered in the first three
    assert statistics.median(times) <= 300


def test_results_are_sections_with_highlighted_snippets(panel):
    run(panel, "Dân vận khéo")
    first = panel.locator(".md-search-result__item").first
    assert "van-ban/ct-33-ttg-2021/?h=" in first.locator("a").first.get_attribute("href")
    marks = panel.locator(".md-search-result mark").all_inner_texts()
    assert {"Dân", "vận", "khéo"} <= set(marks)
    # The words as they stand in the text travel to the page, where Material highlights them.
    section = panel.locator(".md-search-result a[href*='#muc-3']").first.get_attribute("href")
    assert "h=" in section and "D%C3%A2n" in section


def test_diacritics_either_way(panel):
    assert run(panel, "dân vận khéo")[0][:4] == run(panel, "dan van kheo")[0][:4]
    assert run(panel, "Đảng")[0][:3] == run(panel, "dang")[0][:3]


def test_abbreviations_and_full_forms_index_alike(model):
    from kb.search import abbreviations
    forms = abbreviations(model)
    for short, full in ABBREVIATIONS:
        assert tokens(short, forms) == tokens(full, forms), short
    assert {"uy", "ban", "nhan", "dan"} <= tokens("9465/UBND-KSTTHC", forms)


def test_numbers_without_separators_rank_the_document_first(panel):
    assert run(panel, "ct33")[0][0] == run(panel, "CT 33")[0][0] == CT33
    assert run(panel, "9465ubnd")[0][0] == run(panel, "9465/UBND")[0][0] == HP


@pytest.mark.parametrize("short, full", ABBREVIATIONS)
def test_abbreviations_find_what_the_full_forms_find(panel, short, full):
    def documents(query):
        return {r.split("#")[0] for r in run(panel, query)[0]}
    assert documents(short) == documents(full + " ")  # typed with a space last: run() presses the last key


@pytest.fixture(scope="module")
def measured(panel):
    """The query sets of tests/search-eval/, searched in the panel."""
    return {name: measure(lambda q: run(panel, q)[0], name) for name in SETS}


# Targets: the answer among the first three results for 80% of queries by section, among the first three
# documents listed for 90% by page.
TARGETS = {"section_recall": 0.80, "page_recall": 0.90}


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("measure_name", TARGETS)
def test_query_sets_reach_their_targets(measured, name, measure_name):
    found = measured[name]
    assert getattr(found, measure_name) >= TARGETS[measure_name], found.misses


def test_no_query_with_a_known_word_comes_back_empty(measured):
    assert all(found.empty == 0 for found in measured.values())


def test_an_unknown_word_leaves_the_known_ones_to_answer(panel):
    found = run(panel, "dân vận khéo xyzzyq")[0]
    assert found and found[:3] == run(panel, "dân vận khéo")[0][:3]


def test_a_question_finds_the_section_that_answers(panel):
    assert CT33 + "#muc-8" in run(panel, "khi nào phải gửi báo cáo về Bộ Nội vụ")[0][:3]
    assert HT + "#to-chuc-thuc-hien" in run(panel, "ai theo dõi đôn đốc ở Hà Tĩnh")[0][:3]


@pytest.mark.parametrize("slip, meant", [("tieeps coong daan", "tiếp công dân"), ("tuyen truyenn", "tuyên truyền"),
                                         ("phong trafo thi ddua", "phong trào thi đua")])
def test_slips_find_what_the_word_finds(panel, slip, meant):
    assert run(panel, slip)[0][:3] == run(panel, meant)[0][:3]


def test_a_place_ranks_its_own_document_first(panel):
    assert run(panel, "kiên giang mặt trận tổ quốc")[0][0] == KG
    assert run(panel, "hà tĩnh dân vận khéo")[0][:2] == [HT, HT + "#muc-3"]


def test_a_section_is_the_text_its_anchor_shows(browser, server, model):
    """What search, copy and presentation take as a section is what a link to its anchor shows: the anchored
    paragraph (or block of a point's paragraphs), or a heading and what follows it up to the next anchor."""
    tab = browser.new_page()
    for doc_id, entry in model.pages.items():
        tab.goto(f"{server}van-ban/{doc_id}/")
        shown = tab.evaluate("""ids => Object.fromEntries(ids.map(id => {
            const el = document.getElementById(id), parts = [el];
            if (/^H[1-6]$/.test(el.tagName))
                for (let n = el.nextElementSibling; n && !n.id && !/^H[1-6]$/.test(n.tagName); n = n.nextElementSibling) parts.push(n);
            return [id, parts.map(p => { const c = p.cloneNode(true);
                c.querySelectorAll('.kb-actions, .headerlink').forEach(x => x.remove()); return c.textContent; }).join(' ')];
        }))""", list(entry.sections))
        for anchor, section in entry.sections.items():
            assert squash(shown[anchor]) == squash(section.text), (doc_id, anchor)
