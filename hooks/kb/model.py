"""The one model of the content, loaded and validated once per build.

sources (files) → records (typed) → Model (records + the relations derived from them).
"""

import gc
import hashlib
import re
import weakref
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from . import markup
from .addresses import read_manifest
from .history import last_changed
from .lifecycle import Act, acts, last_day, status
from .messages import schema_problems
from .records import REPORT, Abbreviation, Body, CitedDocument, Document, Redirect, SearchWords, Settings, Task, Unit
from .sources import MAX_BYTES, Parsed, Problem, parse_yaml, read_text, split_front_matter, stamp
from .text import fold

DOCS_DIR = "docs/van-ban"
UNITS_FILE = "data/don-vi.yml"
CITED_FILE = "data/van-ban-trich-dan.yml"
REDIRECTS_FILE = "data/chuyen-huong.yml"
SETTINGS_FILE = "data/cau-hinh.yml"
ABBREVIATIONS_FILE = "data/viet-tat.yml"
BODIES_FILE = "data/co-quan.yml"
SEARCH_WORDS_FILE = "data/tim-kiem.yml"

_WORD = re.compile(r"\w+")
_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.*?)\s*\{:?\s*#(?P<anchor>[^\s}]+)\s*\}\s*$")
_BLOCK_ID = re.compile(r"^\{:\s*#(?P<anchor>[^\s}]+)\s*\}\s*$")


@dataclass
class Section:
    """A numbered part of a body: its permanent anchor, a title and its text."""
    anchor: str
    title: str
    text: str
    line: int


@dataclass(eq=False)  # one Page per document: identity is equality, and it can key a dict
class Page:
    """A held document: front matter record, its source positions and its body."""
    doc: Document
    path: str
    meta: Parsed
    body: str
    body_line: int
    sections: dict[str, Section] = field(default_factory=dict)
    duplicate_anchors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Assignment:
    """A task of a document given to a unit, directly or through a collective."""
    page: Page
    task: Task
    role: str  # "chu_tri", "phoi_hop" or "bao_cao_cho"
    via: str | None  # the collective through which the unit is reached


@dataclass
class Model:
    pages: dict[str, Page] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    cited: dict[str, CitedDocument] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unit_lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    cited_lines: dict[str, tuple[str, int]] = field(default_factory=dict)

    # Derived once, read by every page.
    children: dict[str, list[Page]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, set[str]] = field(default_factory=dict)
    assignments: dict[str, list[Assignment]] = field(default_factory=lambda: defaultdict(list))
    implementers: dict[str, list[tuple[Page, Task]]] = field(default_factory=lambda: defaultdict(list))
    undergone: dict[str, list[Act]] = field(default_factory=lambda: defaultdict(list))  # what others do to a document
    reports: list[Page] = field(default_factory=list)  # documents of kind 'bao-cao', in load order
    citations: dict[str, list[tuple[Page, Section | None]]] = field(default_factory=lambda: defaultdict(list))

    # What failed to load, so that the checks report its cause once and not the errors it causes elsewhere:
    # document files by path (→ the id they would have had), registries that could not be read at all, and
    # the ids of registry entries that could not be read.
    unloaded: dict[str, str] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    unloaded_ids: set[str] = field(default_factory=set)

    changed: dict = field(default_factory=dict)  # path → date of last commit
    redirects: dict[str, str] = field(default_factory=dict)  # old address → new address
    manifest: dict[str, int] | None = None  # addresses published so far → their line in data/lien-ket.txt
    root: Path | None = None  # the folder read, for its history
    settings: Settings = field(default_factory=Settings)
    abbreviations: list[Abbreviation] = field(default_factory=list)  # for search (data/viet-tat.yml)
    search_words: SearchWords = field(default_factory=SearchWords)  # for search (data/tim-kiem.yml)
    bodies: list[Body] = field(default_factory=list)  # for the importer (data/co-quan.yml)
    derived: object = None  # derived.Derived: the indexes pages and checks read, made once on first use
    # Citation patterns by their first word, lower case, and a scan for those words (numbers: any number).
    citation_index: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    citation_start: re.Pattern = re.compile(r"(?!)")

    def citations_in(self, text: str):
        """(start, end, document id) of every citation of a known document in text, left to right."""
        end = 0
        for word in self.citation_start.finditer(text):
            if word.start() < end:
                continue
            for cited, target in self.citation_index.get(word.group().lower(), ()):
                if found := _citation_pattern(cited).match(text, word.start()):
                    end = found.end()
                    yield found.start(), end, target
                    break

    def task(self, ref: str) -> tuple[Page, Task] | None:
        """Resolve 'doc-id/task-code'."""
        doc_id, _, code = ref.partition("/")
        page = self.pages.get(doc_id)
        found = page and next((t for t in page.doc.tasks if t.code == code), None)
        return (page, found) if found else None

    def province(self, unit_id: str | None) -> Unit | None:
        """The province-level unit a unit belongs to, following parents."""
        seen = set()
        while unit_id in self.units and unit_id not in seen:
            seen.add(unit_id)
            unit = self.units[unit_id]
            if unit.level == "tinh":
                return unit
            unit_id = unit.parent or (unit.collective.under if unit.collective else None)
        return None

    def roots(self) -> list[str]:
        """Held documents implementing no held document: the top of each hierarchy (reports are not part of it)."""
        return [i for i, p in self.pages.items()
                if p.doc.kind != REPORT and not any(d in self.pages for d in p.doc.implements)]

    def implemented(self) -> list[str]:
        """Held documents that held documents implement: each has a crosswalk."""
        return [i for i in self.pages if self.is_implemented(i)]

    def is_implemented(self, doc_id: str) -> bool:
        return doc_id in self.pages and bool(self.children.get(doc_id))

    def below(self, ids: list[str]) -> list[str]:
        """Every held document implementing these, directly or further down, nearest levels first."""
        return reach(ids, lambda i: [p.doc.id for p in self.children.get(i, ())])

    def standing(self, page: Page, day):
        """Where a document stands on a day."""
        return status(page.doc, self.undergone.get(page.doc.id, []), day)

    def until(self, page: Page, task: Task):
        """The last day a task applies: its document's end of life, or the annulment of its point (None: open)."""
        return last_day(page.doc, self.undergone.get(page.doc.id, []), task.anchor)

    def not_before(self, page: Page):
        """The earliest day the document can date from: its date of issue, else the latest date of the documents
        it implements (a text is never older than the one it carries out)."""
        if page.doc.issued:
            return page.doc.issued
        above = [d for d in (self._date_of(i) for i in page.doc.implements) if d]
        return max(above, default=None)

    def _date_of(self, doc_id: str):
        # A held document's earliest day, or a cited one's date.
        if doc_id in self.pages:
            return self.not_before(self.pages[doc_id])
        return getattr(self.cited.get(doc_id), "issued", None)

    def level_of(self, page: Page) -> str:
        """Hierarchy level of a document, from its issuer."""
        unit = self.units.get(page.doc.issuer or "")
        if unit is None:
            return "tinh"
        return {"trung-uong": "trung-uong", "bo-nganh": "trung-uong", "tinh": "tinh"}.get(unit.level, "so-nganh")


def identity(number: str | None, title: str | None, issuer: str | None, issued) -> tuple | None:
    """What makes two records one document: number, issuer and date; without a number, the title instead."""
    day = str(issued) if issued else None
    if number:
        return "so_hieu", "".join(number.split()).lower(), issuer, day
    if title:
        return "trich_yeu", " ".join(fold(title).split()), issuer, day
    return None


def section_spans(lines: list[str]) -> list[tuple[int, int, str, int | None]]:
    """(first line, end, anchor, line of its '{: #…}' mark, None for a heading) of each anchored part of a body's
    lines: a part runs to the next anchor."""
    marks: list[tuple[int, str, int | None]] = []
    for i, line in enumerate(lines):
        if m := _HEADING.match(line):
            marks.append((i, m["anchor"], None))
        elif m := _BLOCK_ID.match(line):
            start = i
            while start > 0 and lines[start - 1].strip():
                start -= 1
            marks.append((start, m["anchor"], i))
    return [(start, marks[n + 1][0] if n + 1 < len(marks) else len(lines), anchor, mark)
            for n, (start, anchor, mark) in enumerate(marks)]


def parse_sections(body: str, body_line: int) -> tuple[dict[str, Section], list[tuple[int, str]]]:
    """Anchored parts of a body, each running to the next anchor."""
    lines = body.split("\n")
    sections, dupes = {}, []
    for start, end, anchor, mark in section_spans(lines):
        if anchor in sections:
            dupes.append((body_line + start, anchor))
            continue
        title = _HEADING.match(lines[start])["title"] if mark is None else " ".join(lines[start:mark])
        text = "\n".join(l for l in lines[start:end] if not _BLOCK_ID.match(l))
        sections[anchor] = Section(anchor, _plain(title), _plain(text), body_line + start)
    return sections, dupes


def _plain(markdown: str) -> str:
    # The text as its page shows it (no list marks, escapes or anchors), a line per paragraph, to quote and search.
    return "\n".join(" ".join(" ".join(lines).split()) for _, lines in markup.paragraphs(markdown))


def _read_yaml(root: Path, rel: str, problems: list, optional: bool = False) -> Parsed | None:
    # A data file read and parsed, its problems collected; None when absent or unreadable.
    file = root / rel
    if not file.exists():
        problems.extend([] if optional else [Problem(rel, 1, "thiếu tệp danh mục")])
        return None
    text, errs = read_text(file, rel)
    parsed, more = parse_yaml(text, rel) if text is not None else (None, [])
    problems.extend(errs + more)
    return parsed


def _load_list(root: Path, rel: str, record: type, model: "Model", optional: bool = False) -> list[tuple[object, int]]:
    # A registry: a YAML list of records, each validated on its own; what cannot be read is remembered.
    problems = model.problems
    parsed = _read_yaml(root, rel, problems, optional)
    if parsed is None:
        if (root / rel).exists():
            model.unreadable.add(rel)
        return []
    if not isinstance(parsed.data, list):
        problems.append(Problem(rel, 1, "danh mục phải là một danh sách, mỗi mục bắt đầu bằng '- '"))
        model.unreadable.add(rel)
        return []
    out = []
    for i, item in enumerate(parsed.data):
        try:
            out.append((record.model_validate(item), parsed.line((i,))))
        except ValidationError as exc:
            problems.extend(schema_problems(exc, record, parsed, rel, (i,)))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                model.unloaded_ids.add(item["id"])
    return out


# Each document as last read, by folder and file, with its stamp and a digest of its bytes: a preview server
# rebuilding on every save reads again only the files whose stamp changed, and parses again only those whose
# bytes changed (Pages are never changed once read, so they can be shared).
_read: dict[tuple[Path, str], tuple[tuple | None, bytes, tuple[Page | str, list[Problem]]]] = {}


def _read_page(root: Path, file: Path, rel: str) -> tuple[Page | str, list[Problem]]:
    stat = file.stat()
    if stat.st_size > MAX_BYTES:
        return load_page(file, rel)  # refused unread
    kept, now = _read.get((root, rel)), stamp(stat)
    if kept is None or now is None or kept[0] != now:
        digest = hashlib.blake2b(file.read_bytes(), digest_size=16).digest()
        kept = _read[(root, rel)] = now, digest, (kept[2] if kept and kept[1] == digest else load_page(file, rel))
    page, problems = kept[2]
    return page, list(problems)


def _forget_others(seen: set) -> None:
    # Only the documents of the last load are kept: files gone since, and other folders' (tests load many), go.
    for key in [k for k in _read if k not in seen]:
        del _read[key]


def load_page(file: Path, rel: str) -> tuple[Page | str, list[Problem]]:
    """One document file → Page; or, when it cannot be read, the id it claims (else its file name) and why."""
    text, problems = read_text(file, rel)
    if text is None:
        return file.stem, problems
    source, more = split_front_matter(text, rel)
    problems += more
    if source is None:
        return file.stem, problems
    try:
        doc = Document.model_validate(source.meta.data)
    except ValidationError as exc:
        claimed = source.meta.data.get("id")
        return claimed if isinstance(claimed, str) else file.stem, problems + schema_problems(exc, Document, source.meta, rel)
    sections, dupes = parse_sections(source.body, source.body_line)
    return Page(doc, rel, source.meta, source.body, source.body_line, sections, dupes), problems


def load(root: Path) -> Model:
    """Read every document and registry under root; derive the relations."""
    # The model only grows while loading and has no garbage to find: pausing the cycle collector saves it
    # from rescanning every record already read (a third of the time at 5,000 documents), and freezing what
    # was read keeps later collections in the build from rescanning it. A folder loaded again (a rebuild while
    # serving) takes most documents as read before: nothing is frozen then, so that what the rebuild replaces
    # is collected as usual, without rescanning the documents kept; what its first load froze stays.
    folder = root.resolve()
    if folder in _loaded:
        return _load(root, folder)
    _loaded.add(folder)
    gc.unfreeze()  # what loads of other folders froze is let go
    gc.collect()
    gc.disable()
    try:
        return _load(root, folder)
    finally:
        gc.freeze()
        gc.enable()


_loaded: set[Path] = set()  # folders loaded before by this process


def _load(root: Path, folder: Path) -> Model:
    # folder: root resolved, the documents' cache key
    model = Model(root=root)
    for unit, line in _load_list(root, UNITS_FILE, Unit, model):
        _register(model.units, model.unit_lines, unit, UNITS_FILE, line, model.problems, "đơn vị")
    for cited, line in _load_list(root, CITED_FILE, CitedDocument, model):
        _register(model.cited, model.cited_lines, cited, CITED_FILE, line, model.problems, "văn bản trích dẫn")
    seen = set()
    for file in sorted((root / DOCS_DIR).rglob("*.md"), key=lambda f: f.parts):  # Path's own order, without its slow __lt__
        rel = file.relative_to(root).as_posix()
        seen.add((folder, rel))
        page, problems = _read_page(folder, file, rel)
        model.problems.extend(problems)
        if isinstance(page, str):
            model.unloaded[rel] = page
            continue
        if page.doc.id in model.pages:
            other = model.pages[page.doc.id].path
            model.problems.append(Problem(rel, page.meta.line(("id",)), f"trường 'id': mã '{page.doc.id}' đã dùng cho {other}"))
            continue
        model.pages[page.doc.id] = page
    _forget_others(seen)
    model.redirects = {r.old: r.new for r, _ in _load_list(root, REDIRECTS_FILE, Redirect, model, optional=True)}
    model.manifest = read_manifest(root)
    model.settings = _load_mapping(root, SETTINGS_FILE, Settings, model.problems)
    model.search_words = _load_mapping(root, SEARCH_WORDS_FILE, SearchWords, model.problems)
    model.abbreviations = [a for a, _ in _load_list(root, ABBREVIATIONS_FILE, Abbreviation, model, optional=True)]
    model.bodies = [b for b, _ in _load_list(root, BODIES_FILE, Body, model, optional=True)]
    model.changed = last_changed(root)
    derive(model)
    return model


def scoped(model: Model, ids: list[str]) -> Model:
    """Part of a checked model, for a quick preview while editing: the documents ids, those above and below
    them, the top documents (the guide pages link to them), and the units and cited documents they name (a
    collective, not each of its members).

    Relations are derived again within the part; its problems are those of the whole, found before. A document
    that could not be read is previewed as its errors (the build shows them in its place).
    """
    broken = set(model.unloaded.values())
    if unknown := [i for i in ids if i not in model.pages and i not in broken]:
        raise LookupError(f"không có văn bản mã {', '.join(map(repr, unknown))} trong kho")
    ids = [i for i in ids if i in model.pages]
    above = reach(ids, lambda i: [d for d in model.pages[i].doc.implements if d in model.pages])
    keep = set(model.roots()) | set(ids) | set(above) | set(model.below(ids))
    part = Model(pages={i: p for i, p in model.pages.items() if i in keep}, units=model.units,
                 cited=model.cited, manifest=model.manifest, settings=model.settings, changed=model.changed,
                 abbreviations=model.abbreviations, search_words=model.search_words, root=model.root)
    derive(part)
    # The units named, not every member of a collective named ('UBND các xã'): a preview shows the collective.
    named = {p.doc.issuer for p in part.pages.values()}
    named |= {i for i, given in part.assignments.items() if any(a.via is None for a in given)}
    named |= set(reach(named, lambda i: [model.units[i].parent] if i in model.units and model.units[i].parent else []))
    parents = {d for p in part.pages.values() for d in p.doc.implements}
    part.units = {i: u for i, u in model.units.items() if i in named}
    part.assignments = defaultdict(list, {i: given for i, given in part.assignments.items() if i in part.units})
    part.cited = {i: c for i, c in model.cited.items() if i in part.citations or i in parents}
    return part


def reach(start, step) -> list:
    """What step leads to from start, then on from there: nearest first, each once, start itself left out.

    A cycle (reported by the checks) ends the walk.
    """
    seen, out, todo = set(start), [], deque(start)
    while todo:
        for nxt in step(todo.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                out.append(nxt)
                todo.append(nxt)
    return out


def _load_mapping(root: Path, rel: str, record: type, problems: list):
    # Optional: defaults apply when the file is absent or broken.
    parsed = _read_yaml(root, rel, problems, optional=True)
    try:
        return record.model_validate(parsed.data if parsed else {})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, record, parsed, rel))
        return record()


