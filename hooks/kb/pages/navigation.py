"""Site navigation from the model: documents by level, then by province, never one flat list."""

from .. import addresses as at
from ..model import Model
from ..records import REPORT
from . import common as c, crosswalk


def documents(model: Model) -> list:
    """[{level: [{province: [{title: path}]}]}] in the shape mkdocs.yml 'nav' takes."""
    out = []
    for level, label in c.DOC_LEVELS.items():
        groups: dict[str, list] = {}
        for page in sorted(model.pages.values(), key=lambda p: (p.doc.issued is None, p.doc.issued or 0, p.doc.id)):
            if model.level_of(page) != level or page.doc.kind == REPORT:
                continue
            province = model.province(page.doc.issuer)
            key = province.short_name or province.name if province and level != "trung-uong" else label
            groups.setdefault(key, []).append({c.title(model, page): at.source(at.document(page.doc.id))})
        if level == "trung-uong":
            out += [{label: [entry for items in groups.values() for entry in items]}] if groups else []
        elif groups:
            out.append({label: [{name: _split(model, items)} for name, items in sorted(groups.items())]})
    return out


NAV_LIMIT = 12  # more documents than this in one province: one more level, by issuer


def _split(model: Model, items: list[dict]) -> list[dict]:
    # Every page carries the open branch of the navigation: a long list would make every page in it heavy.
    if len(items) <= NAV_LIMIT:
        return items
    groups: dict[str, list] = {}
    for entry in items:
        issuer = model.units.get(model.pages[_doc_id(entry)].doc.issuer or "")
        groups.setdefault(issuer.short_name or issuer.name if issuer else "Cơ quan chưa xác định", []).append(entry)
    return [{name: entries} for name, entries in sorted(groups.items())]


def _doc_id(entry: dict) -> str:
    return at.owner(next(iter(entry.values())).removesuffix(".md"))[1]


def crosswalks(model: Model) -> list:
    """The crosswalk of every top document (those further down are linked from it)."""
    tops = set(model.roots())
    return [{c.title(model, page): at.source(at.crosswalk(i))} for i, page in crosswalk.subjects(model).items() if i in tops]


def filed(model: Model) -> list:
    """Reports by the year of their period, latest first."""
    years: dict[str, list] = {}
    for page in sorted(model.pages.values(), key=lambda p: (p.doc.report.period if p.doc.report else "", p.doc.id)):
        if page.doc.report:
            years.setdefault(page.doc.report.period[:4], []).append({c.title(model, page): at.source(at.document(page.doc.id))})
    return [{f"Kỳ {year}": items} for year, items in sorted(years.items(), reverse=True)]


def site(model: Model) -> list:
    compared, reports = crosswalks(model), filed(model)
    return [{"Trang chủ": "index.md"},
            {"Văn bản": documents(model) + ([{"Báo cáo": reports}] if reports else [])},
            {"Tra cứu": [{"Lịch báo cáo": "lich-bao-cao.md"},
                         {"Theo dõi báo cáo": "theo-doi-bao-cao.md"},
                         {"Hệ thống văn bản": "he-thong.md"},
                         {"Hiệu lực theo ngày": "theo-ngay.md"},
                         {"Tập trình chiếu": "tap-trinh-chieu.md"}]
                        + ([{"Đối chiếu": compared}] if compared else [])
                        + [{"Đơn vị": "don-vi/index.md"},
                           {"Văn bản được trích dẫn": "van-ban-trich-dan/index.md"}]},
            {"Hướng dẫn": "huong-dan.md"}]
