"""Small helpers shared by the renderers: where a page goes, escaping, links, labels, dates, HTML blocks."""

import functools
import html
import re
from datetime import date

from .. import addresses as at
from ..model import Model, Page
from ..records import Deadline, Task
from ..text import slug


class Cell(str):
    """HTML this package wrote, with what a download keeps of it: its text and the addresses it links to.
    Tables are built once as rows of cells; the page shows their HTML, the CSV and JSON their text and links."""

    def __new__(cls, markup: str, plain: str | None = None, links: tuple[str, ...] = ()):
        if plain is None and "<" not in markup and "&" not in markup:
            plain = markup  # words without markup are their own text
        cell = super().__new__(cls, markup)
        cell.plain, cell.links = plain, links  # plain None: HTML given without its text (a download refuses it)
        return cell

    def __add__(self, other: str) -> "Cell":
        other = other if isinstance(other, Cell) else Cell(other)
        known = self.plain is not None and other.plain is not None
        return Cell(str(self) + str(other), self.plain + other.plain if known else None, self.links + other.links)

    def __radd__(self, other: str) -> "Cell":
        return Cell(other) + self


def join(separator: str, parts) -> Cell:
    """Cells one after another, the separator between them (BR: a line break, '; ' in downloads)."""
    out = Cell("")
    for n, part in enumerate(parts):
        out = out + separator + part if n else out + part
    return out


BR = Cell("<br>", "; ")
UNKNOWN = Cell("<em>không có trong văn bản nguồn</em>", "không có trong văn bản nguồn")
DOC_KINDS = {"chi-thi": "Chỉ thị", "ke-hoach": "Kế hoạch", "cong-van": "Công văn", "quyet-dinh": "Quyết định",
             "nghi-quyet": "Nghị quyết", "ket-luan": "Kết luận", "thong-bao": "Thông báo", "bao-cao": "Báo cáo"}
STATUSES = {"du-thao": "Dự thảo", "da-ban-hanh": "Đã ban hành", "het-hieu-luc": "Hết hiệu lực"}
LEVELS = {"trung-uong": "Trung ương", "bo-nganh": "Bộ, ngành", "tinh": "Tỉnh, thành phố", "so-nganh": "Sở, ngành",
          "huyen": "Huyện", "xa": "Xã", "don-vi-su-nghiep": "Đơn vị sự nghiệp", "phong-ban": "Phòng, ban",
          "dang": "Đảng", "doan-the": "Đoàn thể"}
DOC_LEVELS = {"trung-uong": "Trung ương", "tinh": "Tỉnh, thành phố", "so-nganh": "Sở, ngành"}
ROLES = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp", "bao_cao_cho": "Nhận báo cáo"}


