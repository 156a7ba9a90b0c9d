"""The site's address scheme, in one place: where each kind of record is published, the fixed pages, the short
links and the manifest that keeps every address alive. Addresses are the site's own ('van-ban/x/#muc-6'), without
a leading slash; pages turn them into relative links."""

from pathlib import Path

DOCUMENTS, UNITS, CROSSWALKS, CITED = "van-ban", "don-vi", "doi-chieu", "van-ban-trich-dan"
FOLDERS = (DOCUMENTS, UNITS, CROSSWALKS, CITED)  # a first segment that is not a document id (a short link's)
# Pages written in docs/ whose addresses the manifest keeps, beside every record's.
PAGES = ("lich-bao-cao/", "theo-doi-bao-cao/", "he-thong/", f"{UNITS}/", f"{CITED}/", "huong-dan/")
MANIFEST = "data/lien-ket.txt"


def document(doc_id: str, anchor: str = "") -> str:
    return _record(DOCUMENTS, doc_id, anchor)


def unit(unit_id: str) -> str:
    return _record(UNITS, unit_id)


def crosswalk(doc_id: str) -> str:
    return _record(CROSSWALKS, doc_id)


def cited(doc_id: str) -> str:
    return _record(CITED, doc_id)


def source(address: str) -> str:
    """The Markdown file a page is built from, as the navigation and redirects name it: 'van-ban/x/#muc-1' →
    'van-ban/x.md#muc-1'."""
    path, _, anchor = address.partition("#")
    return (path.rstrip("/") or "index") + ".md" + (f"#{anchor}" if anchor else "")


def point(anchor: str) -> str:
    """Short-link segment of an anchor: 'muc-ii-2-a' → 'ii-2-a'."""
    return anchor.removeprefix("muc-")


def short(doc_id: str, anchor: str) -> str:
    """A section's short link: '<document id>/<point>/'."""
    return f"{doc_id}/{point(anchor)}/"


def is_short(url: str) -> bool:
    """A short link: '<document id>/<point>/'."""
    parts = url.split("/")
    return len(parts) == 3 and not parts[2] and parts[0] not in FOLDERS and "#" not in url


def owner(url: str) -> tuple[str, str]:
    """(folder, id) of the record an address belongs to: 'x/5/' and 'van-ban/x/#muc-5' → ('van-ban', 'x');
    ('', '') for the fixed pages."""
    first, _, rest = url.partition("#")[0].rstrip("/").partition("/")
    if not rest:
        return "", ""
    return (first, rest.split("/")[0]) if first in FOLDERS else (DOCUMENTS, first)


def read_manifest(root: Path) -> dict[str, int] | None:
    """Address → its line in the manifest; None when there is no manifest."""
    file = root / MANIFEST
    if not file.exists():
        return None
    return {line.strip(): n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")}


# A record's page, and one of its anchors.
def _record(folder: str, record_id: str, anchor: str = "") -> str:
    return f"{folder}/{record_id}/" + (f"#{anchor}" if anchor else "")
