"""What a document body may hold, and what its page shows.

A body is the official text in Markdown: paragraphs, headings and their anchors, '\\' escapes, hard line breaks,
'- ' lists, tables, and the few HTML elements of BODY_ELEMENTS. Everything else is refused by the check at its
line (allow-list, not a hunt for bad strings), and every page is cleaned by a maintained sanitizer (nh3) with
the page allow-list, so that nothing outside it reaches a page even where the check has a hole.

The check also renders a body as the site does and requires its visible text to hold every line of the source
in order: a '2.' that Markdown turns into a list numbered '1.' is a lost number, not a style.
"""

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nh3
import yaml

# HTML an editor may write in a body: typography of the official text, without attributes.
BODY_ELEMENTS = ("br", "sup", "sub", "em", "strong", "b", "i", "u")
# What Markdown makes of an allowed body, besides those: checked on the rendered body.
_RENDERED = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
             "pre", "code", "a", *BODY_ELEMENTS}

# Every page (the body, the guide pages, Markdown of generated parts) is cleaned to this list; the HTML the
# generators write (tables, cards, buttons' data) is put back after cleaning and never comes from a file.
PAGE_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "code", "pre", "kbd",
                 "br", "hr", "sup", "sub", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tfoot", "tr",
                 "th", "td", "figure", "figcaption", "div", "span", "details", "summary", "dl", "dt", "dd"}
_ADMONITIONS = {"admonition", "note", "info", "tip", "success", "warning", "failure", "danger", "example", "quote"}
_PAGE_CLASSES = {"a": {"headerlink"}, "div": _ADMONITIONS, "details": _ADMONITIONS, "p": {"admonition-title"}}

_ANCHOR = r"#[a-z0-9]+(?:-[a-z0-9]+)*"
_BLOCK_ANCHOR = re.compile(r"^\{:\s*" + _ANCHOR + r"\s*\}\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)(?:\s*\{:?\s*" + _ANCHOR + r"\s*\})?\s*$")
_BULLET = re.compile(r"^ {0,3}- (?=\S)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|:])")
_BODY_TAG = re.compile(r"</?(?:" + "|".join(BODY_ELEMENTS) + r")\s*/?>", re.I)
_SIGNS = re.compile(r"[{#<\\&|:-]")  # a line with none of these holds no markup: it is shown as it is
_COMMENT = re.compile(r"<!--(?!-?>)[^<>]*?-->")  # a plain comment; '<!-->' closes at once in a browser
_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>[^>]*)>?")
_DECLARATION = re.compile(r"<[!?]")  # doctype, CDATA, processing instructions, a comment that is not plain
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*>")
_LINK = re.compile(r"(?P<image>!?)\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|^\s{0,3}\[[^\]\n]+\]:\s*\S.*")
_ATTRIBUTES = re.compile(r"\{:?[ ]*(?P<inside>[^}\n]*?[#.=][^}\n]*?)[ ]*\}")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Left in a line once its allowed markup is taken out, any of these may make Markdown show something else.
_RISKY = re.compile(r"[<*_`\[\]{}|\\]|&[#\w]+;|^\s*(?:\d+\.\s|>|#|[*+]\s|[=-]{2,}\s*$|\?\?\?|!!!|///)|^(?: {4}|\t)")


