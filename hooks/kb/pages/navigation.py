"""Site navigation from the model: documents by level, then by province, never one flat list."""

from ..model import Model
from . import common as c


def documents(model: Model) -> list:
    """[{level: [{province: [{title: path}]}]}] in the shape mkdocs.yml 'nav' takes."""
    out = []
    for level, label in c.DOC_LEVELS.items():
        groups: dict[str, list] = {}
        for page in sorted(model.pages.values(), key=lambda p: (p.doc.issued is None, p.doc.issued or 0, p.doc.id)):
            if model.level_of(page) != level:
                continue
            province = model.province(page.doc.issuer)
            key = province.short_name or province.name if province and level != "trung-uong" else label
            groups.setdefault(key, []).append({c.title(model, page): f"van-ban/{page.doc.id}.md"})
        if level == "trung-uong":
            out += [{label: [entry for items in groups.values() for entry in items]}] if groups else []
        elif groups:
            out.append({label: [{name: items} for name, items in sorted(groups.items())]})
    return out


def site(model: Model) -> list:
    return [{"Trang chủ": "index.md"},
            {"Văn bản": documents(model)},
            {"Tra cứu": [{"Lịch báo cáo": "lich-bao-cao.md"},
                         {"Hệ thống văn bản": "he-thong.md"},
                         {"Đối chiếu Chỉ thị 33/CT-TTg": "doi-chieu.md"},
                         {"Đơn vị": "don-vi/index.md"},
                         {"Văn bản được trích dẫn": "van-ban-trich-dan/index.md"}]},
            {"Hướng dẫn": "huong-dan.md"}]
