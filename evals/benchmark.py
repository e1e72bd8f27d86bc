"""Speed and memory of the assistant on this machine: `make bench` (numbers go in the notes).

Measures, each in a fresh process where it matters:
- cold ingest: `assistant ingest` of the corpus into an empty index, wall clock, model load included;
- warm ask: median and p95 of `Assistant.ask` over the gold questions, after one warm-up pass;
- peak resident memory of the process that answered;
- with ``--pdf-pages N``: a long laid-out PDF (the shipped documents as a council PDF, see
  ``tests/published.py``, repeated to N pages) read in a fresh process (pages per second, peak
  memory) and ingested (passages per second, embedding included).
Not a test: these machines are shared and noisy, so the numbers are reported, not asserted.
"""

from __future__ import annotations

import argparse
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


def long_pdf(pages: int, folder: Path) -> Path:
    """The shipped documents as laid-out PDFs, concatenated until ``pages`` pages."""
    from pypdf import PdfReader, PdfWriter

    sys.path.insert(0, str(ROOT))
    from assistant.documents import load
    from tests.published import write_pdf

    parts = [write_pdf(load(txt), txt.read_text("utf-8"), folder / f"{txt.stem}.pdf")
             for txt in sorted((ROOT / "corpus").glob("*.txt"))]
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for part in parts:
            for page in PdfReader(part).pages:
                if len(writer.pages) < pages:
                    writer.add_page(page)
    writer.add_metadata({"/Title": "Long council plan"})
    path = folder / "long-plan.pdf"
    writer.write(str(path))
    return path


_READ = """
import resource, sys, time
from assistant.chunking import chunk
from assistant.documents import load
t = time.perf_counter(); doc = load(sys.argv[1]); read = time.perf_counter() - t
print(read, len(chunk(doc)), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def pdf_throughput(pages: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = long_pdf(pages, Path(folder))
        out = subprocess.run([sys.executable, "-c", _READ, str(path)], check=True, capture_output=True, text=True)
        read_s, passages, rss = (float(x) for x in out.stdout.split())
        env = {**os.environ, "ASSISTANT_INDEX_DIR": str(Path(folder) / "index")}
        started = time.perf_counter()
        subprocess.run([ASSISTANT, "ingest", str(path)], env=env, check=True, capture_output=True)
        ingest_s = time.perf_counter() - started
    return {"pdf_pages": pages, "pdf_read_s": round(read_s, 2), "pdf_pages_per_s": round(pages / read_s, 1),
            "pdf_read_peak_rss_mb": round(rss, 1), "pdf_passages": int(passages),
            "pdf_ingest_s": round(ingest_s, 2), "pdf_ingest_passages_per_s": round(passages / ingest_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf-pages", type=int, default=0, help="also read and ingest a laid-out PDF of this many pages")
    args = parser.parse_args()
    if args.pdf_pages:
        print(json.dumps(pdf_throughput(args.pdf_pages), indent=2))
        return
    ingest = cold_ingest()
    result = {"cold_ingest_s": [round(t, 2) for t in ingest], "cold_ingest_median_s": round(statistics.median(ingest), 2),
              **warm_ask(), "cpu_count": os.cpu_count()}
    out = ROOT / "reports" / "benchmark.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