def problems(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for every construct outside the allow-list and every source line the page would not show."""
    lines = _uncommented(body).split("\n")
    found = [(first_line + n, message) for n, line in enumerate(lines) for message in _refused(line)]
    if found or not any(_RISKY.search(_kept(line)) for line in lines):
        return found  # nothing outside the list, nothing Markdown can turn into something else: no rendering
    rendered = _Shown.of(render(body))
    if losses := _losses(lines, first_line, rendered.text):
        return losses  # what the rendering made of a lost line (a list, a rule, a quote) is the same cause
    # A hole in the reading above: said at the first line naming what came out.
    return [(first_line + _line_of(lines, what), f"tạo ra mã không được phép '{what}' sau khi chuyển Markdown; "
                                                 "viết phần đó như chữ thường (dùng '\\' trước ký tự đặc biệt)")
            for what in dict.fromkeys(rendered.refused)]


def paragraphs(body: str) -> list[tuple[int, list[str]]]:
    """The body as its page shows it: (index of its first line, its lines as text) for each paragraph."""
    out, lines = [], _uncommented(body).split("\n")
    tables = _table_lines(lines)
    for n, line in enumerate(lines):
        text = _shown(line, n in tables).strip()
        if not text:
            continue
        if out and out[-1][0] + len(out[-1][1]) == n:
            out[-1][1].append(text)
        else:
            out.append((n, [text]))
    return out


def clean(page_html: str) -> str:
    """A converted page reduced to the page allow-list: unknown elements, attributes, styles and URL schemes go."""
    return _cleaner().clean(page_html)


@functools.lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=PAGE_ELEMENTS, attributes={"*": {"id", "title"}, "a": {"href"}},
                       allowed_classes=_PAGE_CLASSES, url_schemes={"http", "https", "mailto"}, link_rel=None,
                       strip_comments=True)


def render(body: str) -> str:
    """A body as the site's Markdown converts it (the extensions of mkdocs.yml)."""
    converter = _markdown()
    converter.reset()
    return converter.convert(body)


@functools.lru_cache(maxsize=1)
def _markdown():
    import markdown
    names, options = [], {}
    for item in _site_config().get("markdown_extensions", []):
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if config:
            options[name] = config
    return markdown.Markdown(extensions=names, extension_configs=options)


def _site_config() -> dict:
    # mkdocs.yml, its '!ENV' and Python tags read as nothing: only the Markdown extensions matter here.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    path = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}


# The body with its HTML comments blanked, lines kept where they were.
def _uncommented(body: str) -> str:
    return _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body) if "<!--" in body else body


# What a line asks for that the allow-list does not hold, in the words an editor needs.
def _refused(line: str) -> list[str]:
    out = []
    if "<" in line:
        for m in _AUTOLINK.finditer(line):
            out.append(f"liên kết '{m[0]}' không dùng được: kho tự liên kết các văn bản được trích dẫn; "
                       "nếu văn bản có dấu '<', viết '&lt;'")
        rest = _AUTOLINK.sub("", line)
        tags = [_short(m[0]) for m in _TAG.finditer(rest)
                if m["name"].lower() not in BODY_ELEMENTS or m["attrs"].strip(" /")]
        if tags:
            out.append(f"thẻ HTML {', '.join(repr(t) for t in dict.fromkeys(tags))} không được phép: chỉ dùng "
                       f"{', '.join(f'<{e}>' for e in BODY_ELEMENTS)}, không thuộc tính; nếu văn bản có dấu '<', viết '&lt;'")
        if _DECLARATION.search(rest):
            out.append(f"khai báo HTML '{_short(rest[rest.index('<'):])}' không được phép")
    for m in _LINK.finditer(line) if "[" in line else ():
        if m["image"]:
            out.append(f"ảnh '{_short(m[0])}' không dùng được (trang không tải gì từ nơi khác); "
                       "nếu văn bản có dấu '![', viết '!\\['")
        else:
            out.append(f"liên kết Markdown '{_short(m[0])}' không dùng được: kho tự liên kết các văn bản được "
                       "trích dẫn; nếu văn bản có dấu ngoặc vuông, viết '\\['")
    if "{" in line and not _BLOCK_ANCHOR.match(line):
        heading_end = len(line.rstrip()) if line.startswith("#") else -1
        for m in _ATTRIBUTES.finditer(line):
            if m.end() != heading_end or not re.fullmatch(r"\{:?\s*" + _ANCHOR + r"\s*\}", m[0]):
                out.append(f"danh sách thuộc tính '{_short(m[0])}' không được phép: toàn văn chỉ dùng một neo "
                           "'{: #muc-... }' dưới đoạn hoặc '{ #muc-... }' cuối tiêu đề (không lớp, không thuộc tính khác)")
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


# A line without the markup the allow-list gives it (anchors, heading marks, '- ', escapes, allowed elements).
def _kept(line: str) -> str:
    if _BLOCK_ANCHOR.match(line):
        return ""
    if (heading := _HEADING.match(line)) and line.startswith("#"):
        line = heading["text"]
    line = _ESCAPE.sub("", _BULLET.sub("", line).rstrip())  # an escaped character is shown as it is
    return _BODY_TAG.sub("", line)


