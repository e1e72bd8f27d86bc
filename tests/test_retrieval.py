from assistant.retrieval import (
    balance,
    contextual_query,
    drop_near_duplicates,
    is_comparison,
    mentions,
)
from tests.conftest import NORTH, WEST

ALIASES = {NORTH: ["North Northamptonshire", "BIG50"], WEST: ["West Northamptonshire", "West Northants"]}


def test_follow_ups_are_read_with_the_previous_question():
    assert contextual_query("and in West Northamptonshire?", ["Which goals address rural transport?"], 8) == \
        "Which goals address rural transport? and in West Northamptonshire?"
    assert contextual_query("What does it say about housing?", [], 8) == "What does it say about housing?"


def test_documents_are_recognised_by_their_aliases():
    assert mentions("What does West Northants plan for buses?", ALIASES) == {WEST: ["West Northants"]}
    assert list(mentions("Compare North Northamptonshire and West Northamptonshire", ALIASES)) == [NORTH, WEST]
    assert mentions("What about Northamptonshire?", ALIASES) == {}


def test_comparison_questions_are_recognised():
    assert is_comparison("How do the two documents differ on housing?")
    assert is_comparison("What do both plans say about health?")
    assert not is_comparison("What is the average house price?")


def test_follow_up_question_uses_the_history(corpus_assistant):
    retrieval = corpus_assistant.retriever.search("and in West Northamptonshire?", ["Which goals address rural transport?"])
    assert retrieval.doc_ids == [WEST]
    assert all(p.chunk.doc_id == WEST for p in retrieval.passages)
    assert any("rural" in p.chunk.text and "transport" in p.chunk.text for p in retrieval.passages[:3])


def test_document_filter_keeps_to_one_document(corpus_assistant):
    retrieval = corpus_assistant.retriever.search("What are the plans for housing?", doc_id=NORTH)
    assert retrieval.passages and {p.chunk.doc_id for p in retrieval.passages} == {NORTH}


def test_comparison_brings_both_documents(corpus_assistant):
    retrieval = corpus_assistant.retriever.search("Compare what both documents say about children")
    top = {p.chunk.doc_id for p in retrieval.passages[:2]}
    assert top == {NORTH, WEST}


def test_near_duplicates_are_dropped(corpus_assistant):
    retrieval = corpus_assistant.retriever.search("population growth 2011 2021")
    same = drop_near_duplicates(retrieval.passages + retrieval.passages, 0.8)
    assert [p.chunk.id for p in same] == [p.chunk.id for p in retrieval.passages]
    assert balance(retrieval.passages)  # keeps every passage


def test_context_is_the_neighbouring_passages_in_reading_order(corpus_assistant):
    order = corpus_assistant.retriever.reading_order[NORTH]
    before, here, after = corpus_assistant.context(order[5].id)
    assert (before, here, after) == (order[4].text, order[5].text, order[6].text)
    assert corpus_assistant.context("no-such-chunk") == ("", "", "")
    assert corpus_assistant.outline(NORTH)[:2] == ["Foreword", "1 Introduction"]
