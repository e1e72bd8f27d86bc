"""The feedback store shared by replicas: SQLite by default, a real PostgreSQL for several."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore
from tests.conftest import free_port

BIN = Path(sys.executable).parent
WRITER = """
import sys
from assistant.feedback import FeedbackStore
store = FeedbackStore(sys.argv[1])
for i in range(int(sys.argv[3])):
    row = store.add(f"{sys.argv[2]} question {i}", "answer [1]", [{"n": 1}], liked=i % 2 == 0)
    store.comment(row, f"comment {i}")
"""


@pytest.fixture(scope="module")
def postgres():
    """A throw-away PostgreSQL cluster on 127.0.0.1, run as the postgres user, stopped afterwards."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert binaries, "PostgreSQL is not installed (apt-get install -y postgresql; `make test` does it)"
    # Not under pytest's own folder: the postgres user cannot enter root's private temp folders.
    bin_dir, home, port = Path(binaries[-1]), Path(tempfile.mkdtemp(prefix="va-postgres-")), free_port()
    shutil.chown(home, "postgres")
    os.chmod(home, 0o700)
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_postgres + [str(bin_dir / "initdb"), "-D", str(home / "db"), "-A", "trust", "-U", "app"],
                   check=True, capture_output=True, timeout=120)
    control = as_postgres + [str(bin_dir / "pg_ctl"), "-D", str(home / "db")]
    subprocess.run(control + ["-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1", "-l", str(home / "log"), "-w", "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql://app@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(control + ["-m", "fast", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    return str(tmp_path / "feedback.sqlite3") if request.param == "sqlite" else request.getfixturevalue("postgres")


def test_two_replicas_write_at_once_and_nothing_is_lost(store_url):
    FeedbackStore(store_url)  # the table exists before the writers race
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_url, name, "100"]) for name in ("a", "b")]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]

    env = {**os.environ, "ASSISTANT_FEEDBACK_URL": store_url}
    result = subprocess.run([str(BIN / "assistant"), "feedback", "export"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    assert {r["question"] for r in rows} == {f"{n} question {i}" for n in "ab" for i in range(100)}
    assert all(r["comment"].startswith("comment ") and isinstance(r["liked"], bool) for r in rows)
    assert "200 rating(s) exported" in result.stderr
