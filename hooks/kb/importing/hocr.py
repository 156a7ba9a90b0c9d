"""Tesseract's reading of a page as hOCR: its words where image_to_data puts them, and for each word the other
letters the model weighed at each place (lstm_choice_mode=2), for the lexicon to choose among."""

import itertools
import re
import xml.etree.ElementTree as ElementTree

CONFIG = "-c lstm_choice_mode=2"  # every letter the model weighed at each place, with its confidence
_NS = "{http://www.w3.org/1999/xhtml}"
_BOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_WORD_CONF = re.compile(r"x_wconf (\d+)")
_CONF = re.compile(r"x_confs ([\d.]+)")
MAX_DOUBTS = 3  # a word with more places in doubt than this is left as read: its other spellings are too many


def words(data: bytes) -> dict:
    """The page's words as pytesseract.image_to_data gives them (text, place, confidence, block, paragraph,
    line), and under 'others' each word's other spellings, letter for letter where the model was in doubt."""
    out = {k: [] for k in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num", "others")}
    blocks = (e for e in ElementTree.fromstring(data).iter(_NS + "div") if e.get("class") == "ocr_carea")
    for b, block in enumerate(blocks, 1):
        for p, paragraph in enumerate(block.iter(_NS + "p"), 1):
            for n, line in enumerate((e for e in paragraph if e.tag == _NS + "span"), 1):
                for word in (e for e in line if e.get("class") == "ocrx_word"):
                    text = (word.text or "").strip()
                    left, top, right, bottom = map(int, _BOX.search(word.get("title")).groups())
                    values = (text, left, top, right - left, bottom - top, int(_WORD_CONF.search(word.get("title"))[1]),
                              b, p, n, _spellings(text, [_weighed(place) for place in word]))
                    for key, value in zip(out, values):
                        out[key].append(value)
    return out


# The letters weighed at one place of a word, surest first, those the model gave some confidence.
def _weighed(place) -> list[str]:
    letters = [(float(_CONF.search(c.get("title"))[1]), c.text or "") for c in place]
    return [text for conf, text in letters if conf > 0] or [letters[0][1]]


# The word's other spellings: at each place in doubt, a letter for a letter (a sign for a sign).
def _spellings(text: str, places: list[list[str]]) -> list[str]:
    if "".join(p[0] for p in places).strip() != text:
        return []  # the model's surest letters do not spell the word it gave: nothing to align
    options = [[c for c in p if c.strip() and c.isalpha() == p[0].isalpha()] or p[:1] for p in places]
    if sum(len(o) > 1 for o in options) > MAX_DOUBTS:
        return []
    return ["".join(letters).strip() for letters in itertools.product(*options)][1:]
