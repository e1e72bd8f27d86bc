"""The fitted "found" model: read from its file, applied to the evidence, or switched off."""

import pytest

from assistant.found import FEATURES, found_model
from assistant.settings import Settings


def test_the_shipped_model_reads_the_evidence_features():
    model = found_model(Settings().found_model)
    assert model and model.features == FEATURES and 0 < model.threshold < 1
    strong = {"similarity": 0.7, "sentence_similarity": 0.8, "support": 1.0, "wants_number": 0.0}
    weak = {"similarity": 0.2, "sentence_similarity": 0.3, "support": 0.1, "wants_number": 0.0}
    assert model.probability(strong) > model.threshold > model.probability(weak)


def test_an_empty_setting_falls_back_to_the_thresholds(corpus_assistant, monkeypatch):
    assert found_model("") is None and found_model("  ") is None
    monkeypatch.setattr(corpus_assistant.settings, "found_model", "")
    answer = corpus_assistant.ask("What is the average house price in West Northamptonshire?")
    assert answer.found and "p_found" not in answer.evidence


def test_a_missing_model_file_gets_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="run `python evals/fit_found.py`, or set it empty"):
        found_model(str(tmp_path / "nothing.json"))
