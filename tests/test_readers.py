"""Each format reader on real files made here: encodings, Word, web pages and laid-out PDFs."""

from __future__ import annotations

import logging

import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from assistant.chunking import chunk
from assistant.documents import LoadError, load
from tests.pdfs import write_garbled_pdf
from tests.published import FONT, FONT_BOLD

PROSE = ("Buses will reach every village by 2030, and the council will publish the timetable for each route "
         "so that residents can plan their journeys to work, to school and to the shops. ")


# --- text encodings -----------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_text_files_are_read_in_their_encoding(tmp_path, caplog, encoding):
    text = "Our Plan\n\nThe café costs £3 a day for the naïve visitor.\n"
    if encoding == "cp1252":
        text = text.replace("£3", "£3 – “fair”")  # characters Latin-1 does not have
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(encoding))
    with caplog.at_level(logging.INFO, logger="assistant.readers.text"):
        doc = load(path)
    assert doc.text == text.strip()
    if encoding in ("cp1252", "latin-1"):
        assert "read as cp1252" in caplog.text


# --- Word ---------------------------------------------------------------------------------------
def test_word_reads_styles_tables_in_place_and_properties_but_not_headers(tmp_path):
    import datetime

    import docx

    document = docx.Document()
    document.core_properties.title = "Library Strategy"
    document.core_properties.author = "Shire Council"
    document.core_properties.created = datetime.datetime(2024, 5, 1)
    document.sections[0].header.paragraphs[0].text = "Library Strategy | DRAFT"
    document.sections[0].footer.paragraphs[0].text = "Page 1 of 9"
    document.add_paragraph("Library Strategy", style="Title")
    document.add_paragraph("1 Visits", style="Heading 1")
    document.add_paragraph("Visits by age group rose in every library last year.")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [["Age", "2022", "2023"], ["0-15", "10,200", "12,400"], ["65+", "8,100", "9,900"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("2 Opening hours", style="Heading 1")
    document.add_paragraph("Every library opens on Sundays from 2025.")
    path = tmp_path / "libraries.docx"
    document.save(str(path))

    doc = load(path)
    assert (doc.title, doc.publisher, doc.date) == ("Library Strategy", "Shire Council", "2024-05-01")
    assert "DRAFT" not in doc.text and "Page 1" not in doc.text
    chunks = chunk(doc)
    assert [c.section for c in chunks] == ["1 Visits", "2 Opening hours"]
    assert "Age 0-15: 2022 10,200; 2023 12,400." in chunks[0].text  # the table stays in its section, as rows


# --- web pages ----------------------------------------------------------------------------------
def test_web_page_keeps_main_content_headings_and_tables(tmp_path):
    page = tmp_path / "parks.html"
    page.write_text("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Parks Plan | Shire Council</title></head>
<body><header><nav><a href="/">Home</a> <a href="/bins">Bins and recycling</a></nav></header>
<div class="cookies">We use cookies. Accept all cookies</div>
<main><h1>Parks Plan</h1><p>This plan sets out how the parks of the shire will grow over ten years.</p>
<h2>1 Trees</h2><p>We will plant 10,000 trees along every main road by 2030.</p>
<h2>2 Play</h2><p>Every ward will have a play area within a ten-minute walk.</p>
<table><tr><th>Ward</th><th>Parks</th><th>Play areas</th></tr><tr><td>North</td><td>4</td><td>6</td></tr>
<tr><td>South</td><td>3</td><td>5</td></tr></table></main>
<footer>© Shire Council. Privacy. Accessibility statement.</footer></body></html>""", "utf-8")
    doc = load(page)
    assert doc.title == "Parks Plan"
    for boilerplate in ("cookies", "Bins and recycling", "Privacy"):
        assert boilerplate not in doc.text
    chunks = chunk(doc)
    assert [c.section for c in chunks] == ["1 Trees", "2 Play"]
    assert "Ward North: Parks 4; Play areas 6." in chunks[1].text


# --- PDF ----------------------------------------------------------------------------------------
def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_font("DejaVu", size=10)
    return pdf


def _heading(pdf: FPDF, text: str, size: float = 15) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)


def test_pdf_two_columns_are_read_left_then_right_and_a_sentence_runs_on(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "1 Transport")
    top = pdf.get_y()
    left = "LEFT " + PROSE * 2 + "The last sentence of the left column carries on"
    right = "into the right column. RIGHT " + PROSE * 2
    pdf.set_xy(20, top)
    pdf.multi_cell(80, 5, left, align="J")
    pdf.set_xy(110, top)
    pdf.multi_cell(80, 5, right, align="J")
    pdf.output(str(tmp_path / "columns.pdf"))

    text = load(tmp_path / "columns.pdf").text
    assert text.index("LEFT") < text.index("RIGHT")
    assert "the left column carries on into the right column." in text
    assert "LEFT Buses will reach every village" in text  # lines of one column are not interleaved


def test_pdf_table_is_rows_never_a_heading(tmp_path):
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "1 Population")
    pdf.multi_cell(0, 5, "The population grew in every age group. " + PROSE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table() as table:  # fpdf2 sets the header row in bold
        for row in [["Age", "England", "Shire"], ["0-15", "5.0%", "10.9%"], ["65+", "20.1%", "30.4%"]]:
            table.row(row)
    pdf.ln(3)
    _heading(pdf, "2 Housing")
    pdf.multi_cell(0, 5, PROSE)
    pdf.output(str(tmp_path / "table.pdf"))

    chunks = chunk(load(tmp_path / "table.pdf"))
    assert [c.section for c in chunks] == ["1 Population", "2 Housing"]
    assert "Age 0-15: England 5.0%; Shire 10.9%." in chunks[0].text


def test_pdf_running_lines_page_numbers_watermark_and_contents_are_dropped(tmp_path):
    class Council(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, "Shire Plan 2030 | DRAFT", align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font("DejaVu", "B", 60)
            self.set_text_color(220, 220, 220)
            with self.rotation(45, 105, 150):
                self.text(60, 160, "DRAFT")
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, 25)

        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Council(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()
    _heading(pdf, "Contents")
    for entry, page in [("1 Parks", 2), ("2 Buses", 3), ("3 Homes", 4)]:
        pdf.cell(150, 6, entry)
        pdf.cell(0, 6, str(page), align="R", new_x="LMARGIN", new_y="NEXT")
    for title in ["1 Parks", "2 Buses", "3 Homes"]:
        pdf.add_page()
        _heading(pdf, title)
        pdf.multi_cell(0, 5, PROSE * 3)
    pdf.output(str(tmp_path / "shire.pdf"))

    doc = load(tmp_path / "shire.pdf")
    for noise in ("Shire Plan 2030", "DRAFT", "Page", "of 4"):
        assert noise not in doc.text
    chunks = chunk(doc)
    assert [(c.section, c.page) for c in chunks] == [("1 Parks", "2"), ("2 Buses", "3"), ("3 Homes", "4")]


def test_pdf_page_labels_and_properties_are_used(tmp_path):
    pdf = _pdf()
    pdf.set_title("Shire Plan")
    pdf.set_author("Shire Council")
    for title in ["Foreword", "1 Parks"]:
        pdf.add_page()
        _heading(pdf, title)
        pdf.multi_cell(0, 5, PROSE)
    pdf.output(str(tmp_path / "plain.pdf"))
    writer = PdfWriter(clone_from=str(tmp_path / "plain.pdf"))
    writer.set_page_label(0, 0, style="/r")  # the foreword is page "i"
    writer.set_page_label(1, 1, style="/D")  # then "1"
    writer.write(str(tmp_path / "labelled.pdf"))

    doc = load(tmp_path / "labelled.pdf")
    assert (doc.title, doc.publisher) == ("Shire Plan", "Shire Council")
    assert [(c.section, c.page) for c in chunk(doc)] == [("Foreword", "i"), ("1 Parks", "1")]


def test_pdf_whose_fonts_have_no_unicode_map_is_refused(tmp_path):
    with pytest.raises(LoadError, match="garbled.pdf: its fonts have no Unicode map.*nothing was indexed"):
        load(write_garbled_pdf(tmp_path / "garbled.pdf", PROSE * 5))
