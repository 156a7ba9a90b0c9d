"""The hierarchy of documents: grouped by level on the home page, as a tree on its own page."""

from ..model import Model, Page
from . import common as c

LEVEL_ORDER = list(c.DOC_LEVELS)


def _line(model: Model, page: Page, out: c.Output) -> str:
    doc = page.doc
    issuer = model.units.get(doc.issuer or "")
    status = c.STATUSES[doc.status]
    status = f"<strong>{status}</strong>" if doc.status == "du-thao" else status
    via = [c.doc_link(model, d, out) for d in doc.implements if d not in model.pages]
    extra = f" — theo {', '.join(via)}" if via else ""
    return (f"{c.doc_link(model, doc.id, out)} — {c.text(issuer.name) if issuer else c.UNKNOWN} — "
            f"{c.day(doc.issued)} — {status}{extra}")


def _sort_key(model: Model, page: Page):
    return LEVEL_ORDER.index(model.level_of(page)), page.doc.issued is None, page.doc.issued or 0, page.doc.id


def roots(model: Model) -> list[Page]:
    """Documents that implement no document held in the knowledge base."""
    return sorted((p for p in model.pages.values() if not any(d in model.pages for d in p.doc.implements)),
                  key=lambda p: _sort_key(model, p))


def tree(model: Model, out: c.Output) -> str:
    """Nested list from national to department level, with status and dates."""
    def walk(page: Page, seen: frozenset) -> str:
        below = [walk(child, seen | {child.doc.id}) for child in sorted(model.children.get(page.doc.id, []), key=lambda p: _sort_key(model, p))
                 if child.doc.id not in seen]
        return _line(model, page, out) + (f"\n{c.bullets(below)}" if below else "")

    return out.keep(c.bullets([walk(root, frozenset({root.doc.id})) for root in roots(model)]))


def by_level(model: Model, out: c.Output) -> str:
    """Home page listing: trung ương → tỉnh, thành phố → sở, ngành."""
    parts = []
    for level, label in c.DOC_LEVELS.items():
        pages = sorted((p for p in model.pages.values() if model.level_of(p) == level), key=lambda p: _sort_key(model, p))
        if pages:
            parts.append(f"### {label}\n\n" + out.keep(c.bullets([_line(model, p, out) for p in pages])))
    return "\n".join(parts)
