"""Word (.docx): heading styles become Markdown headings, tables become rows, in body order.

Headers, footers and watermarks live outside the document body, so they never reach the text.
A "Title" paragraph is the document's title, not a section. The core properties give the
title, author and date.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.readers.base import Extracted, LoadError, iso_date


def read_docx(path: Path, data: bytes, **_) -> Extracted:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(path, f"not a readable Word (.docx) file ({type(e).__name__})") from None
    except Exception as e:  # python-docx raises PackageNotFoundError and others
        raise LoadError(path, f"not a readable Word (.docx) file ({type(e).__name__}: {e})") from None
    blocks, title = [], ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.append("\n".join(_row(row) for row in item.rows))
            continue
        text = item.text.strip()
        style = (item.style.name if item.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        if not text:
            continue
        if style == "Title" and not title:
            title = text  # the document's title, kept in its properties rather than as a section
        elif level:
            blocks.append("#" * int(level.group(1)) + " " + text)
        elif style.startswith("List"):
            blocks.append("- " + text)
        else:
            blocks.append(text)
    props = document.core_properties
    properties = {"title": (props.title or title or "").strip(), "author": (props.author or "").strip(),
                  "date": iso_date(props.created)}
    return Extracted("\n\n".join(blocks), properties)


def _row(row) -> str:
    """One table row as tab-separated cells; a merged cell counts once, an empty one as "–"."""
    cells = []
    for cell in row.cells:
        if cells and cell._tc is cells[-1][0]:
            continue
        cells.append((cell._tc, " ".join(cell.text.split()) or "–"))
    return "\t".join(text for _, text in cells)
