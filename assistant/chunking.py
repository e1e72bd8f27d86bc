"""Split a cleaned document into passages that follow its structure.

Headings are found from the text alone:
- structural: Markdown ``#`` lines, numbered sections ("3.1.8 Lack of rural transport", the
  numbers must run in order, so "45.2 The average score" in a statistics page is not one),
  and labels such as "Our Priority 2" (joined with the title line after them);
- minor: a short title-like line ("Transport", "A PROUD PLACE", "Suggested outcomes we want
  by 2030") directly above body text.
Each chunk keeps its section path ("6 Priority 2: Prosperous Place > 6.2 Priority Goals >
Transport") with that section's kind, role and priority (``structure``), never crosses a heading, keeps a list with its lead-in, and stays under
``chunk_words`` so the embedding model reads all of it.

>>> from assistant.documents import Document
>>> doc = Document("d", "d.txt", "D", "1 Travel\\n\\n1.1 Goals\\n\\nTransport\\n\\nBuses reach every village.", "x")
>>> [(c.section, c.text) for c in chunk(doc)]
[('1 Travel > 1.1 Goals > Transport', 'Buses reach every village.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.cleaning import BULLET, PAGE_BREAK
from assistant.documents import Document
from assistant.structure import PART_KINDS, Classifier

VERSION = 6  # bump when a change here changes chunks: indexed documents are then re-indexed
MINOR = 9  # level of an unnumbered title line: below every numbered level
SEPARATOR = " > "

_MARKDOWN = re.compile(r"^(#{1,6})\s+(.+)$")
_NUMBERED = re.compile(r"^([1-9]\d?(?:\.\d{1,2}){0,3})\.?\s+([A-Z].*)$")
_LABEL = re.compile(r"^(?:Our\s+)?(?:Priority|Part|Chapter|Section|Theme)\s+[0-9IVX]+:?$", re.I)
_LABELLED_TITLE = re.compile(r"^((?:Our\s+)?(?:Priority|Part|Chapter|Section|Theme)\s+[0-9IVX]+):?\s+([A-Z].*)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(£])")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to", "we"}


@dataclass
class Chunk:
    id: str
    doc_id: str
    title: str
    section: str
    page: str | None  # as printed: "3", or "iv" where the PDF labels its pages
    start: int
    end: int
    text: str
    kind: str = "other"  # what the section is (see structure.KINDS)
    role: str = "part"  # item, container, detail or part
    priority: str = ""  # the priority the section belongs to, if any

    @property
    def heading(self) -> str:
        return last_heading(self.section)

    def embedding_text(self) -> str:
        """What the model embeds: where the passage sits, then the passage."""
        return f"{self.title}. {self.section}.\n{self.text}"


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences and list items (bullet marks removed).

    >>> split_sentences("Buses run. Trains too.\\n- More trains")
    ['Buses run.', 'Trains too.', 'More trains']
    """
    return list(_sentences(text))


@lru_cache(maxsize=20_000)
def _sentences(text: str) -> tuple[str, ...]:
    """``split_sentences``, remembered: every answer reads the same passages' sentences several times."""
    parts = (s.strip() for s in re.split(f"{_SENTENCE_END.pattern}|\n", text))
    return tuple(p[len(BULLET):] if p.startswith(BULLET) else p for p in parts if p)


# A footnote or source line ("¹ Source: ONS <link>") states nothing: never quoted as an answer.
_NOTE = re.compile(r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\]|\d+\s)?\s*(?:sources?|notes?)\s*:", re.I)


def is_note(sentence: str) -> bool:
    """Is a sentence a footnote or a source line?

    >>> is_note("¹ Source: ONS ."), is_note("Sources: Census 2021"), is_note("Open spaces are a source: of pride.")
    (True, True, False)
    """
    return bool(_NOTE.match(sentence))


def quotable(sentence: str) -> bool:
    """Can a sentence be quoted as an answer? Not a lead-in to a list ("Our outcomes by 2030:"), nor a note."""
    return not sentence.endswith(":") and not is_note(sentence)


def last_heading(section: str) -> str:
    """The innermost heading of a section path."""
    return section.rsplit(SEPARATOR, 1)[-1]


