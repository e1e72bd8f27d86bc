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
