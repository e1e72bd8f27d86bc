"""Thumbs up/down on answers, kept in SQLite so evaluators can turn them into test cases.

>>> import tempfile, pathlib
>>> store = FeedbackStore(pathlib.Path(tempfile.mkdtemp()) / "f.sqlite3")
>>> row = store.add("Q?", "A. [1]", [{"n": 1}], liked=False)
>>> store.comment(row, "wrong passage")
>>> [(r["question"], r["liked"], r["comment"]) for r in store.rows()]
[('Q?', False, 'wrong passage')]
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    sources TEXT NOT NULL,
    liked INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, question: str, answer: str, sources: list[dict], liked: bool, comment: str = "") -> int:
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, question, answer, sources, liked, comment) VALUES (?, ?, ?, ?, ?, ?)",
                (datetime.now(timezone.utc).isoformat(timespec="seconds"), question, answer, json.dumps(sources), int(liked), comment),
            )
            return int(cursor.lastrowid)

    def comment(self, row_id: int, comment: str) -> None:
        with self._lock, self._connect() as db:
            db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment, row_id))

    def rows(self) -> list[dict]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM feedback ORDER BY id").fetchall()
        return [{**dict(r), "liked": bool(r["liked"]), "sources": json.loads(r["sources"])} for r in rows]

    def export_jsonl(self, out) -> int:
        rows = self.rows()
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)
