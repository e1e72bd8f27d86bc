"""A document's outline: its sections in reading order, each with its kind, built from the index.

The outline is what structural questions are answered from ("What are the priorities of X?"
lists every priority, in order) and what ``assistant outline DOC_ID`` and the About tab show.

>>> from assistant.chunking import Chunk
>>> cs = [Chunk("d:0-9", "d", "D", "1 Priority 1: Parks", None, 0, 9, "Parks for all.", "priority", "item", "1 Priority 1: Parks"),
...       Chunk("d:9-20", "d", "D", "1 Priority 1: Parks > Goals > Trees", None, 9, 20, "More trees.", "goal", "item", "1 Priority 1: Parks")]
>>> [(s.title, s.kind, s.depth) for s in sections(cs)]
[('1 Priority 1: Parks', 'priority', 0), ('Trees', 'goal', 2)]
>>> print(as_text(sections(cs)))
1 Priority 1: Parks  [priority]
  Goals
    Trees  [goal]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.chunking import SEPARATOR, Chunk


@dataclass
class Section:
    doc_id: str
    path: str
    kind: str
    role: str
    priority: str
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.path.rsplit(SEPARATOR, 1)[-1]

    @property
    def depth(self) -> int:
        return self.path.count(SEPARATOR)

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.chunks)


def bare_title(heading: str) -> str:
    """A heading without its section number.

    >>> bare_title("6.2 Priority Goals"), bare_title("Transport")
    ('Priority Goals', 'Transport')
    """
    return re.sub(r"^[\d.\s]+", "", heading)


def sections(reading_order: list[Chunk]) -> list[Section]:
    """Consecutive chunks of one section path make one section."""
    out: list[Section] = []
    for c in reading_order:
        if out and out[-1].path == c.section:
            out[-1].chunks.append(c)
        else:
            out.append(Section(c.doc_id, c.section, c.kind, c.role, c.priority, [c]))
    return out


def members(outline: list[Section], kinds: tuple[str, ...], priority: str | None = None) -> list[Section]:
    """The sections that are items of ``kinds`` (under ``priority`` if given), in reading order;
    where a document has no such items, its groups of that kind (a list of outcomes is one)."""
    pool = [s for s in outline if s.kind in kinds and (priority is None or s.priority == priority)]
    items = [s for s in pool if s.role == "item"]
    return items or [s for s in pool if s.role == "container"]


def as_text(outline: list[Section]) -> str:
    """The outline as an indented tree, each classified section followed by its kind. A
    heading that only groups others (no passage of its own) is shown once, without a kind."""
    lines, shown = [], set()
    for s in outline:
        parts = s.path.split(SEPARATOR)
        for depth in range(len(parts)):
            path = SEPARATOR.join(parts[: depth + 1])
            if path in shown:
                continue
            shown.add(path)
            kind = f"  [{s.kind}]" if path == s.path and s.kind != "other" else ""
            lines.append("  " * depth + parts[depth] + kind)
    return "\n".join(lines)
