"""A document's own header, read back from its body with the importer's parser: the witness that the front
matter is held to (number, date, type, issuer, signer)."""

from .header import Header, read_header
from .layout import Block, is_caps, parts
from .matching import UnitIndex

HEAD, TAIL = 12, 8  # paragraphs read: enough for the header above the text and the signature below it


def read(paragraphs: list[list[str]], index: UnitIndex) -> Header:
    """The header of a body given as paragraphs of shown lines; the place is looked for above the text."""
    head, tail = (paragraphs, []) if len(paragraphs) <= HEAD + TAIL else (paragraphs[:HEAD], paragraphs[-TAIL:])
    blocks = [_block(lines) for lines in head + tail]
    return read_header(parts(blocks), index, "\n".join(b.text for b in blocks[:len(head)] if b.caps or len(b.text) < 200))


# A paragraph of the body as the importer's layout would have made it: capitals kept line by line.
def _block(lines: list[str]) -> Block:
    caps = is_caps(lines[0])
    return Block("\n".join(lines) if caps else " ".join(lines), caps, lines)
