"""Fit the "found" model on the dev set: `python evals/fit_found.py` (the corpus must be ingested).

For every dev question answered by the fact path (structural lists and overviews decide "found"
their own way; a comparison applies this model to each document's part, but its questions are
left out of the fit, which sees whole questions only), it computes the evidence features the
pipeline computes at run time, fits a logistic regression (scikit-learn, class-balanced),
reports 5-fold cross-validated accuracy, false-refusal and refusal rates against the threshold
rule, and writes the weights to ``assistant/found_model.json``. The gold set is never read here.

Two cuts on the model's probability are chosen from the product's targets, cross-validated:
- where answers start: the lowest cut at which at least ``MIN_REFUSAL`` of the unanswerable
  questions are still refused (the product asks for 80%; the margin is one question of the ~50
  unanswerable ones in the fit). Every answerable question above it is answered, so this turns
  away as few of them as the refusal target allows;
- where the middle answer starts ("the documents do not seem to answer this in so many words;
  the closest they come: ..."): the highest cut below which at most one answerable question in
  40 (``MAX_BARE_REFUSAL``) would get a bare "not found".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev_questions.jsonl"
OUT = ROOT / "assistant" / "found_model.json"
C = 10.0
MIN_REFUSAL = 0.82  # the product's target: at least 80% of unanswerable questions refused (plus one question of margin)
MAX_BARE_REFUSAL = 1 / 40  # the product's target: at most one answerable question in 40 turned away
CUTS = [round(c, 2) for c in np.arange(0.01, 1.0, 0.01)]


def features(assistant, path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from assistant.answer import Scorer, is_supported
    from assistant.evaluation.harness import load_cases
    from assistant.found import FEATURES

    retriever, settings = assistant.retriever, assistant.settings
    rows, labels, rule = [], [], []
    for case in load_cases(path):
        turn = retriever.read(case.question, case.history)
        if turn.kind or turn.overview or turn.comparison:
            continue
        retrieval = retriever.find(turn, settings.top_k)
        scorer = Scorer.for_question(turn.question, retrieval.query, retriever.keywords, settings, retrieval.scope_terms)
        found, evidence = is_supported(retrieval.passages, scorer, settings)
        rows.append([evidence[f] for f in FEATURES])
        labels.append(int(case.answerable))
        rule.append(int(found))
    return np.array(rows), np.array(labels), np.array(rule)


def rates(predicted: np.ndarray, truth: np.ndarray) -> dict:
    return {"accuracy": round(float((predicted == truth).mean()), 3),
            "false_refusal": round(float(((predicted == 0) & (truth == 1)).sum() / truth.sum()), 3),
            "refusal": round(float(((predicted == 0) & (truth == 0)).sum() / (truth == 0).sum()), 3)}


def share_below(cut: float, label: int, probabilities: list[np.ndarray], truth: np.ndarray) -> float:
    """The mean (over the cross-validation splits) share of the questions with ``label`` whose
    probability is below ``cut``."""
    return float(np.mean([((p < cut) & (truth == label)).sum() / (truth == label).sum() for p in probabilities]))


def answer_threshold(probabilities: list[np.ndarray], truth: np.ndarray) -> float:
    """The lowest cut (0.01 steps) below which at least ``MIN_REFUSAL`` of the unanswerable questions fall."""
    return min((c for c in CUTS if share_below(c, 0, probabilities, truth) >= MIN_REFUSAL), default=CUTS[-1])


def closest_threshold(threshold: float, probabilities: list[np.ndarray], truth: np.ndarray) -> tuple[float, dict]:
    """The highest cut (0.01 steps, below ``threshold``) under which a mean of at most
    ``MAX_BARE_REFUSAL`` of the answerable questions fall, and what it does to both kinds."""
    def below(cut: float, label: int) -> float:
        return share_below(cut, label, probabilities, truth)
    cut = max((c for c in CUTS if c < threshold and below(c, 1) <= MAX_BARE_REFUSAL), default=threshold)
    return cut, {"answerable with a bare 'not found'": round(below(cut, 1), 3),
                 "answerable given the middle answer": round(below(threshold, 1) - below(cut, 1), 3),
                 "unanswerable given the middle answer": round(below(threshold, 0) - below(cut, 0), 3)}


def main() -> None:
    from assistant import Assistant
    from assistant.found import FEATURES
    from assistant.settings import Settings

    assistant = Assistant(Settings(found_model=""))  # features and the rule, without the old model
    x, y, rule = features(assistant, DEV)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    probabilities = [cross_val_predict(model, x, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed),
                                       method="predict_proba")[:, 1] for seed in range(5)]
    threshold = answer_threshold(probabilities, y)
    folds = [rates((p >= threshold).astype(int), y) for p in probabilities]
    closest, hedged = closest_threshold(threshold, probabilities, y)
    model.fit(x, y)
    report = {"questions": len(y), "answerable": int(y.sum()), "threshold rule": rates(rule, y),
              f"model answering from {threshold}, 5-fold cross-validated (mean of 5 splits)": {k: round(float(np.mean([f[k] for f in folds])), 3) for k in folds[0]},
              f"middle answer from {closest}, cross-validated": hedged}
    OUT.write_text(json.dumps({"features": FEATURES, "weights": [round(float(w), 4) for w in model.coef_[0]],
                               "bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
                               "closest_threshold": closest,
                               "fitted_on": "evals/dev_questions.jsonl", "fit": report}, indent=2) + "\n", "utf-8")
    json.dump(report, sys.stdout, indent=2)
    print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
