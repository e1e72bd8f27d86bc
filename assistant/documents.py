"""Load a file into a ``Document``: clean text, pages and metadata.

One small reader per format turns the file into text with form feeds between pages (PDF) and
Markdown-style ``#`` headings where the format marks them (Word, Markdown); ``cleaning.clean``
then makes it readable. Anything wrong with a file raises ``LoadError`` naming the file and the
reason, so a batch can report it and go on.

Metadata (title, publisher, date, status, aliases) comes from a ``manifest.json`` beside the
file when there is one, else from the file's own properties, else from its first line or name.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = p.write_text("Our Plan\\n\\nDRAFT\\n\\n1 Transport\\n\\nBuses for all.")
>>> d = load(p); (d.doc_id, d.title, d.text)
('plan', 'Our Plan', 'Our Plan\\n\\n1 Transport\\n\\nBuses for all.')
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.cleaning import PAGE_BREAK, clean, reflow

MANIFEST = "manifest.json"


class LoadError(Exception):
    """A file that cannot be indexed; ``str(error)`` is a one-line message naming it."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass
class Document:
    """A loaded file; ``sha256`` covers its bytes and its metadata, so either changing re-indexes it."""

    doc_id: str
    source: str
    title: str
    text: str
    sha256: str
    has_pages: bool = False
    publisher: str = ""
    date: str = ""
    status: str = ""
    aliases: list[str] = field(default_factory=list)
    section_kinds: dict[str, list[str]] = field(default_factory=dict)  # extra heading patterns per kind (manifest)

    def page_at(self, offset: int) -> int | None:
        """1-based page of a character offset, or None for a format without pages."""
        return self.text.count(PAGE_BREAK, 0, offset) + 1 if self.has_pages else None


def doc_id_for(path: Path) -> str:
    """A readable, stable id: the file name without suffix, lower case, dashes.

    >>> doc_id_for(Path("Our Plan 2030.pdf"))
    'our-plan-2030'
    """
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"


def load(path: Path | str, banner_lines=("DRAFT",), supported=(".txt", ".md", ".pdf", ".docx")) -> Document:
    path = Path(path)
    if not path.exists():
        raise LoadError(path, "no such file")
    if not path.is_file():
        raise LoadError(path, "not a file")
    suffix = path.suffix.lower()
    if suffix not in supported:
        raise LoadError(path, f"unsupported file type '{suffix or 'none'}' (supported: {', '.join(supported)})")
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(path, "the file is empty")
    raw, properties = READERS[suffix](path, data)
    text = clean(raw, banner_lines)
    if not text.replace(PAGE_BREAK, "").strip():
        raise LoadError(path, "no text could be extracted (empty, or scanned images without a text layer)")
    meta = {**properties, **_manifest_entry(path)}
    return Document(
        doc_id=doc_id_for(path),
        source=str(path.resolve()),
        title=meta.get("title") or _first_line(text) or path.stem,
        text=text,
        sha256=hashlib.sha256(data + json.dumps(meta, sort_keys=True).encode()).hexdigest(),
        has_pages=suffix == ".pdf",
        publisher=meta.get("publisher", ""),
        date=str(meta.get("date", "")),
        status=meta.get("status", ""),
        aliases=list(meta.get("aliases", [])),
        section_kinds=dict(meta.get("section_kinds", {})),
    )


def _read_text(path: Path, data: bytes) -> tuple[str, dict]:
    if b"\x00" in data or _control_share(data) > 0.01:
        raise LoadError(path, "binary data, not text (is it another format renamed?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LoadError(path, f"not UTF-8 text (byte 0x{data[e.start]:02x} at position {e.start}); save it as UTF-8") from None
    return text, {}


def _read_pdf(path: Path, data: bytes) -> tuple[str, dict]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(path, "the PDF is encrypted with a password")
        pages = [reflow(page.extract_text() or "") for page in reader.pages]
        title = (reader.metadata or {}).get("/Title", "") if reader.metadata else ""
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise LoadError(path, f"not a readable PDF ({type(e).__name__}: {e})") from None
    except Exception as e:  # pypdf raises many kinds on damaged files; none may stop a batch
        if "crypt" in str(e).lower():
            raise LoadError(path, "the PDF is encrypted and cannot be read") from None
        raise LoadError(path, f"not a readable PDF ({type(e).__name__}: {e})") from None
    return PAGE_BREAK.join(pages), {"title": str(title).strip()}


def _read_docx(path: Path, data: bytes) -> tuple[str, dict]:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(path, f"not a readable Word (.docx) file ({type(e).__name__})") from None
    except Exception as e:  # python-docx raises PackageNotFoundError and others
        raise LoadError(path, f"not a readable Word (.docx) file ({type(e).__name__}: {e})") from None
    lines = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if not text:
            continue
        level = re.match(r"Heading (\d)", style)
        if level:
            lines.append("#" * int(level.group(1)) + " " + text)
        elif style.startswith("List"):
            lines.append("- " + text)
        else:
            lines.append(text)
        lines.append("")
    for table in document.tables:
        lines += ["\t".join(cell.text.strip() for cell in row.cells) for row in table.rows] + [""]
    return "\n".join(lines), {"title": (document.core_properties.title or "").strip()}


READERS = {".txt": _read_text, ".md": _read_text, ".pdf": _read_pdf, ".docx": _read_docx}


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample)


def _manifest_entry(path: Path) -> dict:
    manifest = path.parent / MANIFEST
    if not manifest.exists():
        return {}
    try:
        return json.loads(manifest.read_text("utf-8")).get(path.name, {})
    except (ValueError, OSError) as e:
        raise LoadError(manifest, f"manifest is not valid JSON ({e})") from None


def _first_line(text: str) -> str:
    line = text.lstrip("#\f ").split("\n", 1)[0].strip()
    return line if 0 < len(line.split()) <= 12 else ""
