"""What Tesseract's Vietnamese model is known to misread, undone where the right letter is certain.

Each fix acts on a letter or sign that cannot stand where it was read (an Icelandic letter, a capital inside a
word, a comma after a list number); a real word is never swapped for another here (only the lexicon does that,
between readings the model itself weighed: lexicon.py), so what is left is for the editor.
"""

import re
import statistics
import unicodedata
from dataclasses import dataclass

from ..text import marked
from .layout import is_caps

DPI = 150  # 13-14 pt capitals come out about 20 px tall, the size the model reads best (measured in CONTRIBUTING)
# Each page is read again at these resolutions; a line the model is surer of there replaces the first reading.
SECOND_READINGS = (200,)
LANGUAGE = "vie"
# Between two words of one line, a gap this many times the line's usual one and at least this share of the
# letters' height parts two columns (a header's issuer and motto, the recipients and the signature).
COLUMN_GAP, COLUMN_GAP_HEIGHT = 3, 0.8
NARROW = 0.6  # a line of one column spans less than this share of the text's width
NEAR = 0.8  # lines of one table lie closer than this share of their height
MARKS = 0.5  # a line whose signs stand less than this share of the page's letters tall holds no text
SURE = 30  # Tesseract's confidence (0-100) under which a sign with no letter or digit is dropped


@dataclass
class Line:
    """A line as Tesseract grouped its words: its pieces apart by a wide gap (two for a row of a two-column
    table), where it stands, and the paragraph it belongs to."""
    pieces: list[tuple[int, int, str]]  # left, right, text
    top: int
    bottom: int
    paragraph: tuple
    confidence: float  # Tesseract's mean confidence in its words, 0-100

    @property
    def left(self) -> int:
        return self.pieces[0][0]

    @property
    def right(self) -> int:
        return self.pieces[-1][1]


def cleaned(image):
    """The page image without the scanner's specks: the median of each 3 × 3 neighbourhood keeps strokes and
    drops dots smaller than a stroke (measured in CONTRIBUTING)."""
    from PIL import ImageFilter
    return image.filter(ImageFilter.MedianFilter(3))


def page_text(words: dict, others: list[tuple[dict, float]] = ()) -> str:
    """The text of a page from Tesseract's words (image_to_data): lines as it grouped them, paragraphs apart by
    a blank line; the header and signature tables read as a copy reads them, the left column then the right.
    others: the same page read at other scales (words, scale against the first): a line read there with more
    confidence, in the same place and with the same columns, is taken from there."""
    lines = _lines(words)
    for other, scale in others:
        lines = _surer(lines, _lines(other, scale))
    if not lines:
        return ""
    width = max(line.right for line in lines) - min(line.left for line in lines)
    tables = _tables(lines, width)
    out, done, paragraph = [], set(), None
    for n, line in enumerate(lines):
        if n in done:
            continue
        if n in tables:
            rows = tables[n]
            done |= {k for k, _ in rows}
            for side in (0, 1):
                out += [text for _, cells in rows if (text := cells[side])] + [""]
            paragraph = None
            continue
        if paragraph is not None and line.paragraph != paragraph:
            out.append("")
        paragraph = line.paragraph
        out.append(" ".join(text for _, _, text in line.pieces))
    return "\n".join(out) + "\n"