@dataclass
class _Block:
    text: str
    start: int
    end: int
    level: int | None = None  # set for headings
    title: str = ""


@dataclass
class _Heading:
    level: int
    title: str
    kind: str
    role: str


def chunk(doc: Document, chunk_words: int = 150, min_chunk_words: int = 40, max_heading_words: int = 12) -> list[Chunk]:
    blocks = _find_headings(_blocks(doc.text), max_heading_words)
    classifier = Classifier(doc.section_kinds)
    chunks: list[Chunk] = []
    path: list[_Heading] = []
    body: list[_Block] = []

    def flush():
        section = SEPARATOR.join(h.title for h in path)
        if not section and _words(body) < min_chunk_words // 2:
            body.clear()  # a title block before the first heading: the document's metadata has it
            return
        kind, role = (path[-1].kind, path[-1].role) if path else ("other", "part")
        priority = next((h.title for h in reversed(path) if h.kind == "priority" and h.role == "item"), "")
        for group in _pack(body, chunk_words, min_chunk_words):
            start, end = group[0].start, group[-1].end
            text = "\n".join(b.text for b in group).replace(PAGE_BREAK, " ")
            chunks.append(Chunk(f"{doc.doc_id}:{start}-{end}", doc.doc_id, doc.title, section, doc.page_at(start),
                                start, end, text, kind, role, priority))
        body.clear()

    for block in blocks:
        if block.level is None:
            body.append(block)
            continue
        flush()
        path = _descend(path, block, classifier)
    flush()
    return chunks


def _descend(path: list[_Heading], block: _Block, classifier: Classifier) -> list[_Heading]:
    """The section path after ``block``'s heading. A minor heading that opens a part of its own
    (a roadmap, an "About ..." statistics page) is not nested in the part before it."""
    path = [h for h in path if h.level < block.level]
    kind, role = classifier.classify(block.title, (path[-1].kind, path[-1].role) if path else None)
    level = block.level
    if path and level >= MINOR - 1 and kind in PART_KINDS and role == "container" and kind != path[-1].kind:
        path, level = [], 1
    return path + [_Heading(level, block.title, kind, role)]


def _blocks(text: str) -> list[_Block]:
    """Paragraphs with their offsets; a list item is its own block. A sentence that runs on over a
    page break (cleaning mends it as "… \\fcontinues") stays one paragraph."""
    blocks = []
    for m in re.finditer(r"(?:[^\n\f]|(?<= )\f)+(?:\n(?:[^\n\f]|(?<= )\f)+)*", text):
        offset = m.start()
        for line in _split_items(m.group()):
            blocks.append(_Block(line, offset, offset + len(line)))
            offset += len(line) + 1
    return blocks


def _split_items(paragraph: str) -> list[str]:
    lines = paragraph.split("\n")
    if any(line.startswith(BULLET) for line in lines):
        return lines
    return [paragraph]


def _find_headings(blocks: list[_Block], max_words: int) -> list[_Block]:
    out: list[_Block] = []
    last_number = 0
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        text, nxt = block.text, blocks[i + 1].text if i + 1 < len(blocks) else ""
        after_next = blocks[i + 2].text if i + 2 < len(blocks) else ""
        one_line = "\n" not in text
        md = _MARKDOWN.match(text)
        numbered = _NUMBERED.match(text) if one_line and len(text.split()) <= 2 * max_words else None
        if md:
            block.level, block.title = len(md.group(1)), _tidy(md.group(2))
        elif numbered and _in_sequence(numbered.group(1), last_number) and not _ends_sentence(text):
            last_number = int(numbered.group(1).split(".")[0])
            block.level, block.title = numbered.group(1).count(".") + 1, _tidy(text)
        elif one_line and _LABEL.match(text) and _is_title(nxt, max_words):
            block.level, block.title = 1, f"{_tidy(text).rstrip(':')}: {_tidy(nxt)}"
            block.end = blocks[i + 1].end
            skip = True
        elif _is_title(text, max_words) and _is_body(nxt, max_words):
            block.level, block.title = MINOR, _tidy(text)
        elif _is_title(text, max_words) and _is_title(nxt, max_words) and _is_body(after_next, max_words):
            block.level, block.title = MINOR - 1, _tidy(text)  # a title over a subheading is its parent
        out.append(block)
    return out