def _register(table: dict, lines: dict, record, rel: str, line: int, problems: list, what: str) -> None:
    if record.id in table:
        problems.append(Problem(rel, line, f"trường 'id': mã {what} '{record.id}' bị trùng (đã có ở dòng {lines[record.id][1]})"))
        return
    table[record.id] = record
    lines[record.id] = (rel, line)


def derive(model: Model) -> None:
    """Relations computed once: children, collective members, unit assignments, what documents undergo, citations."""
    by_level = defaultdict(list)  # units that are not collectives, by level: a collective covers some levels
    for unit in model.units.values():
        if not unit.collective:
            by_level[unit.level].append(unit)
    for unit in model.units.values():
        if unit.collective:
            model.members[unit.id] = {u.id for level in unit.collective.levels for u in by_level[level]
                                       if _covers(model, unit, u)}
    members = repr(sorted((k, sorted(v)) for k, v in model.members.items())).encode()
    members = hashlib.blake2b(members, digest_size=16).digest()
    for page in model.pages.values():
        for parent in page.doc.implements:
            model.children[parent].append(page)
        assignments, implementers = _given_by(model, page, members)
        for unit_id, given in assignments.items():
            model.assignments[unit_id].extend(given)
        for ref, given in implementers.items():
            model.implementers[ref].extend(given)
    for act in acts(model.pages.values()):
        model.undergone[act.target].append(act)
    model.reports = [p for p in model.pages.values() if p.doc.kind == REPORT]
    texts = citation_texts(model)
    for text, target in texts:
        model.citation_index.setdefault(_WORD.match(text).group().lower(), []).append((text, target))
    model.citation_start = _citation_start(model.citation_index)
    key = hashlib.blake2b(repr(texts).encode(), digest_size=16).digest()
    for page in model.pages.values():
        for target, section in _citations_of(model, page, key):
            model.citations[target].append((page, section))


