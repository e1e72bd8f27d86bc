"""From a question (and the conversation so far) to ranked passages.

Steps, each a small function:
1. ``contextual_query``: a follow-up ("and in West Northamptonshire?") is read together with
   the previous question, so the search knows what it refers to.
2. ``mentions``: a question naming one document (by its manifest aliases) is
   searched in that document only, unless the caller chose a document.
3. Hybrid search: dense (Chroma, cosine) and keyword (BM25) candidates, fused by reciprocal
   rank fusion, near-duplicates dropped.
4. ``balance``: a question that compares ("both", "compare", "each") gets passages from every
   document in play, best first, taking turns.

>>> contextual_query("and in rural areas?", ["Which goals address transport?"], 8)
'Which goals address transport? and in rural areas?'
>>> contextual_query("Which goals address housing?", ["Which goals address transport?"], 8)
'Which goals address housing?'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.index import Index, StoredChunk
from assistant.keywords import KeywordIndex, terms
from assistant.settings import Settings

_FOLLOW_UP = re.compile(
    r"^(and|but|also|what about|how about|what of|same|so|then|or|is that|are they|does it|do they)\b"
    r"|\b(it|its|they|them|their|that|those|these|this one|there)\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(compare|compared|comparison|contrast|both|each|differ|differs|difference|differences|"
    r"versus|vs|two documents|two plans|the documents|in common|similarities|similar)\b",
    re.I,
)


@dataclass
class Passage:
    chunk: StoredChunk
    score: float  # fused reciprocal-rank score
    similarity: float  # cosine similarity to the query (0 when only the keyword search found it)


@dataclass
class Retrieval:
    query: str
    doc_ids: list[str]  # documents searched (empty: all)
    passages: list[Passage]
    scope_terms: set[str]  # words of the document names the question used to choose its scope


def contextual_query(question: str, history: list[str], max_words: int) -> str:
    """The question, preceded by the last one when it reads as a follow-up."""
    if not history:
        return question
    short = len(question.split()) <= max_words
    if _FOLLOW_UP.search(question) and (short or question.lower().startswith(("and", "what about", "how about"))):
        return f"{history[-1]} {question}"
    return question


def mentions(question: str, aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """For each document the question names, the aliases it used."""
    text = question.lower()
    found = {}
    for doc_id, names in aliases.items():
        used = [n for n in names if n and re.search(rf"\b{re.escape(n.lower())}\b", text)]
        if used:
            found[doc_id] = used
    return found


def without_phrases(text: str, phrases: list[str]) -> str:
    """
    >>> without_phrases("What does West Northants say about parks?", ["West Northants"])
    'What does say about parks?'
    """
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(phrase)}('s)?\b", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()


def is_comparison(question: str) -> bool:
    return bool(_COMPARE.search(question))


class Retriever:
    def __init__(self, index: Index, embeddings: Embeddings, settings: Settings):
        self.index, self.embeddings, self.settings = index, embeddings, settings
        self.refresh()

    def refresh(self) -> None:
        """Re-read the chunks from the index (after an ingest)."""
        chunks = self.index.chunks()
        self.chunks = {c.id: c for c in chunks}
        self.reading_order: dict[str, list[StoredChunk]] = {}  # each document's chunks, first to last
        for c in sorted(chunks, key=lambda c: c.start):
            self.reading_order.setdefault(c.doc_id, []).append(c)
        self.keywords = KeywordIndex([c.id for c in chunks], [c.indexed_text for c in chunks])
        self.aliases = {d.doc_id: d.aliases for d in self.index.documents()}  # explicit names only: a title may be a topic

    def search(self, question: str, history: list[str] | None = None, doc_id: str | None = None, k: int | None = None) -> Retrieval:
        s = self.settings
        k = k or s.top_k
        query = contextual_query(question, history or [], s.follow_up_max_words)
        named = mentions(question, self.aliases)
        doc_ids = [doc_id] if doc_id else list(named)
        used = [a for names in named.values() for a in names]
        if len(doc_ids) == 1:  # the name chose the document; as search words it would only add noise
            query = without_phrases(query, used)
        vector = self.embeddings.embed_query(query)
        dense = self._dense(vector, doc_ids)
        allowed = {i for i, c in self.chunks.items() if c.doc_id in doc_ids} if doc_ids else None
        keyword = self.keywords.search(query, s.candidates, allowed)
        similarity = dict(dense)
        if s.fusion == "rrf":
            fused = reciprocal_rank_fusion([[i for i, _ in dense], [i for i, _ in keyword]], s.rrf_k)
        else:
            fused = convex_fusion(dense, keyword, s.dense_weight)
        passages = [Passage(self.chunks[i], score, similarity.get(i, 0.0)) for i, score in fused if i in self.chunks]
        passages = drop_near_duplicates(passages, s.near_duplicate_jaccard)
        if is_comparison(question) and len(doc_ids) != 1:
            passages = balance(passages)
        return Retrieval(query, doc_ids, passages[:k], set(terms(" ".join(used))))

    def _dense(self, vector: list[float], doc_ids: list[str]) -> list[tuple[str, float]]:
        if len(doc_ids) == 1:
            return self.index.dense_search(vector, self.settings.candidates, doc_ids[0])
        hits = self.index.dense_search(vector, self.settings.candidates)
        return [h for h in hits if not doc_ids or self.chunks.get(h[0]) and self.chunks[h[0]].doc_id in doc_ids]


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked id lists: each id scores the sum of 1 / (k + rank) over the lists.

    >>> reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=1)
    [('b', 0.8333333333333333), ('a', 0.5), ('c', 0.3333333333333333)]
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def convex_fusion(dense: list[tuple[str, float]], keyword: list[tuple[str, float]], dense_weight: float) -> list[tuple[str, float]]:
    """Fuse scores: ``w * cosine + (1 - w) * bm25 / best bm25``. Unlike rank fusion, a passage
    that only one search finds, but finds far ahead of the rest, keeps its lead.

    >>> convex_fusion([("a", 0.8), ("b", 0.6)], [("b", 10.0), ("c", 5.0)], 0.5)
    [('b', 0.8), ('a', 0.4), ('c', 0.25)]
    """
    best = max((score for _, score in keyword), default=0.0) or 1.0
    scores = {i: dense_weight * sim for i, sim in dense}
    for i, score in keyword:
        scores[i] = scores.get(i, 0.0) + (1 - dense_weight) * score / best
    return sorted(scores.items(), key=lambda kv: -kv[1])


def drop_near_duplicates(passages: list[Passage], threshold: float) -> list[Passage]:
    """Keep the first of passages whose word sets overlap (Jaccard) more than ``threshold``."""
    kept: list[tuple[Passage, set[str]]] = []
    for p in passages:
        words = set(terms(p.chunk.text))
        if all(_jaccard(words, other) <= threshold for _, other in kept):
            kept.append((p, words))
    return [p for p, _ in kept]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def balance(passages: list[Passage]) -> list[Passage]:
    """Interleave documents, each in its own rank order, the best document first."""
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.chunk.doc_id, []).append(p)
    queues = list(by_doc.values())
    out = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out
