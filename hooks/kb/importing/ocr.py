"""What Tesseract's Vietnamese model is known to misread, undone where the right letter is certain.

Each fix acts on a letter or sign that cannot stand where it was read (an Icelandic letter, a capital inside a
word, a comma after a list number); a real word is never swapped for another, so what is left is for the editor.
"""

import re
import unicodedata

from ..text import marked
from .layout import is_caps

DPI = 150  # 13-14 pt capitals come out about 20 px tall, the size the model reads best (measured in CONTRIBUTING)
LANGUAGE = "vie"


def tidy(text: str) -> str:
    """The page's text with the sure misreadings undone."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("ĐÐ|Ð", "Đ", text).replace("ð", "đ")  # Đ read as the Icelandic eth, sometimes twice
    text = re.sub(r"[^\W\d_]{2,}", _small_inside, text)
    text = re.sub(r"(?<![\w/])[^\W\d_]/[^\W\d_](?![\w/])", _small_after_slash, text)
    text = re.sub(r"([^\W\d_])\1", _one_marked, text)  # a syllable bears one tone mark: 'củủa' is 'của'
    text = re.sub(r"(?m)^(\s*(?:\d{1,2}|[IVX]{1,5})),(?= [^\W\d_])", r"\1.", text)  # list numbers end in '.'
    text = re.sub(r"(?<=[A-ZĐ0-9])- +(?=[A-ZĐ])", "-", text)  # '33/CT- TTg': numbers hold no space
    # Specks (a mark of the next line, dust) read as signs no typed text holds: a full stop between two words in
    # small letters (a sentence opens with a capital; 'v.v.' keeps its own), a comma stuck to the next word,
    # a quote, bar or brace standing alone.
    text = re.sub(r"(?<![.\w])([^\W\d_]{2,})\.(?= ([^\W\d_]))", _stop_before_small, text)
    text = re.sub(r"(?<= ),(?=[^\W\d_])", "", text)
    text = re.sub(r"(?<=\S) +['‘’`|‹›{}~^¦](?= )", "", text)
    return "\n".join(_capitals_in_prose(line) for line in text.split("\n"))


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


def _small(word: str) -> bool:
    # Holds a small letter.
    return any(c.islower() for c in word)