# What each page gives to the relations (its tasks by unit, directly or through a collective; its tasks by the
# task they implement), by the collectives' members it was worked out with: a preview server rebuilding on every
# save works it out again only for the pages that changed, unless a collective did.
_given: "weakref.WeakKeyDictionary[Page, tuple[bytes, tuple[dict, dict]]]" = weakref.WeakKeyDictionary()


def _given_by(model: Model, page: Page, members: bytes) -> tuple[dict, dict]:
    kept = _given.get(page)
    if kept is None or kept[0] != members:
        assignments, implementers = defaultdict(list), defaultdict(list)
        for task in page.doc.tasks:
            for role, ids in (("chu_tri", task.leads), ("phoi_hop", task.partners), ("bao_cao_cho", task.report_to)):
                for unit_id in ids:
                    assignments[unit_id].append(Assignment(page, task, role, None))
                    for member in model.members.get(unit_id, ()):
                        assignments[member].append(Assignment(page, task, role, unit_id))
            for ref in task.implements:
                implementers[ref].append((page, task))
        kept = _given[page] = members, (assignments, implementers)
    return kept[1]


def _citation_start(index: dict[str, list[tuple[str, str]]]) -> re.Pattern:
    # Where a citation may begin: one of the first words, or a number followed the way a cited number is
    # ('33/…', '25-…'), so the numbers of ordinary prose are skipped by the regex engine, not looked up one by one.
    words = sorted((re.escape(w) for w in index if not w[0].isdigit()), key=len, reverse=True)
    follow = {text[len(w):len(w) + 1] for w in index if w[0].isdigit() for text, _ in index[w]}
    alternatives = [f"(?:{'|'.join(words)})(?!\\w)"] if words else []
    if follow - {""}:
        alternatives.append(r"\d\w*(?=[" + re.escape("".join(sorted(follow - {""}))) + "])")
    if "" in follow:
        alternatives.append(r"\d\w*(?!\w)")
    return re.compile(r"(?<![\w/.-])(?:" + ("|".join(alternatives) or "(?!)") + ")", re.IGNORECASE)


