import pytest

from assistant.documents import LoadError, load
from tests.conftest import CORPUS
from tests.pdfs import encrypt_pdf, write_docx, write_image_only_pdf, write_pdf


def test_manifest_gives_title_publisher_date_and_status():
    doc = load(CORPUS / "one-west-northamptonshire-plan-2030.txt")
    assert doc.doc_id == "one-west-northamptonshire-plan-2030"
    assert doc.title == "One West Northamptonshire: Our Vision for 2030"
    assert doc.publisher == "West Northamptonshire Council"
    assert doc.status == "Draft" and doc.date
    assert "West Northants" in doc.aliases
    assert doc.page_at(100) is None  # plain text has no pages


def test_pdf_pages_are_kept(tmp_path):
    path = write_pdf(tmp_path / "plan.pdf", ["1 Parks\n\nEvery ward has a park.", "2 Buses\n\nBuses run hourly to every village."], title="Green Plan")
    doc = load(path)
    assert doc.title == "Green Plan"
    assert doc.page_at(doc.text.index("Every ward")) == "1"
    assert doc.page_at(doc.text.index("Buses run hourly")) == "2"
    assert doc.text.startswith("1 Parks\n\nEvery ward has a park.")  # a short line ends its paragraph


def test_docx_headings_and_lists_are_read(tmp_path):
    path = write_docx(tmp_path / "strategy.docx", "Library Strategy", [
        ("Heading 1", "1 Libraries"), ("Normal", "Libraries open on Sundays."),
        ("Heading 2", "1.1 Books"), ("List Bullet", "More large-print books"),
    ])
    doc = load(path)
    assert doc.title == "Library Strategy"
    assert "# 1 Libraries" in doc.text and "## 1.1 Books" in doc.text and "- More large-print books" in doc.text


def test_markdown_file_loads(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nSome **bold** text.\n", "utf-8")
    assert load(path).text == "# Notes\n\nSome bold text."


@pytest.mark.parametrize("name, content, reason", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"   \n\n", "empty"),
    ("binary.txt", bytes(range(256)) * 20, "binary data"),
    ("image.txt", bytes.fromhex("89504e470d0a1a0a0000000d49484452") * 50, "binary data"),
    ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
    ("corrupt.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
    ("corrupt.docx", b"not a zip at all", "not a readable Word"),
])
def test_bad_files_raise_a_message_naming_the_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LoadError) as error:
        load(path)
    assert str(path) in str(error.value)
    assert reason in str(error.value)
    assert "\n" not in str(error.value)


def test_encrypted_pdf_is_refused(tmp_path):
    plain = write_pdf(tmp_path / "plain.pdf", ["Secret plans."])
    with pytest.raises(LoadError, match="encrypted"):
        load(encrypt_pdf(plain, tmp_path / "locked.pdf"))


def test_image_only_pdf_is_refused(tmp_path):
    with pytest.raises(LoadError, match="no text layer.*Run OCR"):
        load(write_image_only_pdf(tmp_path / "scan.pdf"))
