"""The answer-quality harness behind ``assistant eval``.

A case (one line of ``evals/questions.jsonl``) names its gold passages by short quoted phrases,
not chunk ids, so re-chunking never breaks the gold set: a passage "holds gold" when its indexed
text (title, section path, passage) contains one of the phrases, compared case- and
space-insensitively. Metrics, all deterministic:

- retrieval: hit@1/3/5 (a gold passage in the top k of what the user sees: the cited passages in
  citation order, then the rest of the search), recall@5 (share of gold phrases found in the top
  5), MRR and nDCG@10 (binary relevance);
- citations: cited_first (a found answer's first citation holds gold), cited_any (one of them
  does), every [n] exists, every cited passage contains the sentence it supports, citation
  precision (cited passages holding gold) and recall (gold phrases found in cited passages);
- answers: key-fact recall ("a|b" means either), refusal accuracy on unanswerable questions and
  the false-refusal rate on answerable ones, split into the middle answers that still quote the
  closest sentences (``closest_rate``; ``closest_right``: its first citation holds gold) and the
  bare "not found" (``bare_refusal_rate``); how often an unanswerable question gets the middle
  answer (``closest_unanswerable``); list_complete (a structural question's answer holds every
  expected item); scope_kept (no citation from a document the conversation excluded);
  latency p50/p95.

>>> holds("Age 0-15: England 5.0%;  North  Northamptonshire 10.9%", ["north northamptonshire 10.9%"])
True
>>> ndcg([False, True, False], 1)
0.6309
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.service import Assistant
from assistant.settings import REPO_ROOT

QUESTIONS = REPO_ROOT / "evals" / "questions.jsonl"
THRESHOLDS = REPO_ROOT / "evals" / "thresholds.toml"
RETRIEVAL_DEPTH = 10
_MARKED = re.compile(r"([^\[\]]*?)\s*((?:\[\d+\]\s*)+)")


@dataclass
class Case:
    id: str
    question: str
    slice: str
    answerable: bool
    gold: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    doc_id: str | None = None  # the document the gold comes from (informational)
    excluded_docs: list[str] = field(default_factory=list)  # documents the conversation ruled out: never cite them


def load_cases(path: Path = QUESTIONS) -> list[Case]:
    cases = []
    for line_no, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            data = json.loads(line)
            try:
                cases.append(Case(**data))
            except TypeError as e:
                raise ValueError(f"{path}:{line_no}: {e}") from None
    return cases


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'").replace("‘", "'")).strip()


def holds(text: str, gold: list[str]) -> bool:
    text = normalise(text)
    return any(normalise(g) in text for g in gold)


def gold_found(texts: list[str], gold: list[str]) -> int:
    joined = " ".join(normalise(t) for t in texts)
    return sum(normalise(g) in joined for g in gold)


def ndcg(relevant: list[bool], ideal_count: int) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, r in enumerate(relevant) if r)
    idcg = sum(1 / math.log2(i + 2) for i in range(min(ideal_count, len(relevant)) or 1))
    return round(dcg / idcg, 4)


def retrieval_metrics(texts: list[str], case: Case) -> dict:
    relevant = [holds(t, case.gold) for t in texts[:RETRIEVAL_DEPTH]]
    first = next((i for i, r in enumerate(relevant) if r), None)
    return {
        "hit@1": float(any(relevant[:1])), "hit@3": float(any(relevant[:3])), "hit@5": float(any(relevant[:5])),
        "recall@5": gold_found(texts[:5], case.gold) / len(case.gold),
        "mrr": 0.0 if first is None else 1 / (first + 1),
        "ndcg@10": ndcg(relevant, len(case.gold)),
    }


def citation_checks(answer: dict) -> dict:
    """Do the [n] markers exist, and does each cited passage contain the sentence it supports?"""
    cited = {c["n"]: c for c in answer["citations"]}
    claims = supported = 0
    dangling = False
    for line in answer["answer"].split("\n"):
        for claim, markers in _MARKED.findall(line):
            claim = re.sub(r"^•\s*(?:[^—]*? — )?", "", claim.strip()).rstrip(".")  # a list line: "• label — sentence"
            for n in map(int, re.findall(r"\d+", markers)):
                claims += 1
                if n not in cited:
                    dangling = True
                elif normalise(claim) in normalise(cited[n]["text"]):
                    supported += 1
    return {"markers_exist": not dangling, "claims": claims, "supported": supported}


def generative_metrics(answer: dict, min_coverage: float) -> dict:
    """ALCE-style citation quality of a written answer, with the product's verifier as the judge
    of support: recall is the share of the model's claims that their citations support;
    precision the share of its citations that support their claim alone or that the claim cannot
    do without. Claims that failed count in both (their citations as irrelevant); a claim the
    checker attributed counts as uncited. ``claims_supported`` counts every claim kept."""
    claims = answer.get("claims") or []
    if answer.get("mode") != "generative" or not claims:
        return {}
    from assistant.verify import unsupported_reason

    sources = {c["n"]: f"{c['title']}. {c['section']}.\n\n{c['text']}" for c in answer["citations"]}
    citations = sum(len(c["citations"]) for c in claims)
    relevant = 0
    for claim in (c for c in claims if c["supported"] and not c.get("attributed")):
        for n in claim["citations"]:
            rest = [m for m in claim["citations"] if m != n]
            alone = not unsupported_reason(claim["text"], [n], sources, min_coverage)
            needed = not rest or bool(unsupported_reason(claim["text"], rest, sources, min_coverage))
            relevant += alone or needed
    supported = sum(c["supported"] and not c.get("attributed") for c in claims)  # the model's own citations
    kept = sum(c["supported"] for c in claims)
    return {"claims_written": len(claims), "claims_supported": kept, "alce_recall": supported / len(claims),
            "alce_precision": relevant / citations if citations else 0.0}


def fact_recall(answer_text: str, facts: list[str]) -> float:
    text = normalise(answer_text)
    return sum(any(normalise(f) in text for f in fact.split("|")) for fact in facts) / len(facts)


def evaluate_case(assistant: Assistant, case: Case) -> dict:
    started = time.perf_counter()
    answer = assistant.ask(case.question, case.history).to_dict()
    latency_ms = (time.perf_counter() - started) * 1000
    retrieval = assistant.retriever.search(case.question, case.history, k=RETRIEVAL_DEPTH)
    # The ranking a user sees: the cited passages in citation order, then the rest of the search.
    chunks = assistant.retriever.chunks
    ranked = list(dict.fromkeys([c["chunk_id"] for c in answer["citations"]] + [p.chunk.id for p in retrieval.passages]))
    texts = [chunks[i].indexed_text for i in ranked if i in chunks]
    row = {"id": case.id, "slice": case.slice, "question": case.question, "history": case.history,
           "answerable": case.answerable, "expected": case.facts or case.gold, "answer": answer["answer"],
           "found": answer["found"], "closest": answer["kind"] == "closest", "latency_ms": round(latency_ms, 2),
           "cited": [{"n": c["n"], "section": c["section"], "text": c["text"][:300]} for c in answer["citations"]],
           "cited_full": [{"n": c["n"], "chunk_id": c["chunk_id"]} for c in answer["citations"]],
           "mode": answer.get("mode", "extractive"), "notice": answer.get("notice", "")}
    row.update(generative_metrics(answer, assistant.settings.min_claim_coverage))
    if not case.answerable:
        row.update(refused=not answer["found"], passed=not answer["found"])
        return _with_scope(row, case, answer)
    cited_texts = [assistant.retriever.chunks[c["chunk_id"]].indexed_text for c in answer["citations"] if c["chunk_id"] in assistant.retriever.chunks]
    row.update(retrieval_metrics(texts, case))
    row.update(citation_checks(answer))
    row["false_refusal"] = not answer["found"]
    if row["closest"]:
        row["closest_right"] = float(bool(cited_texts) and holds(cited_texts[0], case.gold))
    row["cited_first"] = float(answer["found"] and bool(cited_texts) and holds(cited_texts[0], case.gold))
    row["cited_any"] = float(answer["found"] and any(holds(t, case.gold) for t in cited_texts))
    if answer["found"]:
        row["citation_precision"] = sum(holds(t, case.gold) for t in cited_texts) / len(cited_texts) if cited_texts else 0.0
        row["citation_recall"] = gold_found(cited_texts, case.gold) / len(case.gold)
    row["fact_recall"] = fact_recall(answer["answer"], case.facts) if case.facts and answer["found"] else (0.0 if case.facts else None)
    if case.slice == "structural":
        row["list_complete"] = float(row["fact_recall"] == 1.0)
    row["passed"] = bool(row["hit@5"] and answer["found"] and (row["fact_recall"] in (None, 1.0)))
    return _with_scope(row, case, answer)


def _with_scope(row: dict, case: Case, answer: dict) -> dict:
    """A conversation that ruled a document out must never cite it, not even as a nearest passage."""
    if case.excluded_docs:
        row["scope_kept"] = float(not any(c["doc_id"] in case.excluded_docs for c in answer["citations"]))
        row["passed"] = row["passed"] and bool(row["scope_kept"])
    return row


def summarise(rows: list[dict]) -> dict:
    """Averages over the rows that have each metric."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    out: dict = {"questions": len(rows), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    for key in ("hit@1", "hit@3", "hit@5", "recall@5", "mrr", "ndcg@10", "cited_first", "cited_any", "citation_precision",
                "citation_recall", "fact_recall", "list_complete", "scope_kept", "closest_right"):
        values = [r[key] for r in answerable if r.get(key) is not None]
        if values:
            out[key] = round(statistics.fmean(values), 4)
    for key in ("alce_recall", "alce_precision"):
        values = [r[key] for r in rows if key in r]
        if values:
            out[key] = round(statistics.fmean(values), 4)
    written = sum(r.get("claims_written", 0) for r in rows)
    if written:
        out["claims_supported_share"] = round(sum(r.get("claims_supported", 0) for r in rows) / written, 4)
        out["answered_generatively"] = round(statistics.fmean(r.get("mode") == "generative" for r in rows), 4)
    if answerable:
        out["false_refusal_rate"] = round(statistics.fmean(r["false_refusal"] for r in answerable), 4)
        out["closest_rate"] = round(statistics.fmean(r.get("closest", False) for r in answerable), 4)
        out["bare_refusal_rate"] = round(out["false_refusal_rate"] - out["closest_rate"], 4)
        claims = sum(r.get("claims", 0) for r in answerable)
        out["citation_support"] = round(sum(r.get("supported", 0) for r in answerable) / claims, 4) if claims else None
        out["markers_exist"] = round(statistics.fmean(r.get("markers_exist", True) for r in answerable), 4)
    scoped = [r["scope_kept"] for r in rows if "scope_kept" in r]
    if scoped:
        out["scope_kept"] = round(statistics.fmean(scoped), 4)
    if unanswerable:
        out["refusal_accuracy"] = round(statistics.fmean(r["refused"] for r in unanswerable), 4)
        out["closest_unanswerable"] = round(statistics.fmean(r.get("closest", False) for r in unanswerable), 4)
    latencies = sorted(r["latency_ms"] for r in rows if "latency_ms" in r)
    if latencies:
        out["latency_p50_ms"] = round(statistics.median(latencies), 2)
        out["latency_p95_ms"] = round(latencies[min(len(latencies) - 1, math.ceil(0.95 * len(latencies)) - 1)], 2)
    return out


