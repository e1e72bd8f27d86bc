"""PDF by its layout: what a reader of the printed page sees, in the order they read it.

pdfplumber gives every word with its position, font and size. From those:

1. **Noise goes.** Rotated text (a "DRAFT" watermark) is dropped. Lines in the top or bottom
   margin that repeat on many pages once digits are ignored (running headers, "Page 3 of 13")
   and bare page numbers are dropped.
2. **Tables** (ruled, found by pdfplumber) become tab-separated rows at their place on the page,
   and their words never reach the running text.
3. **Reading order.** A run of lines split by a gutter down the middle of the page, with text
   on both sides, is a two-column region: the left column is read before the right one.
4. **Headings** come from the fonts: a short line clearly larger than the body text, or bold
   where the body is not. Each distinct heading size is a level (larger is higher), written as
   a Markdown ``#`` heading. Text that only the first page uses, larger than any heading, is the
   cover title: it becomes the title when the properties have none, and leaves the text.
5. **Paragraphs** are rebuilt from lines: a line continues the one before it unless a wider gap,
   a bullet or a heading starts a new one. A word hyphenated across a line break is rejoined
   ("infra-" + "structure"), unless the document writes it with a hyphen elsewhere.

The title, author and date come from the document properties, and page labels ("iv", "12")
from the page-label tree when the PDF has one. Pages are read one at a time and released, so
memory stays bounded for long files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from assistant.cleaning import PAGE_BREAK
from assistant.readers.base import Extracted, LoadError, iso_date

MARGIN = 0.1  # top and bottom share of a page where running headers and footers live
HEADING_SCALE = 1.12  # a line this much larger than the body text may be a heading
GUTTER = 1.5  # a horizontal gap wider than this many font sizes splits a line (columns, tab stops)
MAX_HEADING_WORDS = 24
PULL_QUOTE_WORDS = 10  # a "heading" longer than this that ends like a sentence is a pull quote
SHORT_LINE = 0.6  # a body line that ends before this share of its column's width ends its paragraph
_PAGE_NUMBER = re.compile(r"^(page\s+)?([0-9]+|[ivxlc]+)(\s*(of|/)\s*[0-9]+)?$", re.I)
_BULLET = re.compile(r"^[•▪●◦■–-]\s")
_SECTION_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s")
_HYPHEN_JOIN = "\u00ad"  # marks a line-end hyphen until the whole text shows whether to keep it


@dataclass
class Line:
    """One line of text (or one table, ``rows`` set) on a page; positions in points from the top."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    page: int = 0
    page_height: float = 842.0
    rows: list[list[str]] | None = None
    column: tuple[float, float] = (0.0, 0.0)  # left and right edges of the text column the line is in

    @property
    def words(self) -> int:
        return len(self.text.split())


def read_pdf(path: Path, data: bytes, progress: bool = False, **_) -> Extracted:
    properties, labels = _properties_and_labels(path)
    pages = _read_pages(path, progress)
    if not any(pages):
        raise LoadError(path, "no text layer: the PDF is scanned images. Run OCR on it first "
                              "(for example `ocrmypdf in.pdf out.pdf`) and ingest the result")
    _refuse_garbage(path, " ".join(ln.text for page in pages for ln in page))
    pages = _drop_running_lines(pages)
    layout = _Layout.of(pages)
    text = PAGE_BREAK.join(layout.page_text(lines) for lines in pages)
    if not properties.get("title") and layout.cover_title:
        properties["title"] = layout.cover_title
    return Extracted(_resolve_hyphens(text), properties, labels)


