"""Short links: static files that work on any static host, under any subpath."""

import html
import json

from .. import addresses as at
from ..links import published, resolve, short_links
from ..model import Model


def redirect_page(target: str, title: str) -> str:
    """A page that sends the reader on to target (relative), with a plain link as fallback."""
    url = html.escape(target, quote=True)
    path, hash_mark, anchor = target.partition("#")
    # No more than HTML requires (the optional tags left out): one file per short link, 17,000 at 1,000 documents.
    # A query the link was shared with (?fbclid=…) goes before the section, or the browser would not find it.
    return (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta http-equiv="refresh" content="0; url={url}">'
            f'<script>location.replace({json.dumps(path)} + location.search + {json.dumps(hash_mark + anchor)})</script>'
            f'<p>Chuyển tới <a href="{url}">{html.escape(title)}</a>…</p>')


def files(model: Model, directory_urls: bool = True) -> dict[str, str]:
    """Path in the site → content, for every short link: those of today's sections, and the published ones of
    sections or documents that moved, sent where their redirects lead."""
    out = {}
    for page in model.pages.values():
        for path, anchor in short_links(page).items():
            out[f"{path}index.html"] = redirect_page(_relative(at.document(page.doc.id, anchor), directory_urls),
                                                     f"{page.doc.id} – {anchor}")
    now = set(published(model))
    for url in model.manifest or {}:
        if at.is_short(url) and url not in now and (target := resolve(url, now, model.redirects)):
            out[f"{url}index.html"] = redirect_page(_relative(target, directory_urls), url.rstrip("/"))
    return out


# A site address as seen from a short link's folder (two levels down).
def _relative(url: str, directory_urls: bool) -> str:
    path, _, anchor = url.partition("#")
    page = path if directory_urls else path.rstrip("/") + ".html"
    return "../../" + page + (f"#{anchor}" if anchor else "")
