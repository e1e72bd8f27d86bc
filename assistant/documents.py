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
from dataclasses import dataclass, field
from pathlib import Path

from assistant.cleaning import PAGE_BREAK, clean
from assistant.readers import READERS, LoadError

MANIFEST = "manifest.json"
__all__ = ["Document", "LoadError", "doc_id_for", "load"]


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
    page_labels: list[str] | None = None  # printed page labels, when the PDF has its own

    def page_at(self, offset: int) -> str | None:
        """The page of a character offset as printed ("3", or "iv" where the PDF labels its
        pages), or None for a format without pages."""
        if not self.has_pages:
            return None
        number = self.text.count(PAGE_BREAK, 0, offset)
        return self.page_labels[number] if self.page_labels and number < len(self.page_labels) else str(number + 1)


def doc_id_for(path: Path) -> str:
    """A readable, stable id: the file name without suffix, lower case, dashes.

    >>> doc_id_for(Path("Our Plan 2030.pdf"))
    'our-plan-2030'
    """
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"


def load(path: Path | str, banner_lines=("DRAFT",), supported=tuple(READERS), progress: bool = False,
         legacy_encoding: str = "cp1252") -> Document:
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
    extracted = READERS[suffix](path, data, progress=progress, legacy_encoding=legacy_encoding)
    text = clean(extracted.text, banner_lines)
    if not text.replace(PAGE_BREAK, "").strip():
        raise LoadError(path, "no text could be extracted (empty, or scanned images without a text layer)")
    properties = {k: v for k, v in extracted.properties.items() if v}
    if "author" in properties:
        properties["publisher"] = properties.pop("author")
    meta = {**properties, **_manifest_entry(path)}
    title = meta.get("title") or _first_line(text) or path.stem
    return Document(
        doc_id=doc_id_for(path),
        source=str(path.resolve()),
        title=title,
        text=text,
        sha256=hashlib.sha256(data + json.dumps(meta, sort_keys=True).encode()).hexdigest(),
        has_pages=suffix == ".pdf",
        page_labels=extracted.page_labels,
        publisher=meta.get("publisher", ""),
        date=str(meta.get("date", "")),
        status=meta.get("status", ""),
        aliases=list(meta["aliases"]) if "aliases" in meta else names_in_title(title),
        section_kinds=dict(meta.get("section_kinds", {})),
    )


_DOCUMENT_WORDS = {"vision", "plan", "strategy", "framework", "policy", "programme", "report", "statement",
                   "corporate", "council", "our", "for", "the", "and", "of", "draft", "local", "annual", "delivery"}


def names_in_title(title: str) -> list[str]:
    """Names a user may call a document by, when no manifest gives them: the places and brands
    in its title (runs of two or more capitalised words before a word such as "Vision" or
    "Plan", and their shorter tails) and short codes in brackets. A single common word is never
    a name, so a title such as "Transport Strategy" does not claim every transport question.

    >>> names_in_title("One West Northamptonshire: Our Vision for 2030")
    ['One West Northamptonshire', 'West Northamptonshire']
    >>> names_in_title("North Northamptonshire Vision 2050 (BIG50)")
    ['North Northamptonshire', 'BIG50']
    >>> names_in_title("Transport Strategy")
    []
    """
    names: list[str] = []
    for part in re.split(r"[:(|)–—]| - ", title):
        run: list[str] = []
        for word in part.split() + ["."]:
            if word[:1].isupper() and word.lower() not in _DOCUMENT_WORDS and word.isalpha():
                run.append(word)
                continue
            names += [" ".join(run[i:]) for i in range(len(run) - 1)]
            run = []
        code = part.strip()
        if re.fullmatch(r"[A-Z][A-Z0-9]{2,9}", code) and any(ch.isdigit() for ch in code) or code.isupper() and 3 <= len(code) <= 8:
            names.append(code)
    return list(dict.fromkeys(names))


def initialism(publisher: str) -> list[str]:
    """The short form staff call a publisher by: the initials of its capitalised words, when
    there are three or more ("West Northamptonshire Council" -> "WNC").

    >>> initialism("West Northamptonshire Council"), initialism("Corby Council"), initialism("")
    (['WNC'], [], [])
    """
    initials = "".join(word[0] for word in publisher.split() if word[:1].isupper())
    return [initials] if len(initials) >= 3 else []


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
