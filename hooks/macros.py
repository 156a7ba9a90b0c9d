"""mkdocs-macros module: the generated tables, called from the pages that opt in (render_macros: true)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb import site  # noqa: E402
from kb import calendar as cal  # noqa: E402
from kb.pages import calendar, cited, hierarchy, life, reports, units  # noqa: E402


def define_env(env):
    # The page being rendered: links are relative to it, its HTML is restored after conversion.
    def here():
        return site.output(env.page.url, env.conf["use_directory_urls"])

    # A macro rendering from the model, with links from the page being rendered.
    def from_model(render):
        return lambda *args: render(site.current()[0], *args, here())

    env.macro(from_model(hierarchy.by_level), "documents_by_level")
    env.macro(from_model(hierarchy.tree), "document_tree")
    env.macro(from_model(life.on_date), "documents_on_date")
    env.macro(from_model(hierarchy.directives), "root_directives")
    env.macro(from_model(hierarchy.section_example), "section_example")
    env.macro(from_model(reports.tracking_page), "report_tracking")
    env.macro(from_model(units.index), "unit_index")
    env.macro(from_model(cited.index), "cited_index")

    @env.macro
    def calendar_page():
        model, today, out = site.current()[0], cal.today(), here()
        return (out.keep(calendar.subscribe(out)) +
                f"## Hạn trong 12 tháng tới {{ #sap-toi }}\n\n{out.keep(calendar.upcoming(model, today, out))}"
                f"## Chuỗi báo cáo {{ #chuoi-bao-cao }}\n\n{out.keep(calendar.chains(model, out))}"
                f"## Hạn một lần đã qua {{ #da-qua }}\n\n{out.keep(calendar.past(model, today, out))}")

    @env.macro
    def site_file(path):
        """A link to a file of the site that is not a page (the data exports), from the page being rendered."""
        return f'<a href="{here().file(path)}"><code>{path}</code></a>'

    @env.macro
    def counts():
        model = site.current()[0]
        filed = len(model.reports)
        return {"documents": len(model.pages) - filed, "reports": filed, "units": len(model.units), "cited": len(model.cited),
                "tasks": sum(len(p.doc.tasks) for p in model.pages.values())}
