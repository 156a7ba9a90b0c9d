"""Read content files: YAML with the line of every value, front matter split from body.

Nothing here raises on bad content: problems come back as Problem records.
"""

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_BYTES = 2 * 1024 * 1024  # a directive is tens of KB; anything larger is a mistake
SETTLED_NS = 2 * 10**9  # a file changed more recently than this may change again within one tick of its clock


def stamp(stat: os.stat_result) -> tuple | None:
    """What tells a file unchanged since it was last read: size, inode, modification and change times (the
    change time cannot be set back); None while the file changed too recently for its times to tell a second
    save within the same tick of the file system's clock apart: it is then read again."""
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < SETTLED_NS:
        return None
    return stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns


@dataclass(frozen=True, order=True)
class Problem:
    """One content error, in the form editors read: file:line: message. A note says what an error above it
    kept from being checked: it is printed, not counted."""
    path: str
    line: int
    message: str
    note: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Parsed:
    """A YAML value with the source line of each key path (tuple of keys/indices)."""
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    offset: int = 0  # lines before the YAML text in its file

    def line(self, loc: tuple) -> int:
        """Line of the deepest known prefix of loc."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]] + self.offset
        return 1 + self.offset


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it: much faster
    """SafeLoader that keeps dates as text, so the model can say what is wrong with them."""


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))


class _Unusual(Exception):
    """A node that only PyYAML's own constructor builds right (merge keys, complex keys, explicit tags)."""


def _walk(node, loc: tuple, lines: dict, dupes: list, loader=None):
    # Record the line of every key and item; report keys written twice. With a loader, also build the value:
    # text and containers here, other scalars by PyYAML (building every node through it is 3× slower).
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out, seen = {}, set()
        for key, value in node.value:
            simple = isinstance(key, yaml.ScalarNode)
            if loader and not (simple and key.tag != _MERGE and node.tag == _MAP):
                raise _Unusual
            name = key.value if simple else f"?{key.start_mark.line + 1}"
            if name in seen:
                dupes.append((key.start_mark.line + 1, name))
            seen.add(name)
            item = _walk(value, loc + (name,), lines, dupes, loader)
            lines[loc + (name,)] = key.start_mark.line + 1
            if loader:
                out[_scalar(key, loader)] = item
        return out
    if isinstance(node, yaml.SequenceNode):
        if loader and node.tag != _SEQ:
            raise _Unusual
        return [_walk(item, loc + (i,), lines, dupes, loader) for i, item in enumerate(node.value)]
    return _scalar(node, loader) if loader else None


def _scalar(node, loader):
    # Plain text as is; numbers, booleans, null and explicit tags as PyYAML resolves them.
    return node.value if node.tag == _STR else loader.construct_object(node)


# PyYAML's wording of common mistakes, said the way editors need to hear it.
_YAML_HINTS = (
    ("mapping values are not allowed", "có dấu ':' trong giá trị; đặt cả giá trị trong dấu nháy đơn '...'"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường, hoặc dấu nháy chưa đóng"),
    ("found unexpected end of stream", "dấu nháy hoặc ngoặc chưa đóng"),
    ("expected <block end>", "dòng không khớp cấu trúc: kiểm tra thụt lề và dấu nháy chưa đóng ở các dòng trên"),
    ("did not find expected key", "dòng không khớp cấu trúc: kiểm tra thụt lề và dấu nháy chưa đóng ở các dòng trên"),
    ("cannot start any token", "ký tự không được đứng đầu giá trị (như @, `, %); đặt giá trị trong dấu nháy"),
    ("expected ',' or ']'", "danh sách [ ... ] chưa đóng hoặc thiếu dấu ','"),
    ("expected ',' or '}'", "nhóm { ... } chưa đóng hoặc thiếu dấu ','"),
)


def _yaml_hint(problem: str) -> str:
    return next((hint for key, hint in _YAML_HINTS if key in problem), "sai cú pháp; kiểm tra dấu ':', thụt lề và dấu nháy")


_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)