def by_slice(rows: list[dict]) -> dict[str, dict]:
    slices = dict.fromkeys(r["slice"] for r in rows)
    return {s: summarise([r for r in rows if r["slice"] == s]) for s in slices}


def run(assistant: Assistant, cases: list[Case], baseline: bool = True, generative: bool = False) -> dict:
    """Evaluate the system (and the LangChain tutorial baseline) on ``cases``; with ``generative``,
    also the same system answering through the configured language model, side by side."""
    rows = [evaluate_case(assistant, c) for c in cases]
    report = {"system": summarise(rows), "slices": by_slice(rows), "rows": rows}
    if generative:
        writer = Assistant(assistant.settings.model_copy(update={"answer_mode": "generative"}), embeddings=assistant.embeddings)
        generated = [evaluate_case(writer, c) for c in cases]
        report.update(generative=summarise(generated), generative_slices=by_slice(generated), generative_rows=generated)
    if assistant.settings.llm_base_url:
        report["judge"] = judge_rows(assistant, rows)
    if baseline:
        from assistant.evaluation.baseline import TutorialPipeline

        pipeline = TutorialPipeline(assistant.settings.corpus_dir, assistant.embeddings)
        base_rows = [pipeline.evaluate(c) for c in cases]
        report["baseline"] = summarise(base_rows)
        report["baseline_slices"] = by_slice(base_rows)
    return report