class Output:
    """Where a generated page is published: links are relative from there, as on any static host, and
    its HTML is kept out of the Markdown (converting generated tables costs more than the whole text)."""

    def __init__(self, url: str, directory_urls: bool = True):
        self.url = url
        self.root = "../" * url.count("/")  # from the page's address back to the site root
        self.directory_urls = directory_urls
        self.kept: list[str] = []
        self.downloads: dict[str, tuple[list[str], list[list[str]]]] = {}  # name → column names, rows of HTML cells
        self.later: dict[str, str] = {}  # file beside the page → rows of a long table, loaded when asked for

    def page(self, path: str, anchor: str = "") -> str:
        """Address of a page ('van-ban/x', without '.md') from here."""
        return self.root + (f"{path}/" if self.directory_urls else f"{path}.html") + (f"#{anchor}" if anchor else "")

    def address(self, url: str) -> str:
        """A published address ('van-ban/x/#muc-6') as a link from here."""
        path, _, anchor = url.partition("#")
        return self.page(path.rstrip("/"), anchor)

    def file(self, path: str) -> str:
        return self.root + path

    def beside(self, name: str) -> str:
        """A file published beside the page, as the page links to it ('nhiem-vu.csv', or 'x-nhiem-vu.csv'
        beside 'x.html' without directory addresses)."""
        if self.directory_urls or not self.url or self.url.endswith("/"):
            return name
        return f"{self.url.rsplit('/', 1)[-1].removesuffix('.html')}-{name}"

    def path(self, name: str) -> str:
        """Where a file beside the page goes in the site."""
        folder = self.url if self.directory_urls or self.url.endswith("/") else self.url.rpartition("/")[0] + "/"
        return (folder if folder != "/" else "") + self.beside(name)

    def download(self, name: str, keys: list[str], rows: list[list[str]]) -> str:
        """Offer rows as name.csv and name.json beside the page (rows of several tables under one name go in
        one file); the links, said once."""
        first = name not in self.downloads
        self.downloads.setdefault(name, (keys, []))[1].extend(rows)
        if not first:
            return ""
        links = " · ".join(f'<a href="{self.beside(f"{name}.{ext}")}" download>{ext.upper()}</a>' for ext in ("csv", "json"))
        return f'\n<p class="kb-download">Tải bảng về máy: {links}</p>'

    def keep(self, html: str) -> str:
        """A placeholder paragraph for the Markdown; restore() puts the HTML back after conversion."""
        self.kept.append(html)
        return f"\n\n{_KEPT}{len(self.kept) - 1}{_KEPT}\n\n" if html else ""

    def restore(self, page_html: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.kept[int(m[1])], page_html)


_KEPT = "KBHTML"
_PLACEHOLDER = re.compile(f"<p>{_KEPT}(\\d+){_KEPT}</p>")
_MARKDOWN = str.maketrans({ch: f"&#{ord(ch)};" for ch in "\\`*_[]|{}#"})


@functools.lru_cache(maxsize=65536)  # names and titles recur on thousands of pages
def text(value: str | None) -> Cell:
    """Content is data: HTML escaped, one line, Markdown punctuation as entities (safe in HTML and Markdown)."""
    if value is None:
        return UNKNOWN
    line = " ".join(value.split())
    return Cell(html.escape(line, quote=False).translate(_MARKDOWN), line)


def a(href: str, label: str) -> Cell:
    label = label if isinstance(label, Cell) else Cell(label)
    return Cell(f'<a href="{html.escape(href)}">{label}</a>', label.plain, (href,) + label.links)


def tag(name: str, inner: str, attributes: str = "") -> Cell:
    """inner in an element ('strong', 'em', 'span class="…"'): the same text, the same links."""
    inner = inner if isinstance(inner, Cell) else Cell(inner)
    return Cell(f"<{name}{attributes}>{inner}</{name}>", inner.plain, inner.links)


def day(value: date | None) -> Cell:
    return Cell(value.strftime("%d/%m/%Y")) if value else UNKNOWN


def title(model: Model, page: Page) -> str:
    """Display name: kind and number, or the issuer when the number is unknown."""
    doc = page.doc
    kind = DOC_KINDS.get(doc.kind or "", "Văn bản")
    if doc.number:
        return f"{kind} {doc.number}"
    issuer = model.units.get(doc.issuer or "")
    who = issuer.short_name or issuer.name if issuer else "cơ quan chưa xác định"
    return f"{kind} của {who} (chưa có số hiệu)"


def order(model: Model, page: Page) -> tuple:
    """Sort key of documents: level (national first), then date (unknown last), then id."""
    return list(DOC_LEVELS).index(model.level_of(page)), page.doc.issued is None, page.doc.issued or date.min, page.doc.id


def doc_link(model: Model, doc_id: str, out: Output) -> Cell:
    """Link to a held document, or to the page of a cited one (marked as not held)."""
    if doc_id in model.pages:
        return a(out.address(at.document(doc_id)), text(title(model, model.pages[doc_id])))
    cited = model.cited.get(doc_id)
    if cited:
        name = f"{cited.kind} {cited.number}" if cited.number else cited.title or cited.kind
        return a(out.address(at.cited(doc_id)), text(name)) + " (chưa có trong kho)"
    return text(doc_id)