@lru_cache(maxsize=None)
def _citation_pattern(text: str) -> re.Pattern:
    # Compiled when a text first shows the pattern's first word: most document numbers are never cited.
    return re.compile(re.escape(text).replace(r"\ ", r"\s+") + r"(?![\w/])", re.IGNORECASE)


def _covers(model: Model, collective: Unit, unit: Unit) -> bool:
    # A collective covers the units of its levels (unit is one) that sit under its 'truc_thuoc' unit.
    scope = collective.collective
    seen, parent = set(), unit.parent
    while scope.under and parent and parent not in seen:
        if parent == scope.under:
            return True
        seen.add(parent)
        parent = model.units[parent].parent if parent in model.units else None
    return not scope.under


def citation_texts(model: Model) -> list[tuple[str, str]]:
    """(how a text cites it, document id) for every held and cited document, longest first."""
    out = [(page.doc.number, doc_id) for doc_id, page in model.pages.items() if page.doc.number]
    for cited in model.cited.values():
        out += [(text, cited.id) for text in cited.patterns or ([cited.number] if cited.number else [])]
    return sorted(out, key=lambda p: -len(p[0]))


# What each page cites, by the citation texts it was looked for with (a whole base's, a preview's part): a
# preview server rebuilding on every save looks again only in the pages that changed, unless a number did.
_citing: "weakref.WeakKeyDictionary[Page, dict[bytes, list]]" = weakref.WeakKeyDictionary()


def _citations_of(model: Model, page: Page, key: bytes) -> list[tuple[str, Section | None]]:
    kept = _citing.setdefault(page, {})
    if key not in kept:
        if len(kept) > 1:
            kept.clear()
        kept[key] = _cited(model, page)
    return kept[key]


def _cited(model: Model, page: Page) -> list[tuple[str, Section | None]]:
    # Which section of the page (None: before the first) cites which document, once per section.
    first = min((s.line for s in page.sections.values()), default=page.body_line + page.body.count("\n") + 1)
    preamble = "\n".join(page.body.split("\n")[: first - page.body_line])
    out = []
    for section, text in [(None, preamble)] + [(s, s.text) for s in page.sections.values()]:
        found = {target for _, _, target in model.citations_in(text)}
        out += [(target, section) for target in sorted(found - {page.doc.id})]
    return out
