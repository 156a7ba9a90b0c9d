"""Short links and QR codes: static files that work on any static host, under any subpath."""

import hashlib
import html
import io
from pathlib import Path

import segno

from ..links import short_links
from ..model import Model


def redirect_page(target: str, title: str) -> str:
    """A page that sends the reader on to target (relative), with a plain link as fallback."""
    url = html.escape(target, quote=True)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">'
            f'<script>location.replace({target!r} + location.search)</script></head>'
            f'<body><p>Chuyển tới <a href="{url}">{html.escape(title)}</a>…</p></body></html>')


def files(model: Model, directory_urls: bool = True) -> dict[str, str]:
    """Path in the site → content, for every short link."""
    out = {}
    for page in model.pages.values():
        target = f"../../van-ban/{page.doc.id}/" if directory_urls else f"../../van-ban/{page.doc.id}.html"
        for path, anchor in short_links(page).items():
            out[f"{path}index.html"] = redirect_page(f"{target}#{anchor}", f"{page.doc.id} – {anchor}")
    return out


def qr_svg(url: str, cache: Path | None = None) -> str:
    """QR code of a URL as SVG text; a fixed mask keeps output stable, the cache keeps rebuilds fast."""
    stored = cache / f"{hashlib.sha1(url.encode()).hexdigest()}.svg" if cache else None
    if stored and stored.exists():
        return stored.read_text(encoding="utf-8")
    svg = _qr(url)
    if stored:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(svg, encoding="utf-8")
    return svg


def _qr(url: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False, mask=3, boost_error=False).save(
        out, kind="svg", xmldecl=False, border=2, scale=4, title="Mã QR của liên kết")
    return out.getvalue().decode()


def qr_files(model: Model, site_url: str, cache: Path | None = None) -> dict[str, str]:
    """A QR code for the section of every task: the points trainers project."""
    out = {}
    for page in model.pages.values():
        for anchor in sorted({t.anchor for t in page.doc.tasks}):
            out[f"qr/{page.doc.id}/{anchor}.svg"] = qr_svg(f"{site_url}van-ban/{page.doc.id}/#{anchor}", cache)
    return out