def unit_link(model: Model, unit_id: str, out: Output, full: bool = False) -> Cell:
    unit = model.units.get(unit_id)
    name = unit and (unit.name if full else unit.short_name or unit.name)
    return a(out.address(at.unit(unit_id)), text(name)) if unit else text(unit_id)


def units(model: Model, ids: list[str], out: Output) -> Cell:
    return join("; ", (unit_link(model, i, out) for i in ids)) or Cell("—")


def section_link(model: Model, page: Page, anchor: str, out: Output, label: str | None = None) -> Cell:
    section = page.sections.get(anchor)
    shown = label or (section.title[:60] + "…" if section and len(section.title) > 60 else section.title if section else anchor)
    return a(out.address(at.document(page.doc.id, anchor)), text(shown))


def task_ref_link(model: Model, ref: str, out: Output) -> Cell:
    """'doc/code' → 'Chỉ thị 33/CT-TTg, mục 6' linking to the section."""
    found = model.task(ref)
    if not found:
        return text(ref)
    page, task = found
    return a(out.address(at.document(page.doc.id, task.anchor)), text(title(model, page)) + " – " + text(point_label(task)))


def point_label(task: Task) -> str:
    """Human label of a task's place: 'điểm 6', 'mục II.1', 'tổ chức thực hiện'."""
    return anchor_label(task.anchor)


@functools.lru_cache(maxsize=None)  # a few dozen anchor forms, labelled on every page
def anchor_label(anchor: str) -> str:
    if not anchor.startswith("muc-"):
        return NAMED_ANCHORS.get(anchor, anchor)
    parts = anchor[4:].split("-")
    roman = bool(re.fullmatch(r"[ivx]+", parts[0]))
    shown = [parts[0].upper() if roman else parts[0]] + [{"dd": "đ"}.get(p, p) for p in parts[1:]]
    return ("mục " if roman else "điểm ") + ".".join(shown)


def heading_label(anchor: str) -> str:
    """The label of a part as a heading or a column names it: 'Điểm 6', 'Mục II.1'."""
    label = anchor_label(anchor)
    return label[:1].upper() + label[1:]


NAMED_ANCHORS = {"to-chuc-thuc-hien": "tổ chức thực hiện", "mo-dau": "phần mở đầu", "giao-nhiem-vu": "giao nhiệm vụ"}


def deadline(d: Deadline) -> Cell:
    """'15/12 hằng năm' with the original wording."""
    when = {"mot-lan": lambda: day(d.on), "trong-thang": lambda: f"trong tháng {d.month[5:]}/{d.month[:4]}",
            "hang-nam": lambda: f"{d.day_month} hằng năm", "sau-thang": lambda: f"{d.day_month}, 6 tháng một lần",
            "hang-quy": lambda: f"{d.day_month}, hằng quý", "hang-thang": lambda: f"ngày {d.day_month[:2]} hằng tháng",
            "thuong-xuyen": lambda: "thường xuyên"}[d.kind]()
    report = text(d.report) + ": " if d.report else Cell("")
    return report + tag("strong", when) + " (“" + text(d.wording) + "”)"


def deadlines(task: Task) -> Cell:
    return join(BR, (deadline(d) for d in task.deadlines)) or Cell("—")


WIDE = 5  # columns a portrait A4 page holds legibly


def table(caption: str, header: list[str], rows: list[list[str]], more: str = "") -> str:
    """A captioned HTML table, as the Markdown table and caption extensions write it; cells already HTML.
    Tables of more than two columns carry each column's name in its cells, to read as cards on phones; tables
    of more than WIDE columns print on landscape pages. more: what follows the rows shown (the rest, on request)."""
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in header)
    cards = len(header) > 2
    figure = f'<figure class="kb-cards{" kb-wide" if len(header) > WIDE else ""}">' if cards else "<figure>"
    body = "\n".join(_rows(header, rows))
    return (f"{figure}\n<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
            f"{more}<figcaption>\n<p>{caption}</p>\n</figcaption>\n</figure>")


