"""Questions about the period a document covers, and the year its title names (no model)."""

import pytest

from assistant.horizon import asks_horizon, title_year


@pytest.mark.parametrize("question", [
    "How long does the plan run?", "What period does the vision cover?", "What is the time frame?",
    "What year do the documents look ahead to?", "How far ahead does it look?", "When does the plan end?",
    "Which plan looks further ahead?", "Which document looks furthest into the future?",
])
def test_questions_about_the_period_covered(question):
    assert asks_horizon(question)


@pytest.mark.parametrize("question", [
    "What is the time frame for net zero?",  # a topic with it: its own date, not the plan's
    "How long is the waiting list?", "How long will it take to build the homes?", "When will the bypass open?",
])
def test_questions_about_something_else(question):
    assert not asks_horizon(question)


def test_the_year_of_a_title_is_its_last_one():
    assert title_year("Corporate Plan 2021-2031") == "2031"
    assert title_year("North Northamptonshire Vision 2050 (BIG50)") == "2050"
    assert title_year("Our Transport Strategy") is None
