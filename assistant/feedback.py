"""Thumbs up/down on answers, kept in a database so evaluators can turn them into test cases.

Any SQLAlchemy URL: a SQLite file by default, PostgreSQL (``postgresql+psycopg://...``) when
several app replicas share one store. Every write is its own transaction, so replicas writing
at once lose nothing.

>>> import tempfile, pathlib
>>> store = FeedbackStore(pathlib.Path(tempfile.mkdtemp()) / "f.sqlite3")
>>> row = store.add("Q?", "A. [1]", [{"n": 1}], liked=False)
>>> store.comment(row, "wrong passage")
>>> [(r["question"], r["liked"], r["comment"]) for r in store.rows()]
[('Q?', False, 'wrong passage')]
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text, create_engine, insert, select, update
from sqlalchemy.exc import DBAPIError

_METADATA = MetaData()
FEEDBACK = Table(
    "feedback", _METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", String(32), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("sources", Text, nullable=False),
    Column("liked", Boolean, nullable=False),
    Column("comment", Text, nullable=False, default=""),
)


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a SQLite file path.

    >>> database_url("feedback.sqlite3"), database_url("postgresql+psycopg://app@db/feedback")
    ('sqlite:///feedback.sqlite3', 'postgresql+psycopg://app@db/feedback')
    """
    target = str(target)
    if "://" in target:
        return target.replace("postgresql://", "postgresql+psycopg://", 1)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{target}"


class FeedbackStore:
    def __init__(self, target: str | Path):
        url = database_url(target)
        connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
        self.engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        try:
            _METADATA.create_all(self.engine)
        except DBAPIError:  # another replica created the table at the same moment
            _METADATA.create_all(self.engine)

    def add(self, question: str, answer: str, sources: list[dict], liked: bool, comment: str = "") -> int:
        row = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "question": question,
               "answer": answer, "sources": json.dumps(sources), "liked": bool(liked), "comment": comment}
        with self.engine.begin() as db:
            return int(db.execute(insert(FEEDBACK).values(**row)).inserted_primary_key[0])

    def comment(self, row_id: int, comment: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(FEEDBACK).where(FEEDBACK.c.id == row_id).values(comment=comment))

    def rows(self) -> list[dict]:
        with self.engine.connect() as db:
            rows = db.execute(select(FEEDBACK).order_by(FEEDBACK.c.id)).mappings().all()
        return [{**dict(r), "liked": bool(r["liked"]), "sources": json.loads(r["sources"])} for r in rows]

    def export_jsonl(self, out) -> int:
        rows = self.rows()
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)