def _ends_sentence(text: str) -> bool:
    return text.endswith(".") and not text.endswith("...")


def _in_sequence(number: str, last_top: int) -> bool:
    """Section numbers climb by at most one at the top level: 1, 2, 2.1, 3 ..."""
    return int(number.split(".")[0]) <= last_top + 1


def _is_title(text: str, max_words: int) -> bool:
    return (
        bool(text) and "\n" not in text and len(text.split()) <= max_words
        and text[0].isalpha() and text[0].isupper() and not text.startswith(BULLET)
        and (not re.search(r"[.,;!]$", text) or text.endswith("..."))
    )


def _is_body(text: str, max_words: int) -> bool:
    if not text or _MARKDOWN.match(text) or _LABEL.match(text):
        return False
    return text.startswith(BULLET) or not (_is_title(text, max_words) or _NUMBERED.match(text))


def _tidy(title: str) -> str:
    """Title-case an ALL-CAPS heading, and put a colon after a label ("Priority 2 Homes");
    leave others as written.

    >>> _tidy("5 PRIORITY 1: PROUD PLACE"), _tidy("Our Priority 2 Accessible and Connected")
    ('5 Priority 1: Proud Place', 'Our Priority 2: Accessible and Connected')
    """
    title = title.strip().rstrip(":").strip()
    labelled = _LABELLED_TITLE.match(title)
    if labelled:
        title = f"{labelled.group(1)}: {labelled.group(2)}"
    if not title.isupper():
        return title
    words = title.lower().split()
    out = []
    for i, word in enumerate(words):
        after_number = i == 0 or words[i - 1][:1].isdigit() or words[i - 1].endswith(":")
        out.append(word if word in _SMALL_WORDS and not after_number else word[:1].upper() + word[1:])
    return " ".join(out)


def _pack(blocks: list[_Block], chunk_words: int, min_words: int) -> list[list[_Block]]:
    """Group consecutive blocks into chunks of at most ``chunk_words`` words; a list stays with
    the paragraph that leads into it unless together they are longer than a chunk."""
    units = [u for unit in _units(blocks) for u in _fit(unit, chunk_words)]
    groups: list[list[_Block]] = []
    size = 0
    for unit in units:
        words = _words(unit)
        if groups and size + words <= chunk_words:
            groups[-1] += unit
            size += words
        else:
            groups.append(list(unit))
            size = words
    if len(groups) > 1 and _words(groups[-1]) < min_words and _words(groups[-2] + groups[-1]) <= chunk_words * 1.1:
        tail = groups.pop()
        groups[-1] += tail
    return groups


def _units(blocks: list[_Block]) -> list[list[_Block]]:
    """A paragraph with the list items right after it is one unit; other blocks are their own."""
    units: list[list[_Block]] = []
    for block in blocks:
        if block.text.startswith(BULLET) and units:
            units[-1].append(block)
        else:
            units.append([block])
    return units


def _fit(unit: list[_Block], chunk_words: int) -> list[list[_Block]]:
    """Split a unit longer than a chunk between its blocks (and a long block between sentences)."""
    pieces = [p for b in unit for p in _split_long(b, chunk_words)]
    out: list[list[_Block]] = [[]]
    for piece in pieces:
        if out[-1] and _words(out[-1]) + _words([piece]) > chunk_words:
            out.append([])
        out[-1].append(piece)
    return out


def _words(blocks: list[_Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _split_long(block: _Block, chunk_words: int) -> list[_Block]:
    """Split a paragraph longer than a chunk at sentence ends."""
    if len(block.text.split()) <= chunk_words:
        return [block]
    pieces, start = [], 0
    bounds = [m.start() for m in _SENTENCE_END.finditer(block.text)] + [len(block.text)]
    current_end = 0
    for bound in bounds:
        if len(block.text[start:bound].split()) > chunk_words and current_end > start:
            pieces.append(_Block(block.text[start:current_end].strip(), block.start + start, block.start + current_end))
            start = current_end + 1
        current_end = bound
    pieces.append(_Block(block.text[start:].strip(), block.start + start, block.end))
    return pieces
