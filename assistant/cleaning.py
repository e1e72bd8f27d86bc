"""Turn extracted document text into clean prose that a user can read in a citation.

Extraction from PDF or Word leaves debris: "DRAFT" banners, running headers repeated on every
page, a contents list with dot leaders, HTML table cells, bullet characters, figures split from
their labels and sentences broken by a page break. ``clean`` removes or mends each of them with
one small, line-based rule and leaves everything else alone. Page breaks (form feeds) are kept,
so page numbers survive cleaning.

>>> clean("DRAFT\\n\\nContents\\nIntroduction.....\\t3\\n\\n1 Introduction\\n\\nWe are **bold**.")
'1 Introduction\\n\\nWe are bold.'
>>> clean("£282,744\\n\\nAverage house price")
'£282,744 Average house price'
>>> clean("effective with the\\n\\n¹ Source: ONS\\n\\nresources we have.")
'effective with the resources we have.\\n\\n¹ Source: ONS'
"""

from __future__ import annotations

import html
import re
from collections import Counter

PAGE_BREAK = "\f"
BULLET = "- "

_TAG = re.compile(r"<[^>]+>")
_BULLET_CHARS = re.compile(r"\s*[•▪●◦]\s*")
_DOT_LEADER = re.compile(r"(\.{4,}|…{2,})\s*\d+\s*$")  # a contents line: leader dots, then a page number
_TOC_ENTRY = re.compile(r"^.{1,100}?(\.{3,}\s*|\t+)\d{1,3}\s*$")
_CONTENTS = re.compile(r"^(table of )?contents$", re.I)
_FIGURE = re.compile(r"^[£$€]?\d[\d,.]*\s*(%|m|k|bn|billion|million)?(\s*[-–]\s*[£$€]?\d[\d,.]*)?$", re.I)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]…]$")


def clean(text: str, banner_lines: list[str] | tuple[str, ...] = ("DRAFT",)) -> str:
    """Return ``text`` as clean paragraphs separated by blank lines (form feeds kept)."""
    text = _normalise_characters(text)
    lines = text.split("\n")
    lines = _drop_contents(lines)
    lines = _drop_banners(lines, banner_lines)
    lines = _tables_to_text(lines)
    lines = [_clean_line(line) for line in lines]
    paragraphs = _paragraphs(lines)
    paragraphs = _join_figures(paragraphs)
    paragraphs = _mend_broken_sentences(paragraphs)
    return "\n\n".join(paragraphs).replace("\n\n" + PAGE_BREAK + "\n\n", PAGE_BREAK).strip("\n ")


def _normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    # A page break is its own paragraph so that rules see whole pages.
    return text.replace(PAGE_BREAK, "\n\n" + PAGE_BREAK + "\n\n")


def _drop_contents(lines: list[str]) -> list[str]:
    """Remove a contents list: its heading and the entries after it, and any dot-leader line."""
    kept, in_contents = [], False
    for line in lines:
        stripped = line.strip()
        if _CONTENTS.match(stripped):
            in_contents = True
            continue
        if in_contents and (not stripped or _TOC_ENTRY.match(stripped)):
            continue
        in_contents = False
        if _DOT_LEADER.search(stripped) and len(stripped) < 120:
            continue
        kept.append(line)
    return kept


def _drop_banners(lines: list[str], banner_lines) -> list[str]:
    """Remove banner words and running headers (short all-caps lines seen three times or more)."""
    banners = {b.strip().upper() for b in banner_lines}
    counts = Counter(line.strip() for line in lines)
    running = {
        line for line, n in counts.items()
        if n >= 3 and line.isupper() and len(line.split()) <= 5
    }
    return [line for line in lines if line.strip().upper() not in banners and line.strip() not in running]


def _tables_to_text(lines: list[str]) -> list[str]:
    """Rewrite tab-separated tables as text.

    A header row followed by one row is a layout table: each column becomes a paragraph
    "TITLE: text" followed by the column's bullets as list items. A header row with several rows is a data table: each row becomes one line,
    ``"Age 0-15: England 5.0%; North Northamptonshire 10.9%"``.
    """
    out, i = [], 0
    while i < len(lines):
        header = _cells(lines[i])
        rows = []
        j = i + 1
        while header and j < len(lines) and len(_cells(lines[j])) == len(header):
            rows.append(_cells(lines[j]))
            j += 1
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        if len(rows) == 1:
            for title, cell in zip(header, rows[0]):
                lead, *items = _cell_to_lines(cell)
                out += ["", f"{title}: {lead}", *items, ""]
        else:
            for row in rows:
                values = "; ".join(f"{h} {v}" for h, v in zip(header[1:], row[1:]))
                out += [f"{header[0]} {row[0]}: {values}.", ""]
        i = j
    return out


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("\t")]
    return cells if len(cells) >= 2 and all(cells) else []


def _cell_to_lines(cell: str) -> list[str]:
    """HTML or bullet-packed cell text -> its text, then one ``- item`` line per bullet."""
    cell = re.sub(r"</p>|<br\s*/?>|</li>", "\n", cell, flags=re.I)
    cell = html.unescape(_TAG.sub(" ", cell))
    text, items = [], []
    for part in cell.split("\n"):
        first, *bullets = [p.strip() for p in _BULLET_CHARS.split(part)]
        text += [first] if first else []
        items += [BULLET + b for b in bullets if b]
    return [" ".join(text), *items]


def _clean_line(line: str) -> str:
    if line == PAGE_BREAK:
        return line
    line = _TAG.sub(" ", line) if "<" in line and ">" in line else line
    line = html.unescape(line)
    line = _MD_LINK.sub(r"\1", _EMPHASIS.sub(r"\2", line))
    line = re.sub(r"^\s*[•▪●◦]\s*", BULLET, line)
    line = re.sub(r"^\s+-\s+", BULLET, line)  # nested bullets become plain items
    return re.sub(r"[ \t]+", " ", line).strip()


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return paragraphs


def _join_figures(paragraphs: list[str]) -> list[str]:
    """A paragraph that is only a figure ("£282,744") belongs to the label after it."""
    out: list[str] = []
    for p in paragraphs:
        if out and _FIGURE.match(out[-1]) and p != PAGE_BREAK:
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


def _mend_broken_sentences(paragraphs: list[str]) -> list[str]:
    """Join a sentence split by a page break, moving footnotes found in between after it."""
    out: list[str] = []
    held: list[str] = []  # footnotes and page breaks met inside a broken sentence
    for p in paragraphs:
        broken = out and not held and not _ENDS_SENTENCE.search(out[-1]) and not out[-1].startswith(BULLET)
        if (broken or held) and (p == PAGE_BREAK or _FOOTNOTE.match(p)):
            held.append(p)
            continue
        if (broken or held) and p[:1].islower():
            pages = PAGE_BREAK * held.count(PAGE_BREAK)
            out[-1] = f"{out[-1]} {pages}{p}"
            out += [h for h in held if h != PAGE_BREAK]
        else:
            out += held
            out.append(p)
        held = []
    return out + held
