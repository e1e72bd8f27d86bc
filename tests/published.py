"""The shipped documents as councils publish them: a laid-out PDF, a Word file, a saved web page.

Each version carries the same words and the same heading tree as the .txt document (read by the
product's own chunker), dressed the way real files are:
- PDF (fpdf2): a cover title, the title, author and date in the properties, a running header
  with the title and "DRAFT", a "Page N of M" footer, a rotated DRAFT watermark, bold headings
  larger than the body (a size per level), justified text with words hyphenated at line ends,
  one two-column page and the statistics as a ruled table;
- Word (python-docx): a Title paragraph, Heading styles, list bullets, a real table, a header
  and a footer;
- HTML: navigation, a cookie banner, <main> with h1-h5, lists and a table, an aside, a footer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from assistant.chunking import SEPARATOR, chunk
from assistant.cleaning import BULLET, clean
from assistant.documents import Document

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BODY_SIZE = 10
HEADING_SIZES = {1: 17, 2: 14.5, 3: 12.5, 4: 11.5}
RUNNING_HEADER = "{title} | DRAFT"


@dataclass
class Item:
    """One piece of the document in reading order: a heading (depth set), a paragraph, a list
    item, or a table (rows set)."""

    text: str
    depth: int = 0
    bullet: bool = False
    rows: list[list[str]] | None = None
    two_columns: bool = False


def items(doc: Document, raw_text: str) -> list[Item]:
    """The document as headings and paragraphs, read from its chunks' section paths; data tables
    in the raw file come back as tables where their cleaned lines stand."""
    out: list[Item] = []
    previous: list[str] = []
    for c in chunk(doc):
        path = c.section.split(SEPARATOR) if c.section else []
        common = 0
        while common < min(len(path), len(previous)) and path[common] == previous[common]:
            common += 1
        out += [Item(title, depth=i + 1) for i, title in enumerate(path) if i >= common]
        previous = path
        for line in c.text.split("\n"):
            bullet = line.startswith(BULLET)
            out.append(Item(line[len(BULLET):] if bullet else line, bullet=bullet))
    out = _restore_tables(out, raw_text)
    _mark_two_columns(out)
    return out


def _restore_tables(out: list[Item], raw_text: str) -> list[Item]:
    for rows in _raw_tables(raw_text):
        lines = clean("\n".join("\t".join(r) for r in rows)).split("\n\n")
        texts = [i.text for i in out]
        for start in range(len(texts) - len(lines) + 1):
            if texts[start:start + len(lines)] == lines:
                out[start:start + len(lines)] = [Item("", rows=rows)]
                break
    return out


def _raw_tables(raw_text: str) -> list[list[list[str]]]:
    """Tab-separated data tables (a header and two or more rows of plain cells)."""
    tables, current = [], []
    for line in raw_text.split("\n") + [""]:
        cells = line.split("\t")
        if len(cells) >= 3 and all(c.strip() and "<" not in c for c in cells):
            current.append([c.strip() for c in cells])
            continue
        if len(current) >= 3:
            tables.append(current)
        current = []
    return tables


def _mark_two_columns(out: list[Item]) -> None:
    """The first run of four or more plain paragraphs past the first third goes in two columns."""
    run: list[Item] = []
    for item in out[len(out) // 3:] + [Item("", depth=1)]:
        if item.depth or item.bullet or item.rows:
            if len(run) >= 4:
                for r in run[:8]:
                    r.two_columns = True
                return
            run = []
        else:
            run.append(item)


# --- PDF --------------------------------------------------------------------------------------
class _Pdf(FPDF):
    running_header = ""

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin, 8)
        self.cell(0, 5, self.running_header, align="C")
        self.set_font("DejaVu", "B", size=70)
        self.set_text_color(225, 225, 225)
        with self.rotation(45, self.w / 2, self.h / 2):
            self.text(self.w / 2 - 50, self.h / 2 + 10, "DRAFT")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def write_pdf(doc: Document, raw_text: str, path: Path, author: str = "", date: str = "2024-01-01") -> Path:
    pdf = _Pdf(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_margins(20, 22, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.running_header = RUNNING_HEADER.format(title=doc.title)
    pdf.set_title(doc.title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(__import__("datetime").datetime.fromisoformat(date + "T12:00:00+00:00"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 26)
    pdf.set_y(100)
    pdf.multi_cell(0, 12, doc.title, align="C")
    pdf.add_page()
    content = items(doc, raw_text)
    i = 0
    while i < len(content):
        item = content[i]
        if item.two_columns:
            run = []
            while i < len(content) and content[i].two_columns:
                run.append(content[i])
                i += 1
            _two_columns(pdf, run)
            continue
        if item.depth:
            size = HEADING_SIZES.get(item.depth, 11.5)
            if pdf.get_y() > pdf.h - 60:
                pdf.add_page()
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", size)
            pdf.multi_cell(0, size * 0.5, item.text)
            pdf.ln(2)
        elif item.rows:
            pdf.set_font("DejaVu", "", BODY_SIZE)
            with pdf.table(line_height=6) as table:
                for row in item.rows:
                    table.row(row)
            pdf.ln(3)
        else:
            _paragraph(pdf, item, pdf.l_margin, pdf.epw)
        i += 1
    pdf.output(str(path))
    return path


def _two_columns(pdf: _Pdf, run: list[Item]) -> None:
    pdf.add_page()
    gutter = 10
    width = (pdf.epw - gutter) / 2
    half = len(run) // 2
    top = pdf.get_y()
    for x, part in ((pdf.l_margin, run[:half]), (pdf.l_margin + width + gutter, run[half:])):
        pdf.set_y(top)
        for item in part:
            _paragraph(pdf, item, x, width)
    pdf.add_page()


def _paragraph(pdf: _Pdf, item: Item, x: float, width: float) -> None:
    """Justified lines drawn word by word; a long word at a line end is hyphenated."""
    pdf.set_font("DejaVu", "", BODY_SIZE)
    indent = 5 if item.bullet else 0
    if item.bullet:
        pdf.set_xy(x, pdf.get_y())
        pdf.cell(indent, 5, "•")
    lines = _lines(pdf, item.text.split(), width - indent)
    for n, words in enumerate(lines):
        if pdf.get_y() > pdf.h - 28:
            pdf.add_page()
        y = pdf.get_y()
        used = sum(pdf.get_string_width(w) for w in words)
        last = n == len(lines) - 1
        gap = pdf.get_string_width(" ") if last or len(words) == 1 else (width - indent - used) / (len(words) - 1)
        cursor = x + indent
        for w in words:
            pdf.set_xy(cursor, y)
            pdf.cell(pdf.get_string_width(w), 5, w)
            cursor += pdf.get_string_width(w) + gap
        pdf.set_xy(x, y + 5)
    pdf.ln(3)


def _lines(pdf: _Pdf, words: list[str], width: float) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    space = pdf.get_string_width(" ")
    words = list(words)
    while words:
        word = words.pop(0)
        used = sum(pdf.get_string_width(w) for w in lines[-1]) + space * len(lines[-1])
        if not lines[-1] or used + pdf.get_string_width(word) <= width:
            lines[-1].append(word)
            continue
        head = _hyphen_split(pdf, word, width - used)
        if head:
            lines[-1].append(head + "-")
            words.insert(0, word[len(head):])
        else:
            words.insert(0, word)
        lines.append([])
    return lines


def _hyphen_split(pdf: _Pdf, word: str, room: float) -> str:
    """The longest head (4+ letters, leaving 4+) of a long plain word that fits with its hyphen."""
    if len(word) < 9 or not re.fullmatch(r"[a-z]+[,.;]?", word):
        return ""
    for cut in range(len(word) - 4, 3, -1):
        if pdf.get_string_width(word[:cut] + "-") <= room:
            return word[:cut]
    return ""


# --- Word -------------------------------------------------------------------------------------
def write_docx(doc: Document, raw_text: str, path: Path, author: str = "") -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = doc.title
    document.core_properties.author = author
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER.format(title=doc.title)
    section.footer.paragraphs[0].text = "Page 1"
    document.add_paragraph(doc.title, style="Title")
    for item in items(doc, raw_text):
        if item.depth:
            document.add_paragraph(item.text, style=f"Heading {min(item.depth, 9)}")
        elif item.rows:
            table = document.add_table(rows=len(item.rows), cols=len(item.rows[0]))
            for row, values in zip(table.rows, item.rows):
                for cell, value in zip(row.cells, values):
                    cell.text = value
        else:
            document.add_paragraph(item.text, style="List Bullet" if item.bullet else None)
    document.save(str(path))
    return path


# --- HTML -------------------------------------------------------------------------------------
def write_html(doc: Document, raw_text: str, path: Path, author: str = "") -> Path:
    e = html.escape
    body: list[str] = []
    in_list = False
    for item in items(doc, raw_text):
        if in_list and not item.bullet:
            body.append("</ul>")
            in_list = False
        if item.depth:
            level = min(item.depth + 1, 6)
            body.append(f"<h{level}>{e(item.text)}</h{level}>")
        elif item.rows:
            head, *rows = item.rows
            body.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in head) + "</tr></thead><tbody>"
                        + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
                        + "</tbody></table>")
        elif item.bullet:
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{e(item.text)}</li>")
        else:
            body.append(f"<p>{e(item.text)}</p>")
    if in_list:
        body.append("</ul>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(doc.title)} | Council website</title>
<meta name="author" content="{e(author)}"></head>
<body>
<header><a href="/">Home</a><nav><ul><li><a href="/bins">Bins and recycling</a></li>
<li><a href="/tax">Council tax</a></li><li><a href="/jobs">Jobs</a></li></ul></nav></header>
<div class="cookies">We use cookies to make this site work. <button>Accept all cookies</button></div>
<main><h1>{e(doc.title)}</h1>
{chr(10).join(body)}
</main>
<aside><h2>Related pages</h2><ul><li><a href="/planning">Planning applications</a></li></ul></aside>
<footer><p>© Council 2024</p><a href="/privacy">Privacy</a> <a href="/a11y">Accessibility statement</a></footer>
</body></html>"""
    path.write_text(page, "utf-8")
    return path
