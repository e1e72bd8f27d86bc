"""The "found" decision as a fitted model: a logistic regression over the evidence features.

``evals/fit_found.py`` fits it on the dev set (never the gold set) and writes
``assistant/found_model.json``; this module only reads that file, so the pipeline needs no
machine-learning library at run time. Settings: ``ASSISTANT_FOUND_MODEL`` (a path; empty to
fall back to the thresholds in settings).

>>> m = FoundModel(["support"], [4.0], -2.0, 0.5)
>>> round(m.probability({"support": 0.5}), 3), round(m.probability({"support": 1.0}), 3)
(0.5, 0.881)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FEATURES = ["similarity", "sentence_similarity", "support", "wants_number"]


@dataclass(frozen=True)
class FoundModel:
    features: list[str]
    weights: list[float]
    bias: float
    threshold: float

    def probability(self, evidence: dict) -> float:
        z = self.bias + sum(w * float(evidence.get(f, 0.0)) for f, w in zip(self.features, self.weights))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=4)
def found_model(path: str) -> FoundModel | None:
    """The model in ``path`` (read once), or None when the setting is empty."""
    if not path or not path.strip():
        return None
    try:
        data = json.loads(Path(path).read_text("utf-8"))
        return FoundModel(data["features"], data["weights"], data["bias"], data["threshold"])
    except (OSError, ValueError, KeyError) as e:
        raise ValueError(f"ASSISTANT_FOUND_MODEL={path}: not a found model ({type(e).__name__}: {e}); "
                         "run `python evals/fit_found.py`, or set it empty to use the thresholds") from None
