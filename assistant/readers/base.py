"""What every reader returns, and the error it raises for a file that cannot be indexed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


class LoadError(Exception):
    """A file that cannot be indexed; ``str(error)`` is a one-line message naming it."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass
class Extracted:
    """A file's text in the one shape the cleaner and chunker read.

    - paragraphs are separated by blank lines; a Markdown ``#`` line is a heading whose level the
      format knew (Word styles, HTML tags, PDF font sizes);
    - ``- `` or ``•`` starts a list item; a table is a run of tab-separated rows;
    - a form feed separates pages, and ``page_labels`` holds one printed label per page.
    """

    text: str
    properties: dict = field(default_factory=dict)  # title, author, date when the file says
    page_labels: list[str] | None = None


def iso_date(value) -> str:
    """A date from a file's properties as ``YYYY-MM-DD`` (or ``YYYY``), else "".

    >>> iso_date("D:20240301120000+00'00'"), iso_date("2024"), iso_date(None)
    ('2024-03-01', '2024', '')
    """
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    m = re.search(r"((?:19|20)\d\d)-?(\d\d)?-?(\d\d)?", str(value))
    if not m:
        return ""
    return "-".join(p for p in m.groups() if p)
