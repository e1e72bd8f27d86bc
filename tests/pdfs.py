"""Real PDF and Word files made for tests (fpdf2, pypdf, python-docx)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def write_pdf(path: Path, pages: list[str], title: str = "") -> Path:
    """One PDF page per string; blank lines separate paragraphs."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        for paragraph in text.split("\n\n"):
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))
    return path


def write_image_only_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(30, 90, 160)
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(path))
    return path


def encrypt_pdf(source: Path, target: Path, password: str = "secret") -> Path:
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with open(target, "wb") as f:
        writer.write(f)
    return target


def write_docx(path: Path, title: str, parts: list[tuple[str, str]]) -> Path:
    """parts: (style, text) pairs, style one of "Heading 1", "Heading 2", "List Bullet", "Normal"."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for style, text in parts:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def write_garbled_pdf(path: Path, text: str) -> Path:
    """A PDF whose embedded font has lost its ToUnicode map: its text extracts as glyph codes."""
    from pypdf.generic import NameObject

    plain = path.with_suffix(".plain.pdf")
    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, text)
    pdf.output(str(plain))
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
        writer.add_page(page)
    writer.write(str(path))
    plain.unlink()
    return path
