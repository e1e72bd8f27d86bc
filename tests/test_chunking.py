import pytest
from transformers import AutoTokenizer

from assistant.chunking import chunk
from assistant.documents import load
from assistant.settings import Settings
from tests.conftest import CORPUS, NORTH, WEST
from tests.pdfs import write_pdf


@pytest.fixture(scope="module")
def corpus_chunks():
    return {p.stem: chunk(load(p)) for p in CORPUS.glob("*.txt")}


def sections(chunks):
    return {c.section for c in chunks}


def test_numbered_sections_and_goal_titles_form_the_section_path(corpus_chunks):
    north = sections(corpus_chunks[NORTH])
    assert "3 Drivers > 3.1.8 Lack of rural transport" in north
    assert "6 Priority 2: Prosperous Place > 6.2 Priority Goals > Transport" in north
    assert "5 Priority 1: Proud Place > 5.2 Priority Goals > Civic Leadership" in north
    assert "4 A Vision for North Northamptonshire > 4.3 What we want to be in 2050" in north


def test_priority_labels_join_their_title_and_lists_stay_with_their_heading(corpus_chunks):
    west = corpus_chunks[WEST]
    assert "Our Priority 2: Accessible and Connected" in sections(west)
    outcomes = [c for c in west if c.section == "Our Priority 2: Accessible and Connected > Suggested outcomes we want by 2030"]
    assert outcomes and outcomes[0].text.startswith("- Greater use and accessibility of the public transport")


def test_statistics_are_not_mistaken_for_numbered_sections(corpus_chunks):
    assert not any("45.2 The average" in s or "166 Number" in s for s in sections(corpus_chunks[WEST]))


def test_chunks_fit_the_embedding_window_and_have_stable_ids_and_offsets(corpus_chunks):
    tokenizer = AutoTokenizer.from_pretrained(Settings().embedding_model)
    for path in CORPUS.glob("*.txt"):
        doc = load(path)
        chunks = corpus_chunks[path.stem]
        assert [c.id for c in chunk(load(path))] == [c.id for c in chunks]  # same file, same ids
        assert len({c.id for c in chunks}) == len(chunks)
        for c in chunks:
            assert len(tokenizer(c.embedding_text())["input_ids"]) <= 256, c.id
            first_line = c.text.split("\n")[0].lstrip("- ")
            assert first_line in doc.text[c.start : c.end]


def test_pdf_chunks_carry_their_page(tmp_path):
    path = write_pdf(tmp_path / "p.pdf", ["1 Parks\n\nEvery ward has a park.", "2 Buses\n\nBuses run hourly to every village."])
    chunks = chunk(load(path))
    assert [(c.section, c.page) for c in chunks] == [("1 Parks", "1"), ("2 Buses", "2")]
