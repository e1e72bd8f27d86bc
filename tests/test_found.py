"""The fitted "found" model: read from its file, applied to the evidence, or switched off."""

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import CLOSEST
from assistant.found import FEATURES, found_model
from assistant.render import sources_html
from assistant.settings import Settings
from tests.test_answer import assert_well_cited


def test_the_shipped_model_reads_the_evidence_features():
    model = found_model(Settings().found_model)
    assert model and model.features == FEATURES and 0 < model.threshold < 1
    strong = {"similarity": 0.7, "sentence_similarity": 0.8, "support": 1.0, "wants_number": 0.0}
    weak = {"similarity": 0.2, "sentence_similarity": 0.3, "support": 0.1, "wants_number": 0.0}
    assert model.probability(strong) > model.threshold > model.probability(weak)
    assert 0 < model.closest_threshold < model.threshold  # a middle band exists


def test_evidence_in_the_middle_band_gets_the_closest_sentences_and_claims_nothing(corpus_assistant, monkeypatch, tmp_path):
    shipped = json.loads(Path(Settings().found_model).read_text("utf-8"))
    middle = tmp_path / "middle.json"  # the shipped weights with every probability in the middle band
    middle.write_text(json.dumps({**shipped, "threshold": 1.0, "closest_threshold": 0.0}), "utf-8")
    everything = tmp_path / "everything.json"  # every probability "found"
    everything.write_text(json.dumps({**shipped, "threshold": 0.0, "closest_threshold": 0.0}), "utf-8")
    monkeypatch.setattr(corpus_assistant.settings, "found_model", str(middle))
    answer = corpus_assistant.ask("What is being done for people who sleep on the streets in West Northamptonshire?")
    assert not answer.found and answer.kind == "closest"
    assert answer.answer.startswith(CLOSEST) and re.search(r"\[1\]", answer.answer)
    assert "sleeping rough" in answer.answer
    assert_well_cited(answer)
    assert "Closest passages (they may not answer the question)" in sources_html(answer)
    # a topic no passage names is never answered, however sure the model: at most the closest sentences
    monkeypatch.setattr(corpus_assistant.settings, "found_model", str(everything))
    assert corpus_assistant.ask("What is North Northamptonshire doing about flooding?").kind == "closest"
    assert corpus_assistant.ask("What is the average house price in West Northamptonshire?").kind == "fact"
    # a "who is the <role>" question no sentence answers gets a bare "not found", whatever the model says
    nobody = corpus_assistant.ask("Who is the Police and Crime Commissioner for Northamptonshire?")
    assert nobody.kind == "not_found" and not re.search(r"\[\d+\]", nobody.answer)


def test_an_empty_setting_falls_back_to_the_thresholds(corpus_assistant, monkeypatch):
    assert found_model("") is None and found_model("  ") is None
    monkeypatch.setattr(corpus_assistant.settings, "found_model", "")
    answer = corpus_assistant.ask("What is the average house price in West Northamptonshire?")
    assert answer.found and "p_found" not in answer.evidence


def test_a_missing_model_file_gets_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="run `python evals/fit_found.py`, or set it empty"):
        found_model(str(tmp_path / "nothing.json"))


def test_the_fit_answers_from_the_lowest_cut_that_still_refuses_enough():
    # evals/fit_found.py picks its cuts from the product's targets; two toy splits, cut in 0.01 steps
    spec = importlib.util.spec_from_file_location("fit_found", Path(__file__).parent.parent / "evals" / "fit_found.py")
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    truth = np.array([0] * 10 + [1] * 10)
    unanswerable = np.arange(10) * 0.05 + 0.025  # 0.025 ... 0.475: refusing 9 of 10 (0.82 needs 9) cuts above 0.425
    answerable = np.arange(10) * 0.07 + 0.305  # 0.305 ... 0.935
    splits = [np.concatenate([unanswerable, answerable])] * 2
    assert fit.MIN_REFUSAL > 0.8
    assert fit.answer_threshold(splits, truth) == 0.43
    closest, _ = fit.closest_threshold(0.43, splits, truth)
    assert closest == 0.3  # below it no answerable question: at most one in 40 gets a bare "not found"