# Each line of lines, or the same line of other where Tesseract was surer of its words.
def _surer(lines: list[Line], other: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        slack = line.bottom - line.top
        same = [o for o in other if len(o.pieces) == len(line.pieces) and all(
            abs(a - b) < slack for a, b in ((o.top, line.top), (o.bottom, line.bottom), (o.left, line.left), (o.right, line.right)))]
        better = len(same) == 1 and same[0].confidence > line.confidence
        out.append(Line(same[0].pieces, line.top, line.bottom, line.paragraph, same[0].confidence) if better else line)
    return out


# Tesseract's lines, each cut where two of its words stand a column apart; places divided by scale.
def _lines(words: dict, scale: float = 1.0) -> list[Line]:
    grouped: dict[tuple, list[int]] = {}
    for i, text in enumerate(words["text"]):
        # A sign alone that the model is unsure of is a speck ('_' between two columns), not text.
        if text.strip() and (re.search(r"[^\W_]", text) or float(words["conf"][i]) >= SURE):
            grouped.setdefault((words["block_num"][i], words["par_num"][i], words["line_num"][i]), []).append(i)
    if not grouped:
        return []
    letters = statistics.median(words["height"][i] for ids in grouped.values() for i in ids)
    out = []
    for key, ids in grouped.items():
        ends = [words["left"][i] + words["width"][i] for i in ids]
        gaps = [words["left"][b] - end for end, b in zip(ends, ids[1:])]
        usual, height = statistics.median(gaps or [0]), statistics.median(words["height"][i] for i in ids)
        if height < MARKS * letters:
            continue  # the tone marks of a bold line read as a line of their own, or a row of specks
        pieces, first = [], 0
        for k, gap in enumerate(gaps + [None], 1):
            if gap is None or gap > COLUMN_GAP * max(usual, 1) and gap > COLUMN_GAP_HEIGHT * height:
                part = ids[first:k]
                pieces.append((round(words["left"][part[0]] / scale), round(ends[k - 1] / scale),
                               " ".join(words["text"][i] for i in part)))
                first = k
        out.append(Line(pieces, round(min(words["top"][i] for i in ids) / scale),
                        round(max(words["top"][i] + words["height"][i] for i in ids) / scale), key[:2],
                        statistics.mean(float(words["conf"][i]) for i in ids)))
    return out


# The two-column tables of a page: from each row read across both columns, the lines just above and below that
# stand in one column of it. Returns the first line of each table → its rows (line number, (left, right)).
def _tables(lines: list[Line], width: int) -> dict[int, list[tuple[int, tuple[str, str]]]]:
    tables, taken = {}, set()
    for n, line in enumerate(lines):
        if n in taken or len(line.pieces) != 2:
            continue
        split = line.pieces[1][0]
        rows = {n: (line.pieces[0][2], line.pieces[1][2])}
        for step in (-1, 1):
            k, last = n + step, line
            while 0 <= k < len(lines) and k not in taken and (cells := _cells(lines[k], split, width)) \
                    and _near(last, lines[k]):
                rows[k], last, k = cells, lines[k], k + step
        taken |= set(rows)
        ordered = sorted(rows.items(), key=lambda r: lines[r[0]].top)
        tables[ordered[0][0]] = ordered
    return tables


# A line as a row of the table parted at split: (left, right), or None if it is not one.
def _cells(line: Line, split: int, width: int) -> tuple[str, str] | None:
    text = " ".join(t for _, _, t in line.pieces)
    if len(line.pieces) == 2:
        return line.pieces[0][2], line.pieces[1][2]
    if line.right - line.left > NARROW * width:
        return None
    if line.right < split:
        return text, ""
    return ("", text) if line.left >= split - (line.bottom - line.top) else None


def _near(a: Line, b: Line) -> bool:
    upper, lower = (a, b) if a.top <= b.top else (b, a)
    return lower.top - upper.bottom < NEAR * (upper.bottom - upper.top)


def tidy(text: str) -> str:
    """The page's text with the sure misreadings undone."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("ĐÐ|Ð", "Đ", text).replace("ð", "đ")  # Đ read as the Icelandic eth, sometimes twice
    text = re.sub(r"[^\W\d_]{2,}", _small_inside, text)
    text = re.sub(r"(?<![\w/])[^\W\d_]/[^\W\d_](?![\w/])", _small_after_slash, text)
    text = re.sub(r"([^\W\d_])\1", _one_marked, text)  # a syllable bears one tone mark: 'củủa' is 'của'
    text = re.sub(r"(?m)^(\s*(?:\d{1,2}|[IVX]{1,5})),(?= [^\W\d_])", r"\1.", text)  # list numbers end in '.'
    text = re.sub(r"\bU(?=[yY]\s+(?:ban|BAN)\b)", "Ủ", text)  # 'Uy ban' is no word: the hook of 'Ủy' was lost
    text = re.sub(r"(?<=[A-ZĐ0-9])- +(?=[A-ZĐ])", "-", text)  # '33/CT- TTg': numbers hold no space
    text = re.sub(r"(?<![\d/])(\d{1,2}/1) ([0-2]/\d{4})(?![\d/])", r"\1\2", text)  # nor dates: '26/1 1/2021'
    # Specks (a mark of the next line, dust) read as signs no typed text holds: a full stop between two words in
    # small letters, on one line or the next line of the paragraph (a sentence opens with a capital; 'v.v.' keeps
    # its own; 'a)' opens a list), or between a word in small letters and a number that does not open a list
    # ('ngày. 14'), a comma stuck to the next word, a quote, bar or brace standing alone.
    text = re.sub(r"(?<![.\w])([^\W\d_]{2,})\.(?=(?: |\n(?!\n))([^\W\d_])(?![).]))", _stop_before_small, text)
    text = re.sub(r"(?<![.\w])([^\W\d_]{2,})\.(?= \d{1,4}(?![\d.)/]))", _stop_before_number, text)
    text = re.sub(r"(?<= ),(?=[^\W\d_])", "", text)
    text = re.sub(r"(?<=[^\W\d_])_+(?!\S)", "", text)  # an underline's end stuck to the word above it
    text = re.sub(r"(?<=\S) +['‘’`|‹›{}~^¦](?= )", "", text)
    return "\n".join(_heading_number(_capitals_in_prose(line)) for line in text.split("\n"))


def _small_inside(match: re.Match) -> str:
    # Inside a word, a capital after a small letter, or a marked capital before one, is a tall small letter read
    # too big ('cỦa', 'ThƯờng', 'TỈnh'); abbreviations ('TTg', 'CTr') carry no marks.
    word = match[0]
    return word[0] + "".join(c.lower() if word[i].islower() or (marked(c) and word[i + 2:i + 3].islower()) else c
                             for i, c in enumerate(word[1:]))


def _small_after_slash(match: re.Match) -> str:
    # 'b/C' is 'b/c' (báo cáo): after a small letter the second one is small too; 'V/v' keeps its capital.
    return match[0].lower() if match[0][0].islower() else match[0]


def _one_marked(match: re.Match) -> str:
    # The same marked letter twice in a row was read from one.
    return match[1] if marked(match[1]) else match[0]


def _stop_before_small(match: re.Match) -> str:
    # The full stop goes when the next word opens in a small letter after a word not abbreviated ('VT. ckbich').
    return match[1] if match[2].islower() and not match[1].isupper() else match[0]


def _stop_before_number(match: re.Match) -> str:
    # The full stop goes after a word in small letters ('ngày. 14 tháng'), not after an abbreviation ('TP. 5').
    return match[1] if match[1].islower() else match[0]


def _capitals_in_prose(line: str) -> str:
    # A marked word in capitals among words in small letters ('của BỘ Nội vụ') was one capital and small letters:
    # abbreviations carry no tone marks, and headings in capitals have capitals around them.
    parts = re.split(r"(\s+)", line)
    words = parts[::2]
    for i, word in enumerate(words):
        around = [w for w in words[max(i - 1, 0):i] + words[i + 1:i + 2] if w]
        if is_caps(word) and marked(word) and around and all(_small(w) for w in around):
            parts[2 * i] = word[0] + word[1:].lower()
    return "".join(parts)


def _heading_number(line: str) -> str:
    # 'II TỔ CHỨC THỰC HIỆN': a part's heading in capitals whose number lost its full stop.
    m = re.match(r"(\s*[IVX]{1,5}) (?=\S)", line)
    return f"{m[1]}.{line[m.end(1):]}" if m and is_caps(line[m.end():]) else line


def _small(word: str) -> bool:
    # Holds a small letter.
    return any(c.islower() for c in word)
