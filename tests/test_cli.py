"""The `assistant` command as a user runs it: real processes, real model, a temporary index."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, NORTH, WEST

ASSISTANT = str(Path(sys.executable).parent / "assistant")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    docs = folder / "docs"
    shutil.copytree(CORPUS, docs)
    return {**os.environ, "ASSISTANT_INDEX_DIR": str(folder / "index"), "ASSISTANT_CORPUS_DIR": str(docs)}


def run(env, *args, stdin=None):
    return subprocess.run([ASSISTANT, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", [[], ["ingest"], ["docs"], ["outline"], ["remove"], ["ask"], ["serve"], ["settings"], ["eval"],
                                     ["feedback"], ["feedback", "export"]])
def test_every_command_has_help(command):
    result = subprocess.run([ASSISTANT, *command, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Usage" in result.stdout


def test_ingest_reports_each_file_and_fails_on_a_bad_one(env, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00binary")
    result = run(env, "ingest", env["ASSISTANT_CORPUS_DIR"], str(bad))
    assert result.returncode == 1
    assert f"indexed    {NORTH}" in result.stdout and f"indexed    {WEST}" in result.stdout
    assert f"{bad}: binary data" in result.stderr
    assert "Traceback" not in result.stderr

    again = run(env, "ingest")
    assert again.returncode == 0 and "0 indexed, 2 unchanged" in again.stdout


def test_docs_lists_the_documents(env):
    result = run(env, "docs", "--json")
    assert result.returncode == 0
    docs = json.loads(result.stdout)
    assert {d["doc_id"] for d in docs} >= {NORTH, WEST}
    assert all(d["title"] and d["chunks"] > 10 for d in docs)


def test_ask_prints_answer_and_sources_and_json(env):
    text = run(env, "ask", "Which goals address rural transport?")
    assert text.returncode == 0 and "[1]" in text.stdout and "Sources:" in text.stdout
    data = json.loads(run(env, "ask", "What is the average house price?", "--json", "--doc", WEST, "-k", "3").stdout)
    assert data["found"] and "£282,744" in data["answer"]
    assert {c["doc_id"] for c in data["citations"]} == {WEST}


def test_ask_jsonl_answers_each_line_with_one_model_load(env):
    lines = "\n".join(json.dumps(x) for x in [
        {"question": "Which goals address rural transport?"},
        {"question": "and in West Northamptonshire?", "history": ["Which goals address rural transport?"]},
        {"history": []},
    ])
    result = run(env, "ask", "--jsonl", "-", stdin=lines)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3 and result.returncode == 1  # the third line has no question
    assert answers[0]["found"] and answers[1]["scope"] == [WEST]
    assert answers[2] == {"line": 3, "error": "missing field 'question'"}


def test_bad_questions_get_a_message_not_a_traceback(env):
    for question in ["", "y" * 10_000]:
        result = run(env, "ask", question)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "type a question" in result.stderr or "characters long" in result.stderr


def test_outline_shows_the_tree_with_kinds(env):
    assert run(env, "ingest").returncode == 0
    result = run(env, "outline", WEST)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Our Priority 4: More and Better Quality Homes  [priority]" in lines
    assert "  Suggested outcomes we want by 2030  [outcome]" in lines
    assert "One Roadmap to Thriving Places and People  [roadmap]" in lines and "  Step one  [step]" in lines
    missing = run(env, "outline", "no-such-doc")
    assert missing.returncode == 1 and "No indexed document 'no-such-doc'" in missing.stderr