def garbage_reason(text: str) -> str:
    """Why extracted text is font garbage (glyph codes without a Unicode map), or "" if it reads.

    Real prose, in any Latin-script language, is mostly letters, and about a third of them vowels;
    unmapped glyphs come out as "(cid:12)" tokens, private-use or control characters, or letters
    in an order no language uses.

    >>> garbage_reason("Buses will reach every village by 2030, and trains will run hourly.")
    ''
    >>> garbage_reason("(cid:3)(cid:17)(cid:4) " * 20)
    'its fonts have no Unicode map (unreadable glyph codes)'
    """
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) < 40:
        return ""
    cids = len(re.findall(r"\(cid:\d+\)", text))
    odd = sum(1 for ch in visible if ord(ch) < 32 or 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
    latin = [ch.lower() for ch in visible if "a" <= ch.lower() <= "z"]
    vowels = sum(ch in "aeiouy" for ch in latin) / max(1, len(latin))
    letters = sum(ch.isalpha() for ch in visible) / len(visible)
    if cids * 5 > len(text.split()) or odd > 0.05 * len(visible):
        return "its fonts have no Unicode map (unreadable glyph codes)"
    if letters < 0.5 or (len(latin) > 0.5 * len(visible) and not 0.2 <= vowels <= 0.6):
        return "its text does not read as language (fonts without a Unicode map?)"
    return ""


def _refuse_garbage(path: Path, text: str) -> None:
    reason = garbage_reason(text)
    if reason:
        raise LoadError(path, f"{reason}; nothing was indexed. Export the PDF again with embedded "
                              "Unicode fonts, or run OCR on it")


def _properties_and_labels(path: Path) -> tuple[dict, list[str] | None]:
    """Validate with pypdf (encryption, damage) and read the properties and page labels."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(path, "the PDF is encrypted with a password")
        meta = reader.metadata or {}
        labels = list(reader.page_labels)
    except LoadError:
        raise
    except Exception as e:  # pypdf raises many kinds on damaged files; none may stop a batch
        if "crypt" in str(e).lower():
            raise LoadError(path, "the PDF is encrypted and cannot be read") from None
        raise LoadError(path, f"not a readable PDF ({type(e).__name__}: {e})") from None
    properties = {"title": str(meta.get("/Title") or "").strip(), "author": str(meta.get("/Author") or "").strip(),
                  "date": iso_date(meta.get("/CreationDate"))}
    numbered = labels == [str(i + 1) for i in range(len(labels))]
    return properties, None if numbered else labels


def _read_pages(path: Path, progress: bool) -> list[list[Line]]:
    import pdfplumber

    pages = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(tqdm(pdf.pages, desc=f"read {path.name}", unit="page",
                                               disable=not progress, leave=False)):
                pages.append(_page_lines(page, number))
                page.close()  # release the page's parsed objects: memory stays flat on long files
    except LoadError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files
        raise LoadError(path, f"not a readable PDF ({type(e).__name__}: {e})") from None
    return pages


def _page_lines(page, number: int) -> list[Line]:
    """The page's lines and tables, split at gutters, in reading order."""
    page = page.filter(lambda o: o.get("object_type") != "char" or not _rotated(o))
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    text_only = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes))
    words = text_only.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False)
    lines = [line for row in _rows(words) for line in _segments(row, number)]
    for table, (x0, top, x1, bottom) in zip(tables, boxes):
        rows = [[" ".join((cell or "").split()) or "–" for cell in row] for row in table.extract()]
        if rows:
            lines.append(Line("\n".join("\t".join(r) for r in rows), x0, x1, top, bottom, page=number, rows=rows))
    for line in lines:
        line.page_height = float(page.height)
    return _reading_order(lines, page.width)


def _rotated(char) -> bool:
    """Set at an angle (a watermark), whatever pdfminer's ``upright`` says."""
    a, b, c, d, *_ = char.get("matrix") or (1, 0, 0, 1)
    return abs(b) > 0.01 or abs(c) > 0.01 or not char.get("upright", True)


