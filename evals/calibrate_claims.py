"""Calibrate the verifier's coverage threshold (``min_claim_coverage``) on the gold questions.

For each answerable gold question the extractive answer gives true claims (its sentences) with
the passage they come from. Each claim is checked against its own passage (it must pass) and
against the best-ranked other passage of the same search (a hard negative: similar words, a
different fact; it should fail). For each threshold the script prints the share of true claims
kept and of hard negatives wrongly passed. Run: ``.venv/bin/python evals/calibrate_claims.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.chunking import split_sentences  # noqa: E402
from assistant.evaluation.harness import load_cases  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.verify import unsupported_reason  # noqa: E402

THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def pairs(assistant: Assistant) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    positives, negatives = [], []
    for case in (c for c in load_cases() if c.answerable):
        answer = assistant.ask(case.question, case.history)
        if not answer.found:
            continue
        search = assistant.retriever.search(case.question, case.history, k=10).passages
        for citation in answer.citations:
            source = f"{citation.title}. {citation.section}.\n\n{citation.text}"
            other = next((p.chunk for p in search if p.chunk.id != citation.chunk_id), None)
            for claim in split_sentences(citation.quote):
                positives.append((claim, source))
                if other is not None:
                    negatives.append((claim, f"{other.title}. {other.section}.\n\n{other.text}"))
    return positives, negatives


def main() -> None:
    positives, negatives = pairs(Assistant())
    print(f"{len(positives)} true claims, {len(negatives)} hard negatives")
    print("threshold  true kept  negatives passed")
    for t in THRESHOLDS:
        kept = sum(not unsupported_reason(c, [1], {1: s}, t) for c, s in positives) / len(positives)
        wrong = sum(not unsupported_reason(c, [1], {1: s}, t) for c, s in negatives) / len(negatives)
        print(f"{t:9.1f}  {kept:9.3f}  {wrong:16.3f}")


if __name__ == "__main__":
    main()
