"""Short links and QR codes: static files that work on any static host, under any subpath."""

import html
import json

import zxingcpp

from ..links import is_short, published, resolve, short_links
from ..model import Model


def redirect_page(target: str, title: str) -> str:
    """A page that sends the reader on to target (relative), with a plain link as fallback."""
    url = html.escape(target, quote=True)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">'
            f'<script>location.replace({target!r} + location.search)</script></head>'
            f'<body><p>Chuyển tới <a href="{url}">{html.escape(title)}</a>…</p></body></html>')


def files(model: Model, directory_urls: bool = True) -> dict[str, str]:
    """Path in the site → content, for every short link: those of today's sections, and the published ones of
    sections or documents that moved, sent where their redirects lead."""
    out = {}
    for page in model.pages.values():
        for path, anchor in short_links(page).items():
            out[f"{path}index.html"] = redirect_page(_relative(f"van-ban/{page.doc.id}/#{anchor}", directory_urls),
                                                     f"{page.doc.id} – {anchor}")
    now = set(published(model))
    for url in model.manifest or {}:
        if is_short(url) and url not in now and (target := resolve(url, now, model.redirects)):
            out[f"{url}index.html"] = redirect_page(_relative(target, directory_urls), url.rstrip("/"))
    return out


# A site address as seen from a short link's folder (two levels down).
def _relative(url: str, directory_urls: bool) -> str:
    path, _, anchor = url.partition("#")
    page = path if directory_urls else path.rstrip("/") + ".html"
    return "../../" + page + (f"#{anchor}" if anchor else "")


def qr_modules(url: str) -> list:
    """[size, hex]: the QR code of url as its dark modules, row by row, for the page's script to draw."""
    image = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(scale=1, add_quiet_zones=False)
    bits = bytes(memoryview(image)).translate(_DARK)
    bits += b"0" * (-len(bits) % 4)
    return [image.shape[0], format(int(bits, 2), f"0{len(bits) // 4}x")]


_DARK = bytes.maketrans(b"\x00\xff", b"10")  # zxing-cpp draws dark modules as 0, light as 255


def qr_files(model: Model, site_url: str) -> dict[str, str]:
    """One script per document with the QR codes of its tasks' sections: the points trainers project.

    A script, not JSON, so that the codes also load in the offline copy opened from file://.
    """
    out = {}
    for page in model.pages.values():
        codes = {a: qr_modules(f"{site_url}van-ban/{page.doc.id}/#{a}") for a in sorted({t.anchor for t in page.doc.tasks})}
        out[f"qr/{page.doc.id}.js"] = f"(window.kbQr = window.kbQr || {{}})[{json.dumps(page.doc.id)}] = {json.dumps(codes)};\n"
    return out