# The text a line must show: markup out, escapes and entities read as the characters they stand for.
def _shown(line: str, table: bool) -> str:
    if not (table or _SIGNS.search(line)):
        return line
    if _BLOCK_ANCHOR.match(line) or (table and re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line)):
        return ""
    if (heading := _HEADING.match(line)) and line.startswith("#"):
        line = heading["text"]
    line = _BODY_TAG.sub("", _BULLET.sub("", line))
    if table:
        line = re.sub(r"(?<!\\)\|", " ", line)
    return html.unescape(_ESCAPE.sub(r"\1", line))


# Lines of the source whose text the page does not show, with why and what to write instead.
def _losses(lines: list[str], first_line: int, shown: str) -> list[tuple[int, str]]:
    out, at = [], 0
    tables = _table_lines(lines)
    for n, line in enumerate(lines):
        want = _squash(_shown(line, n in tables))
        if not want:
            continue
        where = shown.find(want, at)
        if where < 0:
            out.append((first_line + n, _why(line)))
        else:
            at = where + len(want)
    return out


# Lines that Markdown reads as a table: a row of cells over a line of dashes, and the rows below.
def _table_lines(lines: list[str]) -> set[int]:
    out = set()
    for n in range(1, len(lines)):
        if "|" in lines[n - 1] and re.fullmatch(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*", lines[n]):
            end = n + 1
            while end < len(lines) and "|" in lines[end]:
                end += 1
            out |= set(range(n - 1, end))
    return out


def _why(line: str) -> str:
    text = line.strip()
    if m := re.match(r"(\d+)\.\s", text):
        return (f"dòng mở đầu bằng '{m[1]}.' thành danh sách tự đánh số: trang không hiện số '{m[1]}.' của văn bản; "
                f"viết '{m[1]}\\.'")
    if re.match(r"[*+]\s", text):
        return f"dấu '{text[0]}' đầu dòng thành dấu chấm đầu dòng; viết '\\{text[0]}'"
    if text.startswith(">"):
        return "dấu '>' đầu dòng thành khối trích dẫn và không hiện; viết '\\>'"
    if re.fullmatch(r"[=-]{2,}", text):
        return f"dòng '{text}' thành đường kẻ hoặc tiêu đề và không hiện; viết '\\{text[0]}' ở đầu dòng"
    if m := re.search(r"[*_`]", text):
        return f"dấu '{m[0]}' bị Markdown hiểu là định dạng (in nghiêng, in đậm, mã) và không hiện; viết '\\{m[0]}'"
    return (f"phần chữ '{_short(text)}' không hiện nguyên văn trên trang (Markdown hiểu thành định dạng); "
            "dùng '\\' trước ký tự đặc biệt")


def _squash(text: str) -> str:
    return "".join(text.split())


# The first line that names a refused element or attribute; else the body's first line.
def _line_of(lines: list[str], what: str) -> int:
    name = re.split(r"[\s=]", what.strip("<>"), maxsplit=1)[0].lower()
    return next((n for n, line in enumerate(lines) if name and name in line.lower()), 0)


class _Shown(HTMLParser):
    """The visible text of a rendered body, and the elements or attributes in it outside the allow-list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.refused: list[str] = []
        self._hidden = 0  # inside a heading's permalink sign

    @classmethod
    def of(cls, rendered: str) -> "_Shown":
        parser = cls()
        parser.feed(rendered)
        parser.close()
        parser.text = _squash("".join(parser.parts))
        return parser

    def handle_starttag(self, tag, attrs):
        permalink = tag == "a" and ("class", "headerlink") in attrs
        if tag not in _RENDERED or (tag == "a" and not permalink):
            self.refused.append(f"<{tag}>")
        for name, value in attrs:
            if not _attribute_allowed(tag, name, value or "", permalink):
                self.refused.append(f"<{tag} {name}={value!r}>")
        self._hidden += permalink or bool(self._hidden and tag == "a")

    def handle_endtag(self, tag):
        if tag == "a" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


# Attributes Markdown writes for an allowed body: anchors, a permalink's own, table alignment.
def _attribute_allowed(tag: str, name: str, value: str, permalink: bool) -> bool:
    if name == "id":
        return bool(re.fullmatch(_ANCHOR[1:], value))
    if permalink:
        return name == "class" or name == "title" or (name == "href" and value.startswith("#"))
    return tag in ("th", "td") and name == "style" and bool(re.fullmatch(r"text-align: (left|right|center);", value))
