"""The reference point for the evaluation: LangChain's tutorial RAG pipeline.

RecursiveCharacterTextSplitter (1000 characters, 200 overlap) over the raw files, Chroma in
memory, the same embedding model, top 5 by similarity. It has no notion of structure, keywords,
follow-ups or refusal, which is what the comparison is meant to show.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import chromadb
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.evaluation.harness import RETRIEVAL_DEPTH, Case, retrieval_metrics


class TutorialPipeline:
    def __init__(self, corpus_dir: Path, embeddings, suffixes=(".txt", ".md")):
        files = sorted(p for p in Path(corpus_dir).iterdir() if p.suffix in suffixes)
        docs = [Document(page_content=p.read_text("utf-8"), metadata={"source": str(p)}) for p in files]
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
        self.store = Chroma.from_documents(chunks, embeddings, client=chromadb.EphemeralClient(),
                                           collection_name=f"baseline-{uuid.uuid4().hex[:8]}")

    def evaluate(self, case: Case) -> dict:
        started = time.perf_counter()
        texts = [d.page_content for d in self.store.similarity_search(case.question, k=RETRIEVAL_DEPTH)]
        row = {"id": case.id, "slice": case.slice, "answerable": case.answerable,
               "latency_ms": round((time.perf_counter() - started) * 1000, 2)}
        if case.answerable:
            row.update(retrieval_metrics(texts, case), false_refusal=False)
        else:
            row["refused"] = False  # it always answers
        return row
