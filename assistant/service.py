"""``Assistant``: the one object the CLI, the app and the evaluation call.

It builds every component from one ``Settings`` and loads the expensive ones (the embedding
model, the index) once.

    from assistant import Assistant
    assistant = Assistant()          # settings from ASSISTANT_* variables
    assistant.ingest()               # the corpus folder; unchanged files are skipped
    answer = assistant.ask("Which goals address rural transport?")
    answer.found, answer.citations[0].section
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from assistant.answer import Answer, Citation, Pick, citations, number
from assistant.catalogue import asks_source, provenance
from assistant.generate import Writer, generate
from assistant.index import DocumentInfo, Index, load_embeddings
from assistant.ingest import IngestReport, ingest
from assistant.outline import Section
from assistant.respond import Answerer
from assistant.retrieval import Retriever
from assistant.settings import Settings

log = logging.getLogger(__name__)


class QuestionError(ValueError):
    """A question the assistant will not search for (empty, too long); the message says why."""


class Assistant:
    def __init__(self, settings: Settings | None = None, embeddings=None):
        self.settings = settings or Settings()
        self._embeddings = embeddings

    @cached_property
    def embeddings(self):
        return self._embeddings or load_embeddings(self.settings)

    @cached_property
    def index(self) -> Index:
        return Index(self.settings, self.embeddings)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.index, self.embeddings, self.settings)

    @cached_property
    def answerer(self) -> Answerer:
        return Answerer(self.settings)

    @cached_property
    def writer(self) -> Writer:
        return Writer(self.settings)

    def ingest(self, paths: list[Path | str] | None = None, progress: bool = False) -> IngestReport:
        report = ingest([Path(p) for p in (paths or [self.settings.corpus_dir])], self.index, self.settings, progress)
        if "retriever" in self.__dict__ and (report.indexed or report.removed):
            self.retriever.refresh()
        return report

    def remove(self, doc_id: str) -> int:
        removed = self.index.remove(doc_id)
        if "retriever" in self.__dict__:
            self.retriever.refresh()
        return removed

    def documents(self) -> list[DocumentInfo]:
        return self.index.documents()

    def outline(self, doc_id: str) -> list[Section]:
        """The document's sections in reading order, each with its kind (see ``outline``)."""
        self.retriever.follow()
        return self.retriever.outlines.get(doc_id, [])

    def context(self, chunk_id: str) -> tuple[str, str, str]:
        """The passage with the passages just before and after it in its document."""
        here = self.retriever.chunks.get(chunk_id)
        if here is None:
            return "", "", ""
        same = self.retriever.reading_order[here.doc_id]
        i = same.index(here)
        before = same[i - 1].text if i > 0 else ""
        after = same[i + 1].text if i + 1 < len(same) else ""
        return before, here.text, after

    def ask(self, question: str, history: list[str] | None = None, doc_id: str | None = None, k: int | None = None) -> Answer:
        *_, answer = self.ask_stream(question, history, doc_id, k)
        return answer

    def ask_stream(self, question: str, history: list[str] | None = None, doc_id: str | None = None,
                   k: int | None = None) -> Iterator[str | Answer]:
        """Yield the language model's text as it comes (generative mode only), then the ``Answer``."""
        question = self.check_question(question)
        self.retriever.follow()
        if not self.retriever.chunks:
            raise QuestionError("The index is empty: run `assistant ingest` first.")
        started = time.perf_counter()
        if history and asks_source(question):  # "which document is that from?": the previous answer's sources
            earlier = self.retriever.read(history[-1], history[:-1], doc_id)
            answer, turn = provenance(question, history[-1], self.answerer.answer(earlier, self.retriever, k)), None
        else:
            turn = self.retriever.read(question, history or [], doc_id)
            answer = self.answerer.answer(turn, self.retriever, k)
        if self.settings.answer_mode == "generative" and not self.settings.llm_base_url:
            answer = replace(answer, notice="Extractive answer shown: no language model is set (ASSISTANT_LLM_BASE_URL).")
        elif self.settings.answer_mode == "generative" and turn is not None and answer.kind != "catalogue":
            # the catalogue has no passage to write from, and where an answer comes from is no question for the model
            sources = answer.citations if answer.found else self._top_passages(turn, k)
            for item in generate(question, history or [], answer, sources, self.writer, self.settings):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
        log.info("ask %r -> %s %s, %d sources, %.0f ms", question[:80], answer.mode, answer.kind, len(answer.citations),
                 (time.perf_counter() - started) * 1000)
        yield answer

    def _top_passages(self, turn, k: int | None) -> list[Citation]:
        """The search's best passages as numbered sources, for a model to write from."""
        retrieval = self.retriever.find(turn, k or self.settings.top_k)
        return citations(number([Pick(p, "") for p in retrieval.passages]), self.settings.max_quote_chars)

    def check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise QuestionError("Please type a question.")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"The question is {len(question):,} characters long; please keep it under {limit:,}.")
        return question