def judge_rows(assistant: Assistant, rows: list[dict]) -> dict:
    """LLM-judged faithfulness and relevance of the found answers (trends, never a gate)."""
    from assistant.evaluation.judge import Judge, JudgeUnavailable

    judge = Judge(assistant.settings)
    try:
        for row in rows:
            if row["found"]:
                sources = [assistant.retriever.chunks[c["chunk_id"]].text for c in row["cited_full"] if c["chunk_id"] in assistant.retriever.chunks]
                row["judge_faithfulness"] = judge.faithfulness(row["answer"], sources)
                row["judge_relevance"] = judge.relevance(row["question"], row["answer"])
    except JudgeUnavailable as e:
        return {"error": str(e)}
    out = {}
    for key in ("judge_faithfulness", "judge_relevance"):
        values = [r[key] for r in rows if r.get(key) is not None]
        out[key] = round(statistics.fmean(values), 4) if values else None
    out["judged"] = sum(r.get("judge_relevance") is not None for r in rows)
    return out


def check_thresholds(summary: dict, thresholds: dict) -> list[str]:
    """Messages for every metric outside its bound (``min`` floors, ``max`` ceilings)."""
    failures = []
    for name, floor in thresholds.get("min", {}).items():
        if summary.get(name) is None or summary[name] < floor:
            failures.append(f"{name} = {summary.get(name)} is under its threshold {floor}")
    for name, ceiling in thresholds.get("max", {}).items():
        if summary.get(name) is None or summary[name] > ceiling:
            failures.append(f"{name} = {summary.get(name)} is over its threshold {ceiling}")
    return failures


def compare(new: dict, old: dict) -> list[str]:
    """Lines "metric old -> new (delta)" for the system metrics both reports hold."""
    lines = []
    for key, value in new["system"].items():
        before = old.get("system", {}).get(key)
        if isinstance(value, (int, float)) and isinstance(before, (int, float)):
            lines.append(f"{key:22} {before:>9.4f} -> {value:>9.4f} ({value - before:+.4f})")
    return lines
