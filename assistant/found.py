"""The "found" decision as a fitted model: a logistic regression over the evidence features.

``evals/fit_found.py`` fits it on the dev set (never the gold set) and writes
``assistant/found_model.json``; this module only reads that file, so the pipeline needs no
machine-learning library at run time. Settings: ``ASSISTANT_FOUND_MODEL`` (a path; empty to
fall back to the thresholds in settings).

Below ``threshold`` and at or above ``closest_threshold`` the evidence is too weak to answer but
too strong to dismiss: the answer says so and quotes the closest sentences (``answer.closest``).

>>> m = FoundModel(["support"], [4.0], -2.0, 0.5, 0.3)
>>> round(m.probability({"support": 0.5}), 3), round(m.probability({"support": 1.0}), 3)
(0.5, 0.881)
>>> m.verdict(m.probability({"support": 0.4})), m.verdict(m.probability({"support": 0.1}))
('closest', 'not_found')
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
    closest_threshold: float  # equal to ``threshold``: no middle answer

    def verdict(self, p: float) -> str:
        """For probability ``p``: "found", "closest" (a hedged answer quoting the nearest sentences) or "not_found"."""
        return "found" if p >= self.threshold else "closest" if p >= self.closest_threshold else "not_found"

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
        return FoundModel(data["features"], data["weights"], data["bias"], data["threshold"],
                          data.get("closest_threshold", data["threshold"]))
    except (OSError, ValueError, KeyError) as e:
        raise ValueError(f"ASSISTANT_FOUND_MODEL={path}: not a found model ({type(e).__name__}: {e}); "
                         "run `python evals/fit_found.py`, or set it empty to use the thresholds") from None
