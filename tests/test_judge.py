"""The optional LLM judge's plumbing. The endpoint here is a FAKE OpenAI-compatible server on
loopback that always gives the same scores: it tests the wiring, not any judgment."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from assistant.evaluation import harness as evaluation
from assistant.evaluation.judge import Judge, JudgeUnavailable
from assistant.settings import Settings
from tests.conftest import free_port


class FakeChat(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][-1]["content"]
        content = '{"supported": 3, "statements": 4}' if "SOURCES" in prompt else '{"score": 0.9}'
        reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_endpoint():
    server = HTTPServer(("127.0.0.1", free_port()), FakeChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_judge_scores_through_an_openai_compatible_endpoint(fake_endpoint):
    judge = Judge(Settings(llm_base_url=fake_endpoint))
    assert judge.faithfulness("A. B.", ["A. B. C."]) == 0.75
    assert judge.relevance("Q?", "A.") == 0.9


def test_unreachable_endpoint_is_one_clear_message():
    judge = Judge(Settings(llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout=5))
    with pytest.raises(JudgeUnavailable, match="did not answer"):
        judge.relevance("Q?", "A.")


def test_eval_reports_judge_metrics_only_when_configured(corpus_assistant, fake_endpoint, monkeypatch):
    cases = evaluation.load_cases()[:3]
    assert "judge" not in evaluation.run(corpus_assistant, cases, baseline=False)
    monkeypatch.setattr(corpus_assistant.settings, "llm_base_url", fake_endpoint)
    judged = evaluation.run(corpus_assistant, cases, baseline=False)["judge"]
    assert judged["judge_faithfulness"] == 0.75 and judged["judge_relevance"] == 0.9 and judged["judged"] >= 1
    monkeypatch.setattr(corpus_assistant.settings, "llm_base_url", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setattr(corpus_assistant.settings, "llm_timeout", 5)
    assert "did not answer" in evaluation.run(corpus_assistant, cases, baseline=False)["judge"]["error"]
