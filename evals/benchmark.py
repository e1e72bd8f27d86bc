"""Speed and memory of the assistant on this machine: `make bench` (numbers go in the notes).

Measures, each in a fresh process where it matters:
- cold ingest: `assistant ingest` of the corpus into an empty index, wall clock, model load included;
- warm ask: median and p95 of `Assistant.ask` over the gold questions, after one warm-up pass;
- peak resident memory of the process that answered;
- with ``--scale N``: a synthetic collection of N passages in a temporary folder, then in a fresh
  process the start-up time (index read, keyword index built), ask p50/p95 over the gold
  questions and peak memory, as one JSON line. How it is made: the shipped documents' passages,
  and passages recombined from their sentences, form a pool of distinct texts embedded for real
  with the bundled model (sentences too); each synthetic passage takes a pool text with a
  reference number of its own (so keyword statistics grow like real text) and the pool vector
  plus a little noise, spread over N/50 documents. ``ingest_passages_per_s`` is the real
  corpus's cold ingest;
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


def synthetic_collection(folder: Path, passages: int, pool_size: int = 400, seed: int = 7) -> None:
    import random

    import numpy as np

    from assistant.chunking import Chunk, chunk, split_sentences
    from assistant.documents import Document, load
    from assistant.index import Index, load_embeddings
    from assistant.settings import Settings

    settings = Settings(index_dir=folder, collection="scale")
    embeddings = load_embeddings(settings)
    rng = random.Random(seed)
    real = [c for txt in sorted((ROOT / "corpus").glob("*.txt")) for c in chunk(load(txt))]
    sentences = [s for c in real for s in split_sentences(c.text)]
    pool = [(c.section, c.text) for c in real]
    while len(pool) < pool_size:
        pool.append((rng.choice(real).section, " ".join(rng.sample(sentences, 4))))
    vectors = np.array(embeddings.embed_documents([f"{s}.\n{t}" for s, t in pool]))
    pool_sentences = [split_sentences(t) for _, t in pool]
    flat = sorted({s for group in pool_sentences for s in group})
    sentence_vectors = dict(zip(flat, np.array(embeddings.embed_documents(flat))))
    index = Index(settings, embeddings)
    index.store  # noqa: B018 (creates the collections)
    noise = np.random.default_rng(seed)

    def jitter(v):
        v = v + noise.normal(0, 0.01, v.shape)
        return (v / np.linalg.norm(v)).tolist()

    batch = []
    for i in range(passages):
        doc_id = f"plan-{i // 50:05d}"
        doc = Document(doc_id, f"/synthetic/{doc_id}.txt", f"Synthetic plan {i // 50}", "", "synthetic")
        p = rng.randrange(len(pool))
        section, text = pool[p]
        c = Chunk(f"{doc_id}:{i}", doc_id, doc.title, section, None, i, i + 1, f"{text} Reference {i}.")
        batch.append((doc, c, p))
        if len(batch) == 1000 or i == passages - 1:
            texts = [c.embedding_text() for _, c, _ in batch]
            index.collection.add(ids=[c.id for _, c, _ in batch], embeddings=[jitter(vectors[p]) for _, _, p in batch],
                                 documents=texts, metadatas=[Index._metadata(d, c, t) | {"pipeline": "synthetic"}
                                                             for (d, c, _), t in zip(batch, texts)])
            rows = [(f"{c.id}#{j}", c, s) for _, c, p in batch for j, s in enumerate(pool_sentences[p])]
            for start in range(0, len(rows), 5000):
                part = rows[start:start + 5000]
                index.sentences.add(ids=[r[0] for r in part], embeddings=[jitter(sentence_vectors[s]) for _, _, s in part],
                                    metadatas=[{"doc_id": c.doc_id, "chunk_id": c.id} for _, c, _ in part])
            batch = []


_SCALE = """
import json, resource, statistics, sys, time
from pathlib import Path
from assistant.evaluation.harness import load_cases
from assistant.service import Assistant
from assistant.settings import Settings
started = time.perf_counter()
assistant = Assistant(Settings(index_dir=Path(sys.argv[1]), collection="scale"))
assistant.retriever
startup = time.perf_counter() - started
cases = load_cases()
for case in cases[:20]:
    assistant.ask(case.question, case.history)
latencies = []
for case in cases:
    t = time.perf_counter(); assistant.ask(case.question, case.history); latencies.append((time.perf_counter() - t) * 1000)
latencies.sort()
print(json.dumps({"chunks": len(assistant.retriever.chunks), "startup_s": round(startup, 2),
                  "ask_p50_ms": round(statistics.median(latencies), 1), "ask_p95_ms": round(latencies[int(0.95 * len(latencies)) - 1], 1),
                  "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def scale(passages: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        synthetic_collection(Path(folder), passages)
        built = time.perf_counter() - started
        out = subprocess.run([sys.executable, "-c", _SCALE, folder], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as index:
        started = time.perf_counter()
        subprocess.run([ASSISTANT, "ingest"], env={**os.environ, "ASSISTANT_INDEX_DIR": index}, check=True, capture_output=True)
        ingest_s = time.perf_counter() - started
        from assistant.index import Index, load_embeddings
        from assistant.settings import Settings

        settings = Settings(index_dir=Path(index))
        corpus_passages = len(Index(settings, load_embeddings(settings)).chunks())
    return {**result, "ingest_passages_per_s": round(corpus_passages / ingest_s, 1), "build_s": round(built, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf-pages", type=int, default=0, help="also read and ingest a laid-out PDF of this many pages")
    parser.add_argument("--scale", type=int, default=0, help="measure on a synthetic collection of this many passages")
    parser.add_argument("--json", action="store_true", help="with --scale: print one JSON line")
    args = parser.parse_args()
    if args.scale:
        result = scale(args.scale)
        print(json.dumps(result) if args.json else json.dumps(result, indent=2))
        return
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
