"""20 concurrent gradio_client users asking 5 questions each on loopback.

Asserts that every answer arrives and belongs to the question its user asked; the latencies
go to test-artifacts/load.json for the notes (not asserted: these machines are shared)."""

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from gradio_client import Client

from assistant.evaluation.harness import load_cases
from tests.e2e.conftest import ARTIFACTS

USERS, QUESTIONS_EACH = 20, 5


def test_twenty_concurrent_users_each_get_their_own_answers(app_url):
    pool = [c for c in load_cases() if not c.history]
    plans = [[pool[(u * QUESTIONS_EACH + i) % len(pool)].question for i in range(QUESTIONS_EACH)] for u in range(USERS)]

    def user(questions):
        client = Client(app_url, verbose=False)
        results = []
        for i, question in enumerate(questions):
            started = time.perf_counter()
            answer = client.predict(question, questions[:i], None, api_name="/ask")
            results.append((question, answer, (time.perf_counter() - started) * 1000))
        return results

    started = time.perf_counter()
    with ThreadPoolExecutor(USERS) as executor:
        everyone = list(executor.map(user, plans))
    wall = time.perf_counter() - started

    latencies = []
    for questions, results in zip(plans, everyone):
        assert [q for q, _, _ in results] == questions
        for question, answer, ms in results:
            assert answer["question"] == question  # not another user's answer
            assert answer["answer"] and answer["citations"]
            latencies.append(ms)
    assert len(latencies) == USERS * QUESTIONS_EACH
    latencies.sort()
    stats = {"requests": len(latencies), "wall_s": round(wall, 2), "p50_ms": round(statistics.median(latencies), 1),
             "p95_ms": round(latencies[int(0.95 * len(latencies)) - 1], 1), "max_ms": round(latencies[-1], 1)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(stats, indent=2))
    print(stats)
