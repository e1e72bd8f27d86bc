"""The same code against a real Chroma server started with `chroma run` on 127.0.0.1."""

from tests.conftest import NORTH, WEST


def test_ingest_and_questions_against_a_chroma_server(chroma_server, make_assistant):
    assistant = make_assistant(chroma_host="127.0.0.1", chroma_port=chroma_server, collection="server_test")
    report = assistant.ingest()
    assert sorted(report.indexed) == sorted([NORTH, WEST])
    assert not assistant.settings.index_dir.exists()  # nothing written to the embedded folder

    answer = assistant.ask("Which goals address rural transport?")
    assert answer.found and {c.doc_id for c in answer.citations} == {NORTH, WEST}

    assert assistant.ingest().skipped == [NORTH, WEST]  # incremental over HTTP too
    assert assistant.remove(NORTH) > 0
    assert [d.doc_id for d in assistant.documents()] == [WEST]
