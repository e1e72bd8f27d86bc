"""The app's named `ask` endpoint through gradio_client, as scripts and evaluators call it."""

import pytest
from gradio_client import Client

from tests.conftest import NORTH, WEST


@pytest.fixture(scope="module")
def client(app_url):
    return Client(app_url, verbose=False)


def test_ask_endpoint_returns_the_cli_json(client):
    result = client.predict("Which goals address rural transport?", api_name="/ask")
    assert result["found"] and result["kind"] == "list"
    assert {"answer", "found", "citations"} <= set(result)
    assert {c["doc_id"] for c in result["citations"]} == {NORTH, WEST}
    assert "[1]" in result["answer"]


def test_follow_up_uses_the_history(client):
    result = client.predict("and in West Northamptonshire?", ["Which goals address rural transport?"], None, api_name="/ask")
    assert result["scope"] == [WEST]
    assert result["citations"] and all(c["doc_id"] == WEST for c in result["citations"])
    assert "transport" in result["answer"].lower()


def test_document_filter(client):
    result = client.predict("What does the plan say about housing?", [], NORTH, api_name="/ask")
    assert {c["doc_id"] for c in result["citations"]} == {NORTH}


def test_empty_question_is_a_clear_error(client):
    with pytest.raises(Exception, match="type a question"):
        client.predict("   ", api_name="/ask")


def test_wrong_admin_passwords_are_throttled_per_client(tmp_path):
    """A separate server (its own failure counts, an empty index): five wrong passwords a minute
    through /unlock, then even the right one must wait."""
    import os
    import sys
    from pathlib import Path

    from tests.conftest import free_port, running

    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index"), "ASSISTANT_ADMIN_PASSWORD": "right",
           "ASSISTANT_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), "GRADIO_ANALYTICS_ENABLED": "False"}
    command = [str(Path(sys.executable).parent / "assistant"), "serve", "--port", str(port)]
    with running(command, port, tmp_path / "server.log", env, seconds=120):
        admin = Client(f"http://127.0.0.1:{port}/", verbose=False)
        messages = [admin.predict(f"guess {i}", api_name="/unlock")[0] for i in range(6)]
        assert messages[:5] == ["Wrong password."] * 5
        assert messages[5].startswith("Too many wrong passwords: try again in")
        assert admin.predict("right", api_name="/unlock")[0].startswith("Too many wrong passwords")
    assert (tmp_path / "server.log").read_text().count("wrong admin password from 127.0.0.1") == 5
