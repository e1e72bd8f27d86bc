"""The shipped documents as a council publishes them (laid-out PDF, Word, web page) read as well
as the .txt corpus: same words, same section paths, no page furniture, the same answers."""

from __future__ import annotations

import json
import re

import pytest

from assistant.chunking import chunk
from assistant.documents import load
from assistant.evaluation import harness as evaluation
from assistant.service import Assistant
from assistant.settings import Settings
from tests.conftest import CORPUS
from tests.published import RUNNING_HEADER, write_docx, write_html, write_pdf

WRITERS = {"pdf": write_pdf, "docx": write_docx, "html": write_html}
MANIFEST = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
TEXTS = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module", params=sorted(WRITERS))
def published(request, tmp_path_factory):
    """(format, folder): both documents in that format, with no manifest beside them."""
    fmt = request.param
    folder = tmp_path_factory.mktemp(f"published-{fmt}")
    for txt in TEXTS:
        WRITERS[fmt](load(txt), txt.read_text("utf-8"), folder / f"{txt.stem}.{fmt}", author=MANIFEST[txt.name]["publisher"])
    return fmt, folder


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_no_page_furniture_in_any_passage_or_section(published):
    fmt, folder = published
    for txt in TEXTS:
        doc = load(folder / f"{txt.stem}.{fmt}")
        header = RUNNING_HEADER.format(title=MANIFEST[txt.name]["title"])
        for c in chunk(doc):
            for text in (c.text, c.section):
                assert header not in text and not re.search(r"\bDRAFT\b|Page \d+ of \d+", text), (fmt, c.section, text)


def test_titles_and_publishers_come_from_the_file(published):
    fmt, folder = published
    for txt in TEXTS:
        doc = load(folder / f"{txt.stem}.{fmt}")
        assert (doc.title, doc.publisher) == (MANIFEST[txt.name]["title"], MANIFEST[txt.name]["publisher"])


def test_section_paths_match_the_text_corpus(published):
    """Each passage's section path equals that of the .txt passage holding its opening words."""
    fmt, folder = published
    same = total = 0
    for txt in TEXTS:
        reference = [(_normalised(c.text), c.section) for c in chunk(load(txt))]
        for c in chunk(load(folder / f"{txt.stem}.{fmt}")):
            opening = _normalised(c.text)[:60]
            total += 1
            same += any(opening in text and section == c.section for text, section in reference)
    assert same / total >= 0.9, f"{fmt}: {same} of {total} passages keep their section path"


@pytest.fixture(scope="module")
def text_corpus_scores(corpus_assistant):
    return evaluation.run(corpus_assistant, evaluation.load_cases(), baseline=False)["system"]


def test_gold_set_scores_as_on_the_text_corpus(published, embeddings, text_corpus_scores, tmp_path):
    """Ingested with a manifest that only names the documents (no file format carries the names
    people call a plan by, such as "West Northants"); titles, publishers and dates come from the
    files themselves."""
    fmt, folder = published
    (folder / "manifest.json").write_text(json.dumps(
        {f"{txt.stem}.{fmt}": {"aliases": MANIFEST[txt.name]["aliases"]} for txt in TEXTS}), "utf-8")
    try:
        assistant = Assistant(Settings(index_dir=tmp_path / "index", corpus_dir=folder), embeddings=embeddings)
        report = assistant.ingest()
        assert report.ok and len(report.indexed) == 2, report
        scores = evaluation.run(assistant, evaluation.load_cases(), baseline=False)["system"]
    finally:
        (folder / "manifest.json").unlink()
    for metric in ("hit@1", "hit@5"):
        assert abs(scores[metric] - text_corpus_scores[metric]) <= 0.02, (fmt, metric, scores[metric], text_corpus_scores[metric])
