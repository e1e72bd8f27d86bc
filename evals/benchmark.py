"""Speed and memory of the assistant on this machine: `make bench` (numbers go in the notes).

Measures, each in a fresh process where it matters:
- cold ingest: `assistant ingest` of the corpus into an empty index, wall clock, model load included;
- warm ask: median and p95 of `Assistant.ask` over the gold questions, after one warm-up pass;
- peak resident memory of the process that answered.
Not a test: these machines are shared and noisy, so the numbers are reported, not asserted.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSISTANT = str(Path(sys.executable).parent / "assistant")


def cold_ingest(runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as index:
            env = {**os.environ, "ASSISTANT_INDEX_DIR": index}
            started = time.perf_counter()
            subprocess.run([ASSISTANT, "ingest"], env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return times


def warm_ask(rounds: int = 3) -> dict:
    from assistant import Assistant
    from assistant.evaluation.harness import load_cases

    with tempfile.TemporaryDirectory() as index:
        os.environ["ASSISTANT_INDEX_DIR"] = index
        assistant = Assistant()
        started = time.perf_counter()
        assistant.ingest()
        in_process_ingest = time.perf_counter() - started
        cases = load_cases()
        for case in cases:  # warm-up
            assistant.ask(case.question, case.history)
        latencies = []
        for _ in range(rounds):
            for case in cases:
                t = time.perf_counter()
                assistant.ask(case.question, case.history)
                latencies.append((time.perf_counter() - t) * 1000)
        latencies.sort()
        return {
            "questions": len(latencies),
            "ask_p50_ms": round(statistics.median(latencies), 2),
            "ask_p95_ms": round(latencies[int(0.95 * len(latencies)) - 1], 2),
            "ask_max_ms": round(latencies[-1], 2),
            "ingest_in_process_s_model_loaded": round(in_process_ingest, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def main() -> None:
    ingest = cold_ingest()
    result = {"cold_ingest_s": [round(t, 2) for t in ingest], "cold_ingest_median_s": round(statistics.median(ingest), 2),
              **warm_ask(), "cpu_count": os.cpu_count()}
    out = ROOT / "reports" / "benchmark.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