def _inside(obj, boxes) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words that share a baseline, left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(word["bottom"] - rows[-1][0]["bottom"]) <= max(2.0, 0.3 * word["size"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _segments(row: list[dict], page: int) -> list[Line]:
    """Split a row where a gap is wider than a gutter: two columns, or a label and its tab stop."""
    groups: list[list[dict]] = [[row[0]]]
    for word in row[1:]:
        if word["x0"] - groups[-1][-1]["x1"] > GUTTER * word["size"]:
            groups.append([])
        groups[-1].append(word)
    lines = []
    for group in groups:
        sizes = Counter()
        for w in group:
            sizes[round(w["size"] * 2) / 2] += len(w["text"])
        bold = all(_is_bold(w["fontname"]) for w in group)
        lines.append(Line(" ".join(w["text"] for w in group), group[0]["x0"], group[-1]["x1"],
                          min(w["top"] for w in group), max(w["bottom"] for w in group),
                          sizes.most_common(1)[0][0], bold, page))
    return lines


def _is_bold(font: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|,b$", font, re.I))


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    """Top to bottom; inside a two-column region, the whole left column first."""
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    middle = width / 2
    out: list[Line] = []
    region: list[Line] = []

    def close_region():
        left = [ln for ln in region if ln.x1 <= middle]
        right = [ln for ln in region if ln.x0 >= middle]
        columns = left and right and _is_text_column(left, width) and _is_text_column(right, width)
        if columns:
            _set_column(left)
            _set_column(right)
        out.extend(left + right if columns else sorted(region, key=lambda ln: (ln.top, ln.x0)))
        region.clear()

    for line in lines:
        if line.rows is None and (line.x1 <= middle or line.x0 >= middle):
            region.append(line)
        else:
            close_region()
            out.append(line)
    close_region()
    out = _tab_joined(out)
    _set_column([ln for ln in out if ln.column == (0.0, 0.0)])
    return out


def _tab_joined(lines: list[Line]) -> list[Line]:
    """Pieces of one row outside a two-column region are one line with a tab between them
    ("1 Parks<TAB>2" in a contents list), as a text file would have them."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        same_row = last is not None and abs(line.bottom - last.bottom) <= 2 and line.x0 > last.x1
        if same_row and line.rows is None and last.rows is None and last.column == line.column == (0.0, 0.0):
            last.text, last.x1 = f"{last.text}\t{line.text}", line.x1
        else:
            out.append(line)
    return out


def _set_column(lines: list[Line]) -> None:
    edges = (min((ln.x0 for ln in lines), default=0.0), max((ln.x1 for ln in lines), default=0.0))
    for line in lines:
        line.column = edges


def _is_text_column(lines: list[Line], width: float) -> bool:
    """Running text, not a column of page numbers or labels: most lines are wide."""
    return sum(ln.x1 - ln.x0 > 0.25 * width for ln in lines) >= max(2, len(lines) // 2)


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop margin lines that repeat on many pages (digits ignored) and bare page numbers."""
    def in_margin(line: Line) -> bool:
        return line.rows is None and (line.top < MARGIN * line.page_height
                                      or line.bottom > (1 - MARGIN) * line.page_height)

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower()).strip()

    seen = Counter(k for page in pages for k in {key(ln) for ln in page if in_margin(ln)})
    repeated = {k for k, n in seen.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    return [[ln for ln in page if not (in_margin(ln) and (key(ln) in repeated or _PAGE_NUMBER.match(ln.text.strip())))]
            for page in pages]


@dataclass
class _Layout:
    """The document's typography: body size, heading levels by size, the cover title."""

    body_size: float
    body_bold: bool
    levels: dict[tuple[float, bool], int]
    cover_sizes: set[float]
    line_gap: float
    cover_title: str = ""

    @classmethod
    def of(cls, pages: list[list[Line]]) -> "_Layout":
        lines = [ln for page in pages for ln in page if ln.rows is None]
        weight = Counter()
        for ln in lines:
            weight[(ln.size, ln.bold)] += len(ln.text)
        (body_size, body_bold), _ = weight.most_common(1)[0]
        later = {ln.size for ln in lines if ln.page > 0}
        heading_keys = {(ln.size, ln.bold) for ln in lines if _looks_like_heading(ln, body_size, body_bold)}
        later_headings = [ln.size for ln in lines if ln.page > 0 and _looks_like_heading(ln, body_size, body_bold)]
        cover = {ln.size for ln in lines if ln.page == 0 and ln.size not in later
                 and later_headings and ln.size > max(later_headings)}
        ranked = sorted((k for k in heading_keys if k[0] not in cover), key=lambda k: (-k[0], not k[1]))
        gaps = Counter(round(b.top - a.bottom) for a, b in zip(lines, lines[1:])
                       if a.page == b.page and (a.size, a.bold) == (b.size, b.bold) == (body_size, body_bold)
                       and 0 <= b.top - a.bottom < 2 * body_size)
        layout = cls(body_size, body_bold, {k: min(i + 1, 6) for i, k in enumerate(ranked)}, cover,
                     gaps.most_common(1)[0][0] if gaps else body_size * 0.4)
        layout.cover_title = " ".join(ln.text for ln in lines if ln.page == 0 and ln.size in cover)
        return layout

    def level(self, line: Line) -> int | None:
        if line.rows is not None:
            return None
        if not _looks_like_heading(line, self.body_size, self.body_bold):
            return None
        return self.levels.get((line.size, line.bold))

    def page_text(self, lines: list[Line]) -> str:
        """The page as paragraphs: ``#`` headings, body paragraphs, table rows."""
        blocks: list[str] = []
        previous: Line | None = None
        previous_level: int | None = None
        for line in lines:
            if line.page == 0 and line.size in self.cover_sizes:
                continue  # the cover title: kept in the properties, not in the text
            level = self.level(line)
            if previous_level and line.rows is None and (line.size, line.bold) == (previous.size, previous.bold):
                level = previous_level  # a heading's wrapped line need not look like a heading's start
            if line.rows is not None:
                blocks.append(line.text)
            elif previous is not None and self._continues(previous, previous_level, line, level, blocks[-1]):
                blocks[-1] = _join(blocks[-1], line.text)
            else:
                blocks.append(("#" * level + " " + line.text) if level else line.text)
            previous, previous_level = (None, None) if line.rows is not None else (line, level)
        return "\n\n".join(_demote_quotes(blocks))

    def _continues(self, previous: Line, previous_level, line: Line, level, block: str) -> bool:
        """Does ``line`` carry on the paragraph (or heading) that ``previous`` ended?"""
        if level != previous_level or (line.size, line.bold) != (previous.size, previous.bold):
            return False
        if _BULLET.match(line.text) or (level and _SECTION_NUMBER.match(line.text)):
            return False
        if level and len(block.split()) + line.words > MAX_HEADING_WORDS:
            return False
        left, right = previous.column
        if not level and previous.x1 < left + SHORT_LINE * (right - left):
            return False
        if line.top < previous.top:  # the reading order jumped up: the next column
            return not re.search(r"[.!?:]$", previous.text)
        return line.top - previous.bottom <= self.line_gap + 0.35 * line.size


def _looks_like_heading(line: Line, body_size: float, body_bold: bool) -> bool:
    """Short, starts like a title, and set larger than the body or bold where the body is not."""
    if line.rows is not None or line.words > MAX_HEADING_WORDS:
        return False
    starts_like_title = line.text[:1].isalpha() or bool(re.match(r"\d+(\.\d+)*\.?\s+[A-Za-z]", line.text))
    emphasised = line.size >= body_size * HEADING_SCALE or (line.bold and not body_bold and line.size >= body_size)
    return starts_like_title and emphasised and not _BULLET.match(line.text)


def _demote_quotes(blocks: list[str]) -> list[str]:
    """A large-type block that reads as a sentence (a pull quote) is body text, not a heading.

    >>> _demote_quotes(["# 2 What is a Vision?", "## We want every child to grow up safe, happy and healthy in a place they love."])
    ['# 2 What is a Vision?', 'We want every child to grow up safe, happy and healthy in a place they love.']
    """
    out = []
    for block in blocks:
        title = block.lstrip("#").strip()
        quote = block.startswith("#") and len(title.split()) > PULL_QUOTE_WORDS and title.endswith((".", "!", "”", '"'))
        out.append(title if quote else block)
    return out


def _join(paragraph: str, line: str) -> str:
    """Append a wrapped line; a hyphen at the break is marked for ``_resolve_hyphens``."""
    if re.search(r"[A-Za-z]-$", paragraph) and line[:1].islower():
        return paragraph[:-1] + _HYPHEN_JOIN + line
    return f"{paragraph} {line}"


def _resolve_hyphens(text: str) -> str:
    """Rejoin words hyphenated at a line break: "infra-structure" -> "infrastructure", but a
    word the document also writes with a hyphen elsewhere ("well-being") keeps it.

    >>> _resolve_hyphens("Our infra\\u00adstructure and well\\u00adbeing; well-being matters.")
    'Our infrastructure and well-being; well-being matters.'
    """
    if _HYPHEN_JOIN not in text:
        return text
    hyphenated = {w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", text)}

    def mend(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        return f"{left}-{right}" if f"{left}-{right}".lower() in hyphenated else left + right

    return re.sub(rf"([A-Za-z]+){_HYPHEN_JOIN}([A-Za-z]+)", mend, text)
