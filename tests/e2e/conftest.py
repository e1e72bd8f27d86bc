"""A real app server, started the way a user starts it (`assistant ingest`, `assistant serve`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import REPO_ROOT
from tests.conftest import CORPUS, free_port, running

BIN = Path(sys.executable).parent
ARTIFACTS = REPO_ROOT / "test-artifacts"
ADMIN_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def app_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="session")
def app_url(app_home):
    home = app_home
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(home / "index"), "ASSISTANT_CORPUS_DIR": str(CORPUS),
           "ASSISTANT_UPLOAD_DIR": str(home / "uploads"), "ASSISTANT_FEEDBACK_DB": str(home / "feedback.sqlite3"),
           "ASSISTANT_ADMIN_PASSWORD": ADMIN_PASSWORD, "GRADIO_ANALYTICS_ENABLED": "False"}
    subprocess.run([str(BIN / "assistant"), "ingest"], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    try:
        with running([str(BIN / "assistant"), "serve", "--port", str(port)], port, home / "server.log", env, seconds=120):
            yield f"http://127.0.0.1:{port}/"
    finally:
        (ARTIFACTS).mkdir(exist_ok=True)
        (ARTIFACTS / "server.log").write_text((home / "server.log").read_text())


@pytest.fixture(scope="session")
def feedback_db(app_home) -> Path:
    return app_home / "feedback.sqlite3"
