"""Answers to questions of our own about the two shipped documents (not the eval gold set)."""

import re

import pytest

from assistant.answer import sentences
from assistant.service import QuestionError
from tests.conftest import NORTH, WEST


def assert_well_cited(answer):
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}
    for c in answer.citations:
        assert c.quote and c.quote in c.text, "a cited passage must contain the sentence it supports"
        assert len(c.text) <= 1001 + 2
        assert c.title and c.section


@pytest.mark.parametrize("question, doc_id, phrase", [
    ("How much did North Northamptonshire's population grow between 2011 and 2021?", NORTH, "13.5%"),
    ("What is the average house price in West Northamptonshire?", WEST, "£282,744"),
    ("How many affordable homes a year does West Northamptonshire want to deliver?", WEST, "650"),
    ("What share of journeys in North Northamptonshire are made by car?", NORTH, "80%"),
    ("When was the Big 50 Conference held?", NORTH, "July 2023"),
])
def test_fact_questions_are_answered_from_the_right_passage(corpus_assistant, question, doc_id, phrase):
    answer = corpus_assistant.ask(question)
    assert answer.found and answer.kind == "fact"
    assert answer.citations[0].doc_id == doc_id
    assert phrase in answer.answer
    assert_well_cited(answer)


def test_goal_questions_list_goals_grouped_by_document(corpus_assistant):
    answer = corpus_assistant.ask("Which goals address rural transport?")
    assert answer.found and answer.kind == "list"
    assert {c.doc_id for c in answer.citations} == {NORTH, WEST}
    assert any(c.section.endswith("6.2 Priority Goals > Transport") for c in answer.citations)
    assert "North Northamptonshire Vision 2050 (BIG50):" in answer.answer
    assert "One West Northamptonshire: Our Vision for 2030:" in answer.answer
    assert_well_cited(answer)


@pytest.mark.parametrize("question", [
    "What is the capital of France?",
    "How much is the council tax band D charge?",
    "Who won the 2019 general election in Corby?",
])
def test_questions_the_documents_do_not_answer_are_refused(corpus_assistant, question):
    answer = corpus_assistant.ask(question)
    assert not answer.found and answer.kind == "not_found"
    assert "do not appear to answer" in answer.answer
    assert not re.search(r"\[\d+\]", answer.answer)
    assert answer.citations  # the nearest passages are still shown


@pytest.mark.parametrize("question, message", [("", "type a question"), ("   ", "type a question"), ("x" * 10_000, "10,000 characters")])
def test_empty_and_huge_questions_get_a_clear_message(corpus_assistant, question, message):
    with pytest.raises(QuestionError, match=message):
        corpus_assistant.ask(question)


def test_answer_json_has_the_documented_fields(corpus_assistant):
    data = corpus_assistant.ask("What is the Vision for 2050?").to_dict()
    assert {"answer", "found", "citations"} <= set(data)
    assert {"n", "doc_id", "title", "section", "page", "text", "score"} <= set(data["citations"][0])


def test_sentences_split_bullets_and_sentences():
    assert sentences("One. Two!\n- Three") == ["One.", "Two!", "Three"]


def test_a_how_many_question_counts_figures_written_in_words():
    from assistant.answer import _Scorer

    scorer = _Scorer({"gap": 1.0, "year": 1.0}, wants_number=True, figure_bonus=0.5)
    assert scorer.share("There can be up to nine years gap.") == 1.0
    assert scorer.share("A 12 year gap.") == 1.0
    assert scorer.share("The gap in years is large.") == 0.0  # no figure: no support for "how many"
    assert scorer.share("The gap closes in the year after October.") == 1.0  # a date answers "when"
