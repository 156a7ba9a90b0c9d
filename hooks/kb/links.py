"""Published addresses: every page, anchor and short link, the manifest that keeps them, and redirects.

Addresses are derived from the model alone, so the check can compare them without building the site. A
redirect (data/chuyen-huong.yml) moves a page (mkdocs-redirects writes it) or an anchor (the page's script and
the short links follow it); a short link follows its page and its anchor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import addresses as at
from .addresses import MANIFEST, is_short

if TYPE_CHECKING:  # pages and checks pass the model in; the model itself needs nothing from here
    from .model import Model, Page


def short_links(page: Page) -> dict[str, str]:
    """Short link path → anchor, for every anchored part of a document."""
    return {at.short(page.doc.id, a): a for a in page.sections}


def published(model: Model) -> list[str]:
    """Every address the site publishes: pages, their anchors, short links."""
    out = list(at.PAGES) + [at.crosswalk(i) for i in model.implemented()]
    for page in model.pages.values():
        out += [at.document(page.doc.id)] + [at.document(page.doc.id, a) for a in page.sections] + list(short_links(page))
    out += [at.unit(u) for u in model.units] + [at.cited(c) for c in model.cited]
    return sorted(set(out))


def manifest(model: Model) -> list[str]:
    """The manifest as it should be: every published address, and those listed before that now redirect
    (the redirect keeps them alive, and must not be dropped unnoticed)."""
    now = set(published(model))
    kept = [url for url in model.manifest or {} if url not in now and resolve(url, now, model.redirects)]
    return sorted(now | set(kept))


def write_manifest(root: Path, model: Model) -> int:
    urls = manifest(model)
    header = "# Mọi địa chỉ đã xuất bản (trang, neo, liên kết ngắn). Cập nhật bằng: make links\n"
    (root / MANIFEST).write_text(header + "\n".join(urls) + "\n", encoding="utf-8")
    return len(urls)


def page_redirects(redirects: dict[str, str]) -> dict[str, str]:
    """Redirects of whole pages, which a redirect page carries out."""
    return {old: new for old, new in redirects.items() if "#" not in old}


def anchor_redirects(redirects: dict[str, str], path: str) -> dict[str, str]:
    """Old anchor → new address, for the anchors of one page that moved (the page's script follows them)."""
    return {old.partition("#")[2]: new for old, new in redirects.items() if old.partition("#")[0] == path and "#" in old}


def resolve(url: str, now: set[str], redirects: dict[str, str]) -> str | None:
    """Where a published address leads today: itself, its redirect, its page's redirect (with its anchor where
    the new page has it), or, for a short link, where its section leads; None when nowhere."""
    if url in now:
        return url
    if url in redirects:
        return redirects[url]
    path, _, anchor = url.partition("#")
    if path in redirects:
        moved = f"{redirects[path]}#{anchor}"
        return moved if anchor and (moved in now or redirects[path] not in now) else redirects[path]
    if is_short(url):
        doc_id, rest = url.rstrip("/").split("/")
        found = [resolve(at.document(doc_id, anchor), now, redirects) for anchor in (f"muc-{rest}", rest)]
        ranked = sorted(filter(None, found), key=lambda f: (f not in now, "#" not in f))  # a section that exists first
        return ranked[0] if ranked else None
    return None


def broken(listed, model: Model) -> list[str]:
    """Published addresses that would no longer resolve."""
    now = set(published(model))
    return [url for url in listed if not resolve(url, now, model.redirects)]
