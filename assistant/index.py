"""Where chunks live: a Chroma collection (embedded folder or server) through langchain-chroma.

Each stored record's text is what was embedded (``Chunk.embedding_text()``: title, section path,
passage); metadata holds the passage offset inside it, the chunk's place in its document and
the document's own metadata (title, source, sha256 ...), so the index alone can list documents
and tell whether a file changed. A document is replaced as a whole: its new chunks are embedded
first, and only then are the old ones deleted and the new ones added, so a failure while reading
or embedding leaves the index as it was.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from assistant.chunking import Chunk, split_sentences
from assistant.documents import Document
from assistant.settings import Settings

log = logging.getLogger(__name__)

FORMAT = 3  # bump when what is stored per chunk changes: indexed documents are then re-indexed
DOC_FIELDS = ("title", "source", "sha256", "pipeline", "publisher", "date", "status", "aliases")


@dataclass
class StoredChunk(Chunk):
    """A chunk as read back from the index, with the text that was embedded for it."""

    indexed_text: str = ""


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    source: str
    sha256: str
    pipeline: str
    publisher: str
    date: str
    status: str
    aliases: list[str]
    chunks: int


def load_embeddings(settings: Settings) -> Embeddings:
    """The bundled sentence-transformers model behind LangChain's embeddings interface, run by
    torch or (``embedding_backend`` onnx, onnx-int8) by ONNX Runtime."""
    if settings.embedding_backend.startswith("onnx"):
        from assistant.onnx_embeddings import OnnxEmbeddings

        weights = "int8" if settings.embedding_backend == "onnx-int8" else "float"
        return OnnxEmbeddings(settings.embedding_model, settings.model_cache_dir, weights, settings.embedding_batch_size)
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=settings.embedding_model,
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": settings.embedding_batch_size},
    )


class Index:
    def __init__(self, settings: Settings, embeddings: Embeddings):
        self.settings = settings
        self.embeddings = embeddings

    @cached_property
    def store(self) -> Chroma:
        s = self.settings
        if s.chroma_host:
            client = chromadb.HttpClient(host=s.chroma_host, port=s.chroma_port)
        else:
            s.index_dir.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(s.index_dir))
        hnsw = {"space": "cosine", "ef_search": s.hnsw_ef, "ef_construction": s.hnsw_ef, "max_neighbors": s.hnsw_max_neighbors}
        store = Chroma(
            collection_name=s.collection,
            embedding_function=self.embeddings,
            client=client,
            collection_configuration={"hnsw": hnsw},
        )
        # The same collection through chromadb's own API, to add vectors embedded beforehand.
        self.client = client
        self.collection = client.get_collection(s.collection)
        # One vector per sentence beside the passage vectors (multi-vector): for max-sim re-ranking.
        self.sentences = client.get_or_create_collection(f"{s.collection}_sentences", configuration={"hnsw": hnsw})
        # One record per document holding the token of its last change: see ``_changed``.
        self.changes = client.get_or_create_collection(f"{s.collection}_changes")
        return store

    # --- writing -------------------------------------------------------------------------
    def replace(self, doc: Document, chunks: list[Chunk], pipeline: str, progress: bool = False) -> None:
        """Make ``chunks`` the only chunks of ``doc`` in the index."""
        texts = [c.embedding_text() for c in chunks]
        sentence_rows = [(f"{c.id}#{i}", c.id, sentence_text(c, s)) for c in chunks for i, s in enumerate(split_sentences(c.text))]
        vectors = self._embed(texts, f"embedding {doc.doc_id}", progress)
        sentence_vectors = self._embed([s for _, _, s in sentence_rows], f"sentences {doc.doc_id}", progress)
        metadatas = [self._metadata(doc, c, t) | {"pipeline": pipeline} for c, t in zip(chunks, texts)]
        self._delete(doc.doc_id)
        for i in range(0, len(texts), 1000):
            self.collection.add(ids=[c.id for c in chunks[i : i + 1000]], embeddings=vectors[i : i + 1000],
                                documents=texts[i : i + 1000], metadatas=metadatas[i : i + 1000])
        for i in range(0, len(sentence_rows), 1000):
            rows = sentence_rows[i : i + 1000]
            self.sentences.add(ids=[r[0] for r in rows], embeddings=sentence_vectors[i : i + 1000],
                               metadatas=[{"doc_id": doc.doc_id, "chunk_id": r[1]} for r in rows])
        self._changed(doc.doc_id)

    def _embed(self, texts: list[str], desc: str, progress: bool) -> list[list[float]]:
        """Embed in batches of similar length (less padding), returning vectors in input order; the
        progress bar counts passages (or sentences) per second and the time left."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        batch = self.settings.embedding_batch_size
        unit = "sentence" if desc.startswith("sentences") else "passage"
        with tqdm(total=len(texts), desc=desc, unit=unit, disable=not progress, leave=False) as bar:
            for start in range(0, len(order), batch):
                ids = order[start : start + batch]
                for i, v in zip(ids, self.embeddings.embed_documents([texts[i] for i in ids])):
                    vectors[i] = v
                bar.update(len(ids))
        return vectors

    def remove(self, doc_id: str) -> int:
        removed = self._delete(doc_id)
        self._changed(doc_id)
        return removed

    def _delete(self, doc_id: str) -> int:
        ids = self.store.get(where={"doc_id": doc_id}, include=[])["ids"]
        if ids:
            self.store.delete(ids=ids)
        self.sentences.delete(where={"doc_id": doc_id})
        return len(ids)

    # --- the generation: how replicas sharing a Chroma server notice a change ---------------
    def generation(self) -> tuple[int, str]:
        """(number, token) stored in the collection's metadata: every ingest or removal of a
        document bumps the number and draws a new token. One small read: replicas call it at most
        once a second; which documents changed, they learn from ``change_tokens``."""
        self.store  # noqa: B018 (opens the client)
        metadata = self.client.get_collection(self.settings.collection).metadata or {}
        return int(metadata.get("generation", 0)), str(metadata.get("changed", ""))

    def change_tokens(self) -> dict[str, str]:
        """Each document's token of its last change (ingest or removal), by document id."""
        self.store  # noqa: B018 (opens the client)
        found = self.changes.get(include=["metadatas"])
        return {doc_id: m["token"] for doc_id, m in zip(found["ids"], found["metadatas"])}

    def _changed(self, doc_id: str) -> None:
        """Record a change of ``doc_id``: first a new token on the document's own record, then a
        new generation. The generation is read, then written, so two processes that change
        documents at the same moment may leave it one step on instead of two; the per-document
        records never overwrite each other, so a replica that sees the generation move learns
        from them every document that changed."""
        token = uuid.uuid4().hex
        self.changes.upsert(ids=[doc_id], embeddings=[[0.0]], metadatas=[{"token": token}])
        number = self.generation()[0]
        self.collection.modify(metadata={"generation": number + 1, "changed": token})

    @staticmethod
    def _metadata(doc: Document, chunk: Chunk, indexed_text: str) -> dict:
        meta = {
            "doc_id": doc.doc_id, "section": chunk.section, "page": chunk.page or "",
            "start": chunk.start, "end": chunk.end, "text_offset": len(indexed_text) - len(chunk.text),
            "kind": chunk.kind, "role": chunk.role, "priority": chunk.priority,
        }
        meta.update({f: getattr(doc, f) for f in DOC_FIELDS if f not in ("aliases", "pipeline")})
        meta["aliases"] = "|".join(doc.aliases)
        return meta

    # --- reading -------------------------------------------------------------------------
    def _read_all(self, include: list[str]) -> dict[str, list]:
        """Every record, read in pages (one read of 50,000 records exceeds SQLite's variable limit)."""
        out: dict[str, list] = {"ids": [], **{field: [] for field in include}}
        page = self.settings.read_page
        while True:
            data = self.store.get(include=include, limit=page, offset=len(out["ids"]))
            for field in out:
                out[field] += data[field]
            if len(data["ids"]) < page:
                return out

    def _records(self, doc_id: str | None, include: list[str]) -> dict[str, list]:
        if doc_id:
            return self.store.get(where={"doc_id": doc_id}, include=include)
        return self._read_all(include)

    def contents(self, doc_id: str | None = None) -> tuple[list[StoredChunk], list[DocumentInfo]]:
        """Every chunk and document (or one document's), from one read of the records."""
        data = self._records(doc_id, ["documents", "metadatas"])
        chunks = [_stored(i, d, m) for i, d, m in zip(data["ids"], data["documents"], data["metadatas"])]
        return chunks, _documents(data["metadatas"])

    def chunks(self) -> list[StoredChunk]:
        return self.contents()[0]

    def documents(self) -> list[DocumentInfo]:
        """Every document with its chunk count, from the chunks' metadata."""
        return _documents(self._records(None, ["metadatas"])["metadatas"])

    def dense_search(self, vector: list[float], k: int, doc_ids: list[str] | None = None,
                     kinds: tuple[str, ...] | None = None, within: tuple[str, list[str]] | None = None) -> list[tuple[str, float]]:
        """Ids of the ``k`` nearest chunks (of these documents and section kinds, ``within`` a part of them:
        a metadata field and its values) with their cosine similarity."""
        filters = [{field: {"$in": list(values)}} for field, values in
                   (("doc_id", doc_ids), ("kind", kinds), within or ("", None)) if values]
        where = filters[0] if len(filters) == 1 else ({"$and": filters} if filters else None)
        found = self.store.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=where)
        return [(doc.id, 1.0 - distance) for doc, distance in found]


    def sentence_similarities(self, vector: list[float], chunks: list[Chunk],
                              keep: Callable[[str], bool] | None = None) -> dict[str, dict[int, float]]:
        """For each chunk, the cosine similarity to ``vector`` of each of its sentences (those
        ``keep`` accepts, when given), by the sentence's number in the chunk. Sentence records are
        read by id (``chunk#n``), a key lookup that costs the same at any index size."""
        ids = [f"{c.id}#{i}" for c in chunks for i, text in enumerate(split_sentences(c.text)) if keep is None or keep(text)]
        if not ids:
            return {}
        found = self.sentences.get(ids=ids, include=["embeddings"])
        similarities = np.asarray(found["embeddings"], dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        by_chunk: dict[str, dict[int, float]] = {}
        for record, similarity in zip(found["ids"], similarities.tolist()):
            chunk_id, number = record.rsplit("#", 1)
            by_chunk.setdefault(chunk_id, {})[int(number)] = similarity
        return by_chunk


def sentence_text(chunk: Chunk, sentence: str) -> str:
    """What a sentence vector embeds: the sentence under its section's heading, so that a bare
    figure line or bullet ("77.6% People in employment") carries what it is about."""
    return f"{chunk.heading}: {sentence}" if chunk.heading else sentence


def _documents(metas: list[dict]) -> list[DocumentInfo]:
    """The documents the chunks' metadata names, each with its chunk count."""
    docs: dict[str, DocumentInfo] = {}
    for m in metas:
        info = docs.get(m["doc_id"])
        if info is None:
            fields = {f: m.get(f, "") for f in DOC_FIELDS}
            fields["aliases"] = [a for a in fields["aliases"].split("|") if a]
            info = docs[m["doc_id"]] = DocumentInfo(doc_id=m["doc_id"], chunks=0, **fields)
        info.chunks += 1
    return sorted(docs.values(), key=lambda d: d.doc_id)


def _stored(chunk_id: str, indexed_text: str, m: dict) -> StoredChunk:
    return StoredChunk(
        id=chunk_id, doc_id=m["doc_id"], title=m["title"], section=m["section"], page=str(m["page"]) if m["page"] else None,
        start=m["start"], end=m["end"], text=indexed_text[m["text_offset"]:], kind=m.get("kind", "other"),
        role=m.get("role", "part"), priority=m.get("priority", ""), indexed_text=indexed_text,
    )