# Rows of HTML cells as table rows, one line each, each cell named after its column where the table reads as cards.
def _rows(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = [f'<td data-label="{html.escape(plain(h))}">' for h in header] if len(header) > 2 else ["<td>"] * len(header)
    return ["<tr>" + "".join(f"{td}{cell}</td>" for td, cell in zip(cells, row)) + "</tr>" for row in rows]


FIRST_ROWS = 100  # rows a long table shows at once (a page stays small however large the base grows)
MORE_ROWS = 200  # rows each further file of a long table holds, loaded one file per click


def listing(out: Output, name: str, caption: str, header: list[str], rows: list[list[str]], keys: list[str] | None = None) -> str:
    """A table with its CSV and JSON downloads; columns named by keys, or by the words of the headers. A long
    table shows its first rows; the rest load from files beside the page when asked for (the copy opened from
    files, which cannot load them, shows them all)."""
    shown, more = rows, ""
    if _long(rows, out):
        shown = rows[:FIRST_ROWS]
        more = _rest(out, name, _rows(header, rows[FIRST_ROWS:]), f"Bảng có {len(rows)} hàng", "hàng",
                     " (bản CSV, JSON dưới bảng có đủ mọi hàng)")
    table_html = table(caption, header, shown, more)
    return table_html + out.download(name, keys or [column(h) for h in header], rows) if table_html else ""


def long_list(out: Output, name: str, items: list[str], noun: str) -> str:
    """A bulleted list of items (noun: what they are, 'văn bản'), a long one shown as a long table is."""
    if not _long(items, out):
        return bullets(items)
    rest = [f"<li>{item}</li>" for item in items[FIRST_ROWS:]]
    return bullets(items[:FIRST_ROWS]) + "\n" + _rest(out, name, rest, f"Danh sách có {len(items)} {noun}", noun)


# Whether a list is cut after its first rows: never in the copy opened from files, which cannot load the rest.
def _long(rows: list, out: Output) -> bool:
    return len(rows) > FIRST_ROWS and out.directory_urls


# The rest of a long list in files of MORE_ROWS rows beside the page, and the button that loads them in turn.
def _rest(out: Output, name: str, rest: list[str], total: str, noun: str, note: str = "") -> str:
    files = []
    for start in range(0, len(rest), MORE_ROWS):
        file = f"{name}-{sum(k.startswith(name + '-') for k in out.later) + 1}.hang.html"
        out.later[file] = "\n".join(rest[start:start + MORE_ROWS])
        files.append(out.beside(file))
    return (f'<p class="kb-more">{total}; đang hiện <span class="kb-shown">{FIRST_ROWS}</span> {noun} đầu. '
            f'<button type="button" class="kb-action" data-src="{" ".join(files)}">Xem thêm {noun}</button>{note}</p>\n')


def column(header_html: str) -> str:
    """Column name of a header in downloads: 'Đơn vị thực hiện' → 'don_vi_thuc_hien'."""
    return slug(plain(header_html)).replace("-", "_")


def plain(fragment: str) -> str:
    """The text of an HTML fragment."""
    return html.unescape(_TAG.sub("", fragment))


_TAG = re.compile(r"<[^>]+>")


def admonition(kind: str, title_html: str, body_html: str, collapsed: bool = False) -> str:
    """An admonition (or a collapsed block) as the admonition and details extensions write it."""
    if collapsed:
        return f'<details class="{kind}">\n<summary>{title_html}</summary>\n{body_html}\n</details>'
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{title_html}</p>\n{body_html}\n</div>'


def bullets(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>" if items else ""


def placeholder(text_html: str) -> str:
    """'Không có.' and the like, in italics."""
    return f"<p><em>{text_html}</em></p>"
