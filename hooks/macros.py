"""mkdocs-macros module: the generated tables, called from the pages that opt in (render_macros: true)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb import site  # noqa: E402
from kb import calendar as cal  # noqa: E402
from kb.pages import calendar, cited, crosswalk, hierarchy, units  # noqa: E402


def define_env(env):
    @env.macro
    def documents_by_level():
        return hierarchy.by_level(site.current()[0])

    @env.macro
    def document_tree():
        return hierarchy.tree(site.current()[0])

    @env.macro
    def crosswalk_table(root_id: str):
        return crosswalk.render(site.current()[0], root_id)

    @env.macro
    def unit_index():
        return units.index(site.current()[0])

    @env.macro
    def cited_index():
        return cited.index(site.current()[0])

    @env.macro
    def calendar_page():
        model, today = site.current()[0], cal.today()
        return (f"## Hạn trong 12 tháng tới {{ #sap-toi }}\n\n{calendar.upcoming(model, today)}\n"
                f"## Chuỗi báo cáo {{ #chuoi-bao-cao }}\n\n{calendar.chains(model)}\n"
                f"## Hạn một lần đã qua {{ #da-qua }}\n\n{calendar.past(model, today)}")

    @env.macro
    def counts():
        model = site.current()[0]
        return {"documents": len(model.pages), "units": len(model.units), "cited": len(model.cited),
                "tasks": sum(len(p.doc.tasks) for p in model.pages.values())}
