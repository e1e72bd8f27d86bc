"""Questions about the library itself are answered from its catalogue (the shipped manifest)."""

from assistant.catalogue import library
from assistant.index import DocumentInfo
from tests.conftest import NORTH, WEST


def test_which_documents_lists_the_library_with_its_catalogue_record(corpus_assistant):
    answer = corpus_assistant.ask("Which documents can I ask about?")
    assert answer.found and answer.kind == "catalogue" and not answer.citations
    assert "North Northamptonshire Vision 2050 (BIG50) — published by North Northamptonshire Council, dated 2023" in answer.answer
    assert "One West Northamptonshire: Our Vision for 2030 — published by West Northamptonshire Council, dated 2024" in answer.answer


def test_who_published_a_document_and_its_status_come_from_the_catalogue(corpus_assistant):
    answer = corpus_assistant.ask("Who published the West plan?")
    assert answer.kind == "catalogue" and answer.scope == [WEST]
    assert "published by West Northamptonshire Council" in answer.answer and "North Northamptonshire Council" not in answer.answer
    follow_up = corpus_assistant.ask("is it still a draft?", ["What does the North vision say about tourism?"])
    assert follow_up.kind == "catalogue" and follow_up.scope == [NORTH] and "status: Draft" in follow_up.answer


def test_a_question_about_something_else_than_the_document_is_answered_from_the_passages(corpus_assistant):
    answer = corpus_assistant.ask("When was the Big 50 Conference held?")
    assert answer.kind == "fact" and answer.found and "July 2023" in answer.answer


def test_a_long_library_is_listed_up_to_a_limit():
    # a unit test with made-up catalogue entries, no index
    documents = {f"d{i}": DocumentInfo(f"d{i}", f"Plan {i:02d}", "", "", "", "", "", "", [], 1) for i in range(25)}
    answer = library("What documents do you have?", documents, 20)
    assert answer.answer.count("• ") == 20 and "… and 5 more" in answer.answer


def test_which_document_is_that_from_names_the_sources_of_the_previous_answer(corpus_assistant):
    answer = corpus_assistant.ask("which document is that in?", ["What is the Good Health goal?"])
    assert answer.found and answer.citations and {c.doc_id for c in answer.citations} == {NORTH}
    assert answer.answer.startswith('The answer to "What is the Good Health goal?" comes from:\nNorth Northamptonshire Vision 2050 (BIG50):')
    assert "Good Health [1]" in answer.answer and WEST not in answer.scope
    section = corpus_assistant.ask("which section is that in?", ["What is the Good Health goal?"])
    assert section.answer == answer.answer  # the same sources, asked by section
    nothing = corpus_assistant.ask("which plan says that?", ["What is the speed limit on the A14?"])
    assert not nothing.found and "quoted no passage that answers it" in nothing.answer


def test_a_greeting_or_a_request_for_help_says_what_the_assistant_does(corpus_assistant):
    for message in ("hello", "What can you do?", "help"):
        answer = corpus_assistant.ask(message)
        assert answer.kind == "catalogue" and "quoting the passages" in answer.answer and not answer.citations, message
    assert corpus_assistant.ask("What help is there for carers?").kind == "fact"  # "help" with something asked
