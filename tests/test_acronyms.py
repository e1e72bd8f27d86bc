"""Acronyms spelled out in a text, and questions that ask for one (pure functions, no model)."""

import pytest

from assistant.acronyms import asked, spelled_out


def test_spelled_out_matches_initials_skipping_small_words_and_splitting_hyphens():
    text = ("Children with special educational needs and disabilities (SEND) and the multi-agency "
            "safeguarding hub (MASH), within our Local Area Partnerships (LAPs).")
    assert spelled_out(text) == {"SEND": "special educational needs and disabilities",
                                 "MASH": "multi-agency safeguarding hub", "LAP": "Local Area Partnerships"}


def test_an_acronym_may_come_first_with_its_words_in_brackets_after_it():
    assert spelled_out("boosting our GVA (gross value added) and the NHS (see page 4).") == {"GVA": "gross value added"}


@pytest.mark.parametrize("text", [
    "The figure rose by 40% (SEND).",  # the words before do not give its letters
    "as shown on page 3 (Table 2).",
    "Visit the hub (open daily).",
])
def test_brackets_that_do_not_follow_their_words_are_no_definition(text):
    assert spelled_out(text) == {}


@pytest.mark.parametrize("question, expected", [
    ("What does LAP stand for?", (["LAP"], True)),
    ("What is MASH?", (["MASH"], True)),
    ("what's the NHS", (["NHS"], True)),
    ("What's the meaning of AI in the West plan?", (["AI"], True)),
    ("Define LAPs", (["LAP"], True)),
    ("what does ev mean", (["EV"], False)),
])
def test_questions_that_ask_for_an_acronym(question, expected):
    assert asked(question) == expected


@pytest.mark.parametrize("question", [
    "What is a hub?", "What is the SEND strategy?", "What is prevention?", "Which priority covers LAPs?",
])
def test_questions_that_do_not_ask_to_spell_one_out(question):
    assert asked(question) == ([], False)


def test_what_does_that_stand_for_spells_out_the_acronym_asked_about_before(corpus_assistant):
    answer = corpus_assistant.ask("what does that stand for?", ["What does the West say about SEND?"])
    assert answer.found and answer.answer.startswith("SEND: special educational needs and disabilities")
    answer = corpus_assistant.ask("what does it mean for families?", ["Tell me about SEND"])
    assert not answer.answer.startswith("SEND:")  # what it means for families, not the acronym again
