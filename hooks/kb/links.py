"""Published addresses: every page, anchor and short link, the manifest that keeps them, and redirects.

Addresses are derived from the model alone, so the check can compare them without building the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model reads the manifest, so only its types are needed here
    from .model import Model, Page

MANIFEST = "data/lien-ket.txt"


def point(anchor: str) -> str:
    """Short-link segment of an anchor: 'muc-ii-2-a' → 'ii-2-a'."""
    return anchor.removeprefix("muc-")


def short_links(page: Page) -> dict[str, str]:
    """Short link path → anchor, for every anchored part of a document."""
    return {f"{page.doc.id}/{point(a)}/": a for a in page.sections}


def published(model: Model) -> list[str]:
    """Every address the site publishes: pages, their anchors, short links."""
    out = ["lich-bao-cao/", "theo-doi-bao-cao/", "he-thong/", "don-vi/", "van-ban-trich-dan/", "huong-dan/"]
    out += [f"doi-chieu/{i}/" for i in model.implemented()]
    for page in model.pages.values():
        url = f"van-ban/{page.doc.id}/"
        out += [url] + [f"{url}#{a}" for a in page.sections] + list(short_links(page))
    out += [f"don-vi/{u}/" for u in model.units] + [f"van-ban-trich-dan/{c}/" for c in model.cited]
    return sorted(set(out))


def read_manifest(root: Path) -> list[str] | None:
    file = root / MANIFEST
    if not file.exists():
        return None
    return [line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def manifest(model: Model) -> list[str]:
    """The manifest as it should be: every published address, and those listed before that now redirect
    (the redirect keeps them alive, and must not be dropped unnoticed)."""
    kept = [url for url in model.manifest or [] if redirected(url, model.redirects)]
    return sorted(set(published(model) + kept))


def write_manifest(root: Path, model: Model) -> int:
    urls = manifest(model)
    header = "# Mọi địa chỉ đã xuất bản (trang, neo, liên kết ngắn). Cập nhật bằng: make links\n"
    (root / MANIFEST).write_text(header + "\n".join(urls) + "\n", encoding="utf-8")
    return len(urls)


def redirected(url: str, redirects: dict[str, str]) -> bool:
    """A vanished page is fine when a redirect for it is declared (anchors follow their page)."""
    path = url.split("#", 1)[0]
    return path in redirects or path.rstrip("/") + ".md" in redirects


def broken(manifest: list[str], model: Model, redirects: dict[str, str]) -> list[str]:
    """Published addresses that would no longer resolve."""
    now = set(published(model))
    return [url for url in manifest if url not in now and not redirected(url, redirects)]