def parse_yaml(text: str, path: str, offset: int = 0) -> tuple[Parsed | None, list[Problem]]:
    """Parse YAML text; on failure, a Vietnamese message with the line."""
    if tab := _LEADING_TAB.search(text):
        line = text.count("\n", 0, tab.start()) + 1 + offset
        return None, [Problem(path, line, "ký tự tab ở đầu dòng: YAML chỉ chấp nhận dấu cách để thụt lề")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None, {}, offset), []
        lines: dict = {}
        dupes: list = []
        try:
            data = _walk(node, (), lines, dupes, loader)
        except _Unusual:
            lines, dupes = {}, []
            data = loader.construct_document(node)
            _walk(node, (), lines, dupes)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        # Where an unclosed quote or bracket began is worth saying; the start of the whole mapping is not.
        opened = err.context_mark and "mapping" not in str(err.context) and err.context_mark.line + 1 + offset != line
        start = err.context_mark.line + 1 + offset if opened else None
        unbalanced = [n + 1 + offset for n, raw in enumerate(text.split("\n")[: line - offset]) if raw.count('"') % 2]
        start = start or (unbalanced[0] if unbalanced else None)
        since = f", phần lỗi bắt đầu từ dòng {start}" if start else ""
        return None, [Problem(path, line, f"YAML không đọc được: {_yaml_hint(str(err.problem))}{since}")]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1 + offset, f"YAML không đọc được: {err}")]
    except RecursionError:
        alias = re.search(r"\*[\w-]+", text)
        line = (text.count("\n", 0, alias.start()) if alias else 0) + 1 + offset
        return None, [Problem(path, line, "YAML không đọc được: tham chiếu '*tên' trỏ vào chính phần chứa nó")]
    finally:
        loader.dispose()
    problems = [Problem(path, line + offset, f"trường '{name}' được khai báo hai lần") for line, name in dupes]
    return Parsed(data, lines, offset), problems


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """File content as text: size limit, UTF-8, BOM and CRLF tolerated."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(path, 1, f"tệp quá lớn: {size / 1048576:.1f} MB, tối đa {MAX_BYTES // 1048576} MB")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(path, line, f"tệp không phải mã UTF-8 (byte 0x{raw[err.start]:02x} không hợp lệ); lưu lại tệp với mã UTF-8")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, line, "tệp chứa ký tự NUL: không phải tệp văn bản")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


@dataclass
class Source:
    """One Markdown document file: its front matter and its body."""
    path: str
    meta: Parsed
    body: str
    body_line: int  # line of the body's first line in the file


def split_front_matter(text: str, path: str) -> tuple[Source | None, list[Problem]]:
    """Separate '---' front matter from the Markdown body."""
    if not text.strip():
        return None, [Problem(path, 1, "tệp rỗng: cần phần thông tin đầu trang giữa hai dòng '---' và toàn văn")]
    if not text.startswith("---\n"):
        return None, [Problem(path, 1, "tệp phải bắt đầu bằng dòng '---' mở phần thông tin đầu trang")]
    end = re.search(r"^---[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        return None, [Problem(path, 1, "không tìm thấy dòng '---' đóng phần thông tin đầu trang")]
    yaml_text = text[4: 4 + end.start()]
    parsed, problems = parse_yaml(yaml_text, path, offset=1)
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        return None, problems + [Problem(path, 2, "phần thông tin đầu trang phải là các cặp 'trường: giá trị'")]
    rest = text[4 + end.end():]
    body = rest.lstrip("\n")
    body_line = text[: 4 + end.end()].count("\n") + 1 + len(rest) - len(body)
    return Source(path, parsed, body, body_line), problems


def dotted(data, key: str):
    """The value at a dotted key ('nguoi_ky.ho_ten') of front matter; None where a level is missing."""
    for part in key.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data
