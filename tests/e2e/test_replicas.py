"""Several app replicas on one Chroma server (`chroma run`) follow what another process changes."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from gradio_client import Client

from tests.conftest import CORPUS, free_port, running

BIN = Path(sys.executable).parent
QUESTION = "When will every parish offer allotments?"


def cites(client: Client, doc_id: str) -> bool:
    answer = client.predict(QUESTION, api_name="/ask")
    return any(c["doc_id"] == doc_id for c in answer["citations"])


def wait_until(condition, seconds: float) -> float:
    """Seconds until ``condition()`` held; fails after ``seconds``."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.5)
    return time.monotonic() - started


def test_replicas_answer_from_a_document_another_process_ingests_then_stop_after_removal(chroma_server, tmp_path):
    env = {**os.environ, "ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(chroma_server),
           "ASSISTANT_COLLECTION": "replicas", "ASSISTANT_INDEX_DIR": str(tmp_path / "unused"),
           "ASSISTANT_CORPUS_DIR": str(CORPUS), "GRADIO_ANALYTICS_ENABLED": "False"}
    subprocess.run([str(BIN / "assistant"), "ingest"], env=env, check=True, capture_output=True, timeout=300)
    with contextlib.ExitStack() as stack:
        clients = []
        for name in ("a", "b"):
            port = free_port()
            replica_env = {**env, "ASSISTANT_FEEDBACK_DB": str(tmp_path / f"{name}.sqlite3")}
            stack.enter_context(running([str(BIN / "assistant"), "serve", "--port", str(port)], port,
                                        tmp_path / f"{name}.log", replica_env, seconds=120))
            clients.append(Client(f"http://127.0.0.1:{port}/", verbose=False))
        assert not any(cites(c, "allotments") for c in clients)

        extra = tmp_path / "allotments.txt"
        extra.write_text("1 Allotments\n\nEvery parish will offer allotments to residents by 2028.\n", "utf-8")
        subprocess.run([str(BIN / "assistant"), "ingest", str(extra)], env=env, check=True, capture_output=True, timeout=300)
        for client in clients:
            wait_until(lambda: cites(client, "allotments"), 15)

        subprocess.run([str(BIN / "assistant"), "remove", "allotments"], env=env, check=True, capture_output=True, timeout=300)
        for client in clients:
            wait_until(lambda: not cites(client, "allotments"), 15)
    log = (tmp_path / "a.log").read_text()
    assert "the index changed" in log and "reloading allotments" in log  # only the changed document
