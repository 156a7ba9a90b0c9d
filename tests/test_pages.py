"""The built site: metadata cards, draft banner, unknown values, anchors, and every internal link."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import page, parse

# What each card must say, read from the sources by hand.
CARDS = {
    "ct-33-ttg-2021": ["33/CT-TTg", "26/11/2021", "Phạm Bình Minh", "KT. Thủ tướng", "Phó Thủ tướng", "Chỉ thị", "Đã ban hành"],
    "hai-phong-cv-9465-2021": ["9465/UBND-KSTTHC", "07/12/2021", "Trần Huy Kiên", "TL. Ủy ban nhân dân, KT. Chánh Văn phòng", "Công văn"],
    "ha-tinh-chi-thi-ct33": ["TM. Ủy ban nhân dân, KT. Chủ tịch", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Tĩnh"],
    "tinh-chua-xac-dinh-ke-hoach-ct33": ["Lâm Hải Giang", "văn bản nguồn không ghi tên tỉnh"],
    "kon-tum-so-y-te-ke-hoach-ct33": ["Võ Văn Thanh", "Giám đốc", "Sở Y tế", "Công văn 1260/UBND-NC"],
    "kien-giang-ke-hoach-ct33-2024": ["Nguyễn Lưu Trung", "KT. Chủ tịch", "Dự thảo"],
}
UNKNOWN = "không có trong văn bản nguồn"


def card(site, doc_id: str) -> str:
    text = re.sub(r"\s+", " ", page(site, f"van-ban/{doc_id}/").article_text)
    return text.split("Thông tin văn bản", 1)[1].split("Nhiệm vụ", 1)[0]


@pytest.mark.parametrize("doc_id", sorted(CARDS))
def test_card_values(site, doc_id):
    text = card(site, doc_id)
    for value in CARDS[doc_id]:
        assert value in text, f"{doc_id}: thiếu '{value}' trong thẻ thông tin"


@pytest.mark.parametrize("doc_id", ["ha-tinh-chi-thi-ct33", "tinh-chua-xac-dinh-ke-hoach-ct33",
                                    "kon-tum-so-y-te-ke-hoach-ct33", "kien-giang-ke-hoach-ct33-2024"])
def test_unknown_number_and_date_are_said_not_guessed(site, doc_id):
    text = card(site, doc_id)
    number = text.split("Số hiệu", 1)[1].split("Trích yếu", 1)[0]
    issued = text.split("Ngày ban hành", 1)[1].split("Người ký", 1)[0]
    assert UNKNOWN in number and UNKNOWN in issued
    assert not re.search(r"\d{2}/\d{2}/\d{4}", issued)


def test_unnamed_province_is_said_in_title_and_card(site):
    html = page(site, "van-ban/tinh-chua-xac-dinh-ke-hoach-ct33/")
    title = html.article_text.split("Thông tin văn bản", 1)[0]
    assert "chưa xác định" in title
    assert "không ghi tên tỉnh" in card(site, "tinh-chua-xac-dinh-ke-hoach-ct33")


def test_draft_banner_only_on_drafts(site, model):
    for doc_id, p in model.pages.items():
        shown = "Văn bản này là dự thảo" in re.sub(r"\s+", " ", page(site, f"van-ban/{doc_id}/").article_text)
        assert shown == (p.doc.status == "du-thao"), doc_id


def test_every_anchor_of_the_model_is_on_its_page(site, model):
    for doc_id, p in model.pages.items():
        ids = page(site, f"van-ban/{doc_id}/").ids
        missing = set(p.sections) - ids
        assert not missing, f"{doc_id}: {sorted(missing)}"
        assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in p.sections)


def test_ct33_points_have_numbered_anchors(site):
    ids = page(site, "van-ban/ct-33-ttg-2021/").ids
    assert {f"muc-{n}" for n in range(1, 9)} <= ids


def test_home_shows_the_hierarchy_by_level(site, model):
    text = page(site, "").article_text
    levels = [text.index(label) for label in ("Trung ương", "Tỉnh, thành phố", "Sở, ngành")]
    assert levels == sorted(levels)
    assert text.index("Chỉ thị 33/CT-TTg") < levels[1]
    assert "Kế hoạch của Sở Y tế Kon Tum" in text[levels[2]:]


def _targets(site: Path):
    # Every HTML page with its parsed ids and links.
    return {f: parse(f) for f in site.rglob("*.html")}


def test_every_internal_link_and_anchor_resolves(site):
    pages = _targets(site)
    broken = []
    for file, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            base = site if parts.path.startswith("/") else file.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else file
            if target.is_dir():
                target = target / "index.html"
            if target not in pages and not target.exists():
                broken.append(f"{file.relative_to(site)} → {href}")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{file.relative_to(site)} → {href} (thiếu neo)")
    assert not broken, "\n".join(broken[:20])


def test_no_asset_from_other_hosts(site):
    # Scripts, styles, fonts, icons and images all come from the site itself.
    asset = re.compile(r"""<(?:script|img|iframe)[^>]+src=["'](?:https?:)?//|<link[^>]+rel=["'](?:stylesheet|icon|preload|preconnect|modulepreload|dns-prefetch)["'][^>]+href=["'](?:https?:)?//""")
    offenders = [str(f.relative_to(site)) for f in site.rglob("*.html") if asset.search(f.read_text(encoding="utf-8"))]
    assert not offenders


def test_last_updated_from_git_and_edit_link(site):
    import subprocess
    from conftest import ROOT
    day = subprocess.run(["git", "log", "-1", "--format=%cd", "--date=format:%d/%m/%Y", "--", "docs/van-ban/ct-33-ttg-2021.md"],
                         cwd=ROOT, capture_output=True, text=True).stdout.strip()
    html = (site / "van-ban/ct-33-ttg-2021/index.html").read_text(encoding="utf-8")
    if day:
        assert f"Cập nhật lần cuối: {day}." in html
    assert re.search(r'href="https://[^"]+/edit/main/docs/van-ban/ct-33-ttg-2021\.md"', html)
